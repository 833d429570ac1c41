// Homework (docs/api.md "Homework"): a linked clinician who is shared `goals` assigns an
// exercise from the library, a questionnaire, a reflection prompt or a custom task with a due
// date; the client sees it, marks it done (with a note); the clinician sees when. Every
// validation error names its field; consent and links decide who may; another clinician's
// assignments stay theirs; the client's export carries them; they are sealed at rest and go
// with the account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous, ISO_Z } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, p, { body, token } = {}) => api(srv.url, method, p, { body, token });
const DAY = 86_400_000;
/** The UTC date `days` from today, as YYYY-MM-DD. */
const date = (days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const staff = () => signedInStaff(srv);

async function client() {
  const made = await anonymous(srv.url, { country: 'GB' });
  return { token: made.token, id: made.user.id, handle: made.user.handle };
}

async function link(who, doctor, share) {
  const { code } = expectStatus(await call('POST', '/api/v1/clinician/invitations', { token: doctor.token }), 201);
  return expectStatus(await call('POST', '/api/v1/links', { token: who.token, body: { code, share } }), 201).link;
}

const base = (who) => `/api/v1/clinician/clients/${who.id}/assignments`;
const assign = async (doctor, who, body) =>
  expectStatus(await call('POST', base(who), { token: doctor.token, body }), 201, `assign ${JSON.stringify(body)}`).assignment;
const mine = async (who) => expectStatus(await call('GET', '/api/v1/assignments', { token: who.token }), 200).assignments;
const theirs = async (doctor, who) => expectStatus(await call('GET', base(who), { token: doctor.token }), 200).assignments;

test('a linked clinician assigns each kind; the client sees it, marks it done; the clinician sees when', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { mood: true, goals: true });
  const exercises = expectStatus(await call('GET', '/api/v1/exercises'), 200).items;
  const exercise = exercises[0];
  const phq9 = expectStatus(await call('GET', '/api/v1/instruments'), 200).instruments.find((i) => i.id === 'phq9');

  const ex = await assign(doctor, me, { kind: 'exercise', ref: exercise.id, due: date(3), instructions: 'Before bed.' });
  assert.equal(ex.kind, 'exercise');
  assert.equal(ex.ref, exercise.id);
  assert.equal(ex.title, exercise.title, 'the title defaults to the exercise\'s');
  assert.equal(ex.instructions, 'Before bed.');
  assert.equal(ex.due, date(3));
  assert.deepEqual(ex.assigned_by, { id: doctor.id, handle: doctor.handle });
  assert.match(ex.created_at, ISO_Z);
  assert.equal(ex.done_at, null);
  assert.equal(ex.note, null);
  assert.equal(typeof ex.id, 'string');

  const q = await assign(doctor, me, { kind: 'questionnaire', ref: 'phq9', due: date(1) });
  assert.equal(q.title, phq9.name, 'the title defaults to the questionnaire\'s name');
  assert.equal(q.ref, 'phq9');
  const prompt = await assign(doctor, me, { kind: 'prompt', instructions: 'What went better this week than last?', due: date(7) });
  assert.equal(prompt.ref, null);
  assert.equal(prompt.title, 'Reflection prompt');
  assert.equal(prompt.instructions, 'What went better this week than last?');
  const custom = await assign(doctor, me, { kind: 'custom', title: 'Call your sister', due: date(-1) });
  assert.equal(custom.title, 'Call your sister');
  assert.equal(custom.instructions, null);
  assert.equal(custom.due, date(-1), 'yesterday is still accepted');

  // The client sees all four, the earliest due first.
  let list = await mine(me);
  assert.deepEqual(list.map((a) => a.id), [custom.id, q.id, ex.id, prompt.id]);
  assert.deepEqual(list[2], ex, 'the client sees what the clinician set');

  // Done, with a note: done_at is set, and done ones follow the open ones.
  const done = expectStatus(await call('PATCH', `/api/v1/assignments/${custom.id}`, {
    token: me.token, body: { done: true, note: 'Called on Sunday, it went well.' },
  }), 200).assignment;
  assert.match(done.done_at, ISO_Z);
  assert.equal(done.note, 'Called on Sunday, it went well.');
  assert.deepEqual(done.assigned_by, { id: doctor.id, handle: doctor.handle });
  list = await mine(me);
  assert.deepEqual(list.map((a) => a.id), [q.id, ex.id, prompt.id, custom.id]);
  // Marking it done again keeps the first time.
  const again = expectStatus(await call('PATCH', `/api/v1/assignments/${custom.id}`, { token: me.token, body: { done: true } }), 200).assignment;
  assert.equal(again.done_at, done.done_at);
  assert.equal(again.note, done.note, 'a PATCH without note keeps it');

  // Completion shows on the clinician's side.
  const seen = await theirs(doctor, me);
  assert.equal(seen.length, 4);
  const row = seen.find((a) => a.id === custom.id);
  assert.equal(row.done_at, done.done_at);
  assert.equal(row.note, 'Called on Sunday, it went well.');

  // Undone clears done_at; null clears the note.
  const undone = expectStatus(await call('PATCH', `/api/v1/assignments/${custom.id}`, { token: me.token, body: { done: false, note: null } }), 200).assignment;
  assert.equal(undone.done_at, null);
  assert.equal(undone.note, null);
  assert.equal((await theirs(doctor, me)).find((a) => a.id === custom.id).done_at, null);

  // The clinician removes one; it is gone for both.
  expectStatus(await call('DELETE', `${base(me)}/${prompt.id}`, { token: doctor.token }), 204);
  assert.ok(!(await mine(me)).some((a) => a.id === prompt.id));
  assertError(await call('DELETE', `${base(me)}/${prompt.id}`, { token: doctor.token }), 404, 'not_found');
  assertError(await call('PATCH', `/api/v1/assignments/${prompt.id}`, { token: me.token, body: { done: true } }), 404, 'not_found');

  // Each of the clinician's steps is in the client's access log.
  const log = expectStatus(await call('GET', '/api/v1/me/access-log', { token: me.token }), 200).accesses
    .filter((a) => a.category === 'assignments');
  const actions = log.map((a) => a.action);
  assert.equal(actions.filter((a) => a === 'assign').length, 4);
  assert.ok(actions.includes('read'));
  assert.equal(actions.filter((a) => a === 'delete').length, 1);
  assert.ok(log.every((a) => a.who.id === doctor.id));
});

test('every validation error names its field', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { goals: true });
  const bad = async (body, field) => {
    const e = assertError(await call('POST', base(me), { token: doctor.token, body }), 400, 'invalid_argument', field);
    return e.message;
  };
  await bad({ due: date(2) }, 'kind');
  await bad({ kind: 'chore', title: 'x', due: date(2) }, 'kind');
  await bad({ kind: 'exercise', due: date(2) }, 'ref');
  await bad({ kind: 'exercise', ref: 'no-such-exercise', due: date(2) }, 'ref');
  await bad({ kind: 'questionnaire', ref: 'phq10', due: date(2) }, 'ref');
  await bad({ kind: 'custom', ref: 'phq9', title: 'x', due: date(2) }, 'ref');
  await bad({ kind: 'prompt', due: date(2) }, 'instructions');
  await bad({ kind: 'prompt', instructions: '   ', due: date(2) }, 'instructions');
  await bad({ kind: 'custom', due: date(2) }, 'title');
  await bad({ kind: 'custom', title: '  ', due: date(2) }, 'title');
  await bad({ kind: 'custom', title: 'x'.repeat(201), due: date(2) }, 'title');
  await bad({ kind: 'custom', title: 'x', instructions: 'y'.repeat(2001), due: date(2) }, 'instructions');
  await bad({ kind: 'custom', title: 'x' }, 'due');
  for (const due of ['2026-13-01', '2026-02-30', '05/12/2026', date(2) + 'T10:00:00Z', 20261205]) {
    await bad({ kind: 'custom', title: 'x', due }, 'due');
  }
  assert.match(await bad({ kind: 'custom', title: 'x', due: date(-3) }, 'due'), /past/);
  assert.match(await bad({ kind: 'custom', title: 'x', due: date(400) }, 'due'), /year/);
  await bad({ kind: 'custom', title: 'x', due: date(2), colour: 'blue' }, 'colour');
  // The limits themselves are fine.
  await assign(doctor, me, { kind: 'custom', title: 'x'.repeat(200), instructions: 'y'.repeat(2000), due: date(365) });
  assert.equal((await mine(me)).length, 1, 'nothing invalid was stored');

  const [one] = await mine(me);
  const patchBad = async (body, field) =>
    assertError(await call('PATCH', `/api/v1/assignments/${one.id}`, { token: me.token, body }), 400, 'invalid_argument', field);
  await patchBad({}, 'done');
  await patchBad({ note: 'only a note' }, 'done');
  await patchBad({ done: 'yes' }, 'done');
  await patchBad({ done: true, note: 'n'.repeat(2001) }, 'note');
  await patchBad({ done: true, title: 'mine now' }, 'title');
  assert.equal((await mine(me))[0].done_at, null, 'a refused PATCH changes nothing');
});

test('consent and links decide: no goals share -> 403, not linked -> 404, a client -> 403', async () => {
  const doctor = await staff();
  const stranger = await staff();
  const me = await client();
  const other = await client();
  const l = await link(me, doctor, { mood: true, assessments: true, entries: true });
  const body = { kind: 'custom', title: 'Walk twice', due: date(4) };

  for (const [method, p, b] of [['POST', base(me), body], ['GET', base(me)], ['DELETE', `${base(me)}/x`]]) {
    const e = assertError(await call(method, p, { token: doctor.token, body: b }), 403, 'permission_denied');
    assert.match(e.message, /goals/, `${method} ${p}`);
    assertError(await call(method, p, { token: stranger.token, body: b }), 404, 'not_found');
    assertError(await call(method, p, { token: other.token, body: b }), 403, 'permission_denied');
  }
  // Shared: allowed; revoked (share changed): refused at once; the client keeps what was set.
  expectStatus(await call('PATCH', `/api/v1/links/${l.id}`, { token: me.token, body: { share: { goals: true } } }), 200);
  const a = await assign(doctor, me, body);
  expectStatus(await call('PATCH', `/api/v1/links/${l.id}`, { token: me.token, body: { share: { mood: true } } }), 200);
  assertError(await call('GET', base(me), { token: doctor.token }), 403, 'permission_denied');
  expectStatus(await call('DELETE', `/api/v1/links/${l.id}`, { token: me.token }), 204);
  assertError(await call('GET', base(me), { token: doctor.token }), 404, 'not_found');
  assert.deepEqual((await mine(me)).map((x) => x.id), [a.id]);
  // Clients' own endpoints need no link, and each sees only their own.
  assert.deepEqual(await mine(other), []);
  assertError(await call('PATCH', `/api/v1/assignments/${a.id}`, { token: other.token, body: { done: true } }), 404, 'not_found');
  // Those are a client's: a clinician has none of their own.
  assertError(await call('GET', '/api/v1/assignments', { token: doctor.token }), 403, 'permission_denied');
  assertError(await call('PATCH', `/api/v1/assignments/${a.id}`, { token: doctor.token, body: { done: true } }), 403, 'permission_denied');
  // No session: 401.
  assertError(await call('GET', '/api/v1/assignments'), 401);
});

test('each clinician sees and removes only the assignments they set', async () => {
  const first = await staff();
  const second = await staff();
  const me = await client();
  await link(me, first, { goals: true });
  await link(me, second, { goals: true });
  const a = await assign(first, me, { kind: 'custom', title: 'From the first', due: date(2) });
  const b = await assign(second, me, { kind: 'custom', title: 'From the second', due: date(3) });
  assert.deepEqual((await theirs(first, me)).map((x) => x.id), [a.id]);
  assert.deepEqual((await theirs(second, me)).map((x) => x.id), [b.id]);
  assertError(await call('DELETE', `${base(me)}/${a.id}`, { token: second.token }), 404, 'not_found');
  const both = await mine(me);
  assert.deepEqual(both.map((x) => x.id), [a.id, b.id]);
  assert.deepEqual(both.map((x) => x.assigned_by.id), [first.id, second.id]);
});

test('homework is in the export, sealed at rest, and goes with the account', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { goals: true });
  const id = crypto.randomBytes(6).toString('hex');
  const sentinels = {
    title: `Periwinkle lighthouse ${id} task`,
    instructions: `Juniper accordion ${id} steps`,
    note: `Cobalt marmalade ${id} note`,
  };
  const a = await assign(doctor, me, { kind: 'custom', title: sentinels.title, instructions: sentinels.instructions, due: date(5) });
  expectStatus(await call('PATCH', `/api/v1/assignments/${a.id}`, { token: me.token, body: { done: true, note: sentinels.note } }), 200);

  const exported = expectStatus(await call('GET', '/api/v1/me/export', { token: me.token }), 200);
  assert.equal(exported.assignments.length, 1);
  assert.equal(exported.assignments[0].id, a.id);
  assert.equal(exported.assignments[0].title, sentinels.title);
  assert.equal(exported.assignments[0].note, sentinels.note);
  assert.deepEqual(exported.assignments[0].assigned_by, { id: doctor.id, handle: doctor.handle });
  assert.equal(exported.unreadable_items, 0);

  // Not in clear in any database file (the database, its log), nor in the server's output.
  const files = fs.readdirSync(srv.dataDir).filter((f) => f.startsWith('interlude.db')).map((f) => path.join(srv.dataDir, f));
  assert.ok(files.length > 0);
  // The scan sees what was just written: the assignment's id is stored in clear.
  assert.ok(files.some((f) => fs.readFileSync(f).includes(Buffer.from(a.id, 'utf8'))), 'the scan finds the row');
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    for (const [what, s] of Object.entries(sentinels)) {
      assert.ok(!bytes.includes(Buffer.from(s, 'utf8')), `${path.basename(f)} contains the ${what}`);
      assert.ok(!bytes.includes(Buffer.from(id, 'utf8')), `${path.basename(f)} contains the marker`);
    }
  }
  for (const s of Object.values(sentinels)) assert.ok(!srv.output().includes(s), 'the server log has content');

  // Deleting the account removes them (the rows, not only the key).
  const count = () => Number(execFileSync('sqlite3', [path.join(srv.dataDir, 'interlude.db'),
    `SELECT count(*) FROM assignments WHERE user_id = '${me.id}'`], { encoding: 'utf8' }).trim());
  assert.equal(count(), 1);
  expectStatus(await call('DELETE', '/api/v1/me', { token: me.token }), 204);
  assert.equal(count(), 0);
  assertError(await call('GET', base(me), { token: doctor.token }), 404, 'not_found');
});

test('SAFE-089: a homework note goes through the safety layer: a high-risk note is answered with the crisis card and raises the alert', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { goals: true, safety_alerts: true });
  const a = await assign(doctor, me, { kind: 'custom', title: 'Notice one good moment', due: date(3) });
  const note = 'I have been saving up my pills and I am going to take them all tonight.';
  const res = expectStatus(await call('PATCH', `/api/v1/assignments/${a.id}`, { token: me.token, body: { done: true, note } }), 200);
  assert.equal(res.safety?.tier, 'high', 'the note is read like any other writing');
  assert.ok(res.safety.resources.length > 0, 'with the crisis card');
  assert.equal(res.assignment.note, note, 'and the note is kept');
  const alerts = expectStatus(await call('GET', '/api/v1/clinician/alerts?status=open', { token: doctor.token }), 200).alerts;
  const mineAlert = alerts.find((x) => x.item_id === a.id);
  assert.ok(mineAlert, 'the linked clinician sees the alert');
  assert.equal(mineAlert.source, 'assignment');
  assert.ok(!JSON.stringify(mineAlert).includes('pills'), 'the alert carries no words');
  // A calm note carries no safety response.
  const calm = expectStatus(await call('PATCH', `/api/v1/assignments/${a.id}`, { token: me.token, body: { done: true, note: 'The walk helped a little.' } }), 200);
  assert.equal(calm.safety, undefined);
});
