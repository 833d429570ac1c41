// Hostile input (issue 8): SQL metacharacters and classic injection strings in every string
// field of the write endpoints, in query parameters and in path ids. Whatever is sent:
//   - never a server error (5xx), always the documented error shape or a success;
//   - a value that is valid input round-trips exactly (what is read back is what was sent);
//   - nothing changes in another person's data, no row appears that was not asked for, no
//     table disappears, and a log-in with `' OR '1'='1` is refused;
//   - the database stays sound (PRAGMA integrity_check).
// scripts/sqlmap.sh runs Debian's sqlmap against a live server for the same property.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../support/integration.mjs';
import { api, anonymous, assertErrorShape, expectStatus, freshAddress, STRONG_PASSWORD } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

const PAYLOADS = [
  "'", '"', ';', '--', '/*', '*/', '%00', '\u0000', '\\', "\\'", '`', '%', '_', '*', '?1', ':name', '@x', '$1',
  "' OR '1'='1", '" OR "1"="1', "' OR 1=1 --", "') OR ('a'='a", "admin'--", "1' AND '1'='2",
  "'; DROP TABLE entries; --", "1; DELETE FROM users; --", "' UNION SELECT id, body FROM entries --",
  "' UNION SELECT NULL, password_hash, NULL FROM users --", "' || (SELECT handle FROM users LIMIT 1) || '",
  "1' AND 1=CAST((SELECT password_hash FROM users LIMIT 1) AS INT) --", "' AND sqlite_version() > '0",
  "'; ATTACH DATABASE '/tmp/interlude-sqlinj-attach.db' AS x; --", "%27%20OR%201%3D1", "\u2019 OR \u20181\u2019=\u20181",
  "Robert'); DROP TABLE checkins;--", "x' AND randomblob(100000000) AND 'a'='a", "1 OR 1=1",
];

const CREDENTIAL_PAYLOADS = new Set(["'", '"', "\\'", "' OR '1'='1", '" OR "1"="1', "' OR 1=1 --", "admin'--",
  "') OR ('a'='a", "' UNION SELECT NULL, password_hash, NULL FROM users --", '\u0000']);

let srv;
let victim;
let attacker;
let doctor;
let victimBefore;
let tablesBefore;

const call = (method, p, opts = {}) => api(srv.url, method, p, opts);
const dbPath = () => path.join(srv.dataDir, 'interlude.db');
const sql = (q) => execFileSync('sqlite3', ['-readonly', dbPath(), q], { encoding: 'utf8' }).trim();

/** Everything the victim can see of their own data, for a before/after comparison. */
async function snapshot(who) {
  const get = async (p) => expectStatus(await call('GET', p, { token: who.token }), 200, p);
  return {
    entries: (await get('/api/v1/entries?limit=100')).entries,
    checkins: (await get('/api/v1/checkins?limit=1000')).checkins,
    assessments: (await get('/api/v1/assessments?limit=100')).assessments,
    plan: (await get('/api/v1/safety-plan')).plan,
    conversations: (await get('/api/v1/conversations?limit=100')).items,
    activities: (await get('/api/v1/activities')).items,
    links: (await get('/api/v1/links')).links,
    me: (await get('/api/v1/me')).user,
  };
}

before(async () => {
  srv = await startServer();
  const v = await anonymous(srv.url, { country: 'GB' });
  victim = { token: v.token, id: v.user.id };
  const a = await anonymous(srv.url, { country: 'GB' });
  attacker = { token: a.token, id: a.user.id };
  doctor = await signedInStaff(srv);
  // The victim's data.
  const vt = { token: victim.token };
  expectStatus(await call('POST', '/api/v1/entries', { ...vt, body: { text: 'The victim wrote this.', title: 'mine' } }), 201);
  expectStatus(await call('POST', '/api/v1/checkins', { ...vt, body: { valence: 5, energy: 3, note: 'victim note', tags: ['walk'] } }), 201);
  expectStatus(await call('POST', '/api/v1/assessments', { ...vt, body: { instrument: 'gad7', answers: [1, 1, 1, 1, 0, 0, 0] } }), 201);
  expectStatus(await call('PUT', '/api/v1/safety-plan', { ...vt, body: { steps: { warning_signs: ['victim sign'] }, reasons_for_living: ['victim reason'] } }), 200);
  expectStatus(await call('POST', '/api/v1/activities', { ...vt, body: { title: 'victim walk', planned_for: '2026-12-01' } }), 201);
  const vc = expectStatus(await call('POST', '/api/v1/conversations', { ...vt, body: {} }), 201);
  expectStatus(await call('POST', `/api/v1/conversations/${vc.id}/messages`, { ...vt, body: { text: 'victim message' } }), 200);
  victimBefore = await snapshot(victim);
  // The attacker is linked to a clinician, so the clinician-side writes can be tried too.
  const { code } = expectStatus(await call('POST', '/api/v1/clinician/invitations', { token: doctor.token }), 201);
  expectStatus(await call('POST', '/api/v1/links', { token: attacker.token, body: { code, share: { goals: true, mood: true, safety_alerts: true } } }), 201);
  tablesBefore = sql("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)");
});

after(async () => { await srv?.stop(); });

/** No 5xx; an error has the documented shape. Returns the response. */
function sane(res, what) {
  assert.ok(res.status < 500, `${what}: ${res.status} ${res.text.slice(0, 200)}`);
  if (res.status >= 400) assertErrorShape(res);
  return res;
}

/** Runs every case, and fails once listing every failure. */
async function everyPayload(fn) {
  const failed = [];
  for (const p of PAYLOADS) {
    try { await fn(p); } catch (e) { failed.push(`${JSON.stringify(p)}: ${String(e.message).split('\n')[0]}`); }
  }
  assert.deepEqual(failed, [], `${failed.length} payloads failed:\n  ${failed.join('\n  ')}`);
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

test('metacharacters in the words of entries, check-ins, messages, plans, activities and homework round-trip exactly', async () => {
  const me = { token: attacker.token };
  const conv = expectStatus(await call('POST', '/api/v1/conversations', { ...me, body: {} }), 201);
  const asg = expectStatus(await call('POST', `/api/v1/clinician/clients/${attacker.id}/assignments`, { token: doctor.token, body: { kind: 'custom', title: 'x', due: tomorrow() } }), 201).assignment;
  let created = 0;
  await everyPayload(async (p) => {
    const text = `before ${p} after`;
    // Entries: text and title, then a structured kind's fields, then PUT.
    const res = sane(await call('POST', '/api/v1/entries', { ...me, body: { text, title: p } }), 'POST entry');
    assert.equal(res.status, 201, `POST entry ${res.text.slice(0, 200)}`);
    created += 1;
    const e = res.json.entry;
    assert.equal(e.text, text);
    assert.equal(e.title, p.trim() === '' ? null : p);
    const got = expectStatus(await call('GET', `/api/v1/entries/${e.id}`, me), 200).entry;
    assert.equal(got.text, text, 'entry text read back');
    assert.equal(got.title, e.title, 'entry title read back');
    const fields = { situation: p, automatic_thought: text, evidence_for: p, evidence_against: p, balanced_thought: p };
    const tr = sane(await call('POST', '/api/v1/entries', { ...me, body: { kind: 'thought_record', text, fields } }), 'thought record');
    assert.equal(tr.status, 201);
    created += 1;
    const trGot = expectStatus(await call('GET', `/api/v1/entries/${tr.json.entry.id}`, me), 200).entry;
    for (const [k, v] of Object.entries(fields)) assert.equal(trGot.fields[k], v, `fields.${k} read back`);
    const put = sane(await call('PUT', `/api/v1/entries/${e.id}`, { ...me, body: { text: `${p} edited`, title: 'x' } }), 'PUT entry');
    assert.equal(put.status, 200);
    assert.equal(expectStatus(await call('GET', `/api/v1/entries/${e.id}`, me), 200).entry.text, `${p} edited`);

    // Check-ins: the note, and a tag (tags are lower-cased; 1-40 characters).
    const c = sane(await call('POST', '/api/v1/checkins', { ...me, body: { valence: 4, energy: 3, note: text, tags: [`t${p}`] } }), 'check-in');
    if (c.status === 201) {
      assert.equal(c.json.checkin.note, text);
      assert.deepEqual(c.json.checkin.tags, [`t${p}`.toLowerCase()]);
      const list = expectStatus(await call('GET', '/api/v1/checkins?limit=1', me), 200).checkins;
      assert.equal(list[0].note, text, 'check-in note read back');
      assert.deepEqual(list[0].tags, [`t${p}`.toLowerCase()], 'check-in tag read back');
    } else {
      // A tag is a word, not any text: a refusal must name the tags, and the note alone goes in.
      assert.equal(c.json.error.field?.startsWith('tags'), true, `check-in refused on ${c.json.error.field}`);
      const n = expectStatus(await call('POST', '/api/v1/checkins', { ...me, body: { valence: 4, energy: 3, note: text } }), 201);
      assert.equal(n.checkin.note, text);
    }

    // A companion message.
    const m = sane(await call('POST', `/api/v1/conversations/${conv.id}/messages`, { ...me, body: { text } }), 'message');
    assert.equal(m.status, 200);
    const msgs = expectStatus(await call('GET', `/api/v1/conversations/${conv.id}`, me), 200).messages;
    assert.equal(msgs.filter((x) => x.role === 'user').at(-1).text, text, 'message read back');

    // The safety plan.
    const plan = sane(await call('PUT', '/api/v1/safety-plan', { ...me, body: { steps: { warning_signs: [text], coping_strategies: [p.trim() ? p : 'x'] }, reasons_for_living: [text] } }), 'safety plan');
    assert.equal(plan.status, 200);
    const planGot = expectStatus(await call('GET', '/api/v1/safety-plan', me), 200).plan;
    assert.deepEqual(planGot.steps.warning_signs, [text]);
    assert.deepEqual(planGot.reasons_for_living, [text]);

    // An activity, then PATCH its title.
    const act = sane(await call('POST', '/api/v1/activities', { ...me, body: { title: text, planned_for: '2026-12-02' } }), 'activity');
    assert.equal(act.status, 201);
    assert.equal(act.json.title, text);
    const patched = sane(await call('PATCH', `/api/v1/activities/${act.json.id}`, { ...me, body: { title: `${text}!` } }), 'PATCH activity');
    assert.equal(patched.status, 200);
    assert.equal(patched.json.title, `${text}!`);

    // Homework: the client's note; the clinician's title and instructions.
    const hw = sane(await call('PATCH', `/api/v1/assignments/${asg.id}`, { ...me, body: { done: true, note: text } }), 'homework note');
    assert.equal(hw.status, 200);
    assert.equal(hw.json.assignment.note, text);
    const set = sane(await call('POST', `/api/v1/clinician/clients/${attacker.id}/assignments`, { token: doctor.token, body: { kind: 'custom', title: text, instructions: text, due: tomorrow() } }), 'assignment');
    assert.equal(set.status, 201);
    assert.equal(set.json.assignment.title, text);
    assert.equal(set.json.assignment.instructions, text);

    // The thought-record helper stores nothing; it must still not fail.
    sane(await call('POST', '/api/v1/analysis/distortions', { ...me, body: { text } }), 'distortions');
  });
  // No statement smuggled a row in or out: exactly the entries that were created.
  const entries = expectStatus(await call('GET', '/api/v1/entries?limit=100', me), 200).entries;
  assert.equal(entries.length, created);
});

test('metacharacters in identifiers, codes, enums and credentials are refused cleanly, never run', async () => {
  const me = { token: attacker.token };
  const client = `/api/v1/clinician/clients/${attacker.id}`;
  await everyPayload(async (p) => {
    // Password hashing is slow by design (and more so under AddressSanitizer): the credential
    // routes get the classic log-in bypasses only.
    const credentials = CREDENTIAL_PAYLOADS.has(p) ? [
      ['POST', '/api/v1/auth/login', { body: { login: p, password: p }, localAddress: freshAddress() }],
      ['POST', '/api/v1/auth/login', { body: { login: `${p}@example.org`, password: `${p}${p}${p}${p}${p}${p}${p}${p}` }, localAddress: freshAddress() }],
      ['POST', '/api/v1/auth/setup', { body: { login: p, code: p, password: STRONG_PASSWORD } }],
      ['POST', '/api/v1/auth/register', { body: { email: `a${p}b@example.org`, password: `${STRONG_PASSWORD}${p}` } }],
      ['POST', '/api/v1/me/password', { ...me, body: { current_password: p, new_password: `${STRONG_PASSWORD}${p}` } }],
      ['POST', '/api/v1/me/two-factor/recovery-codes', { token: doctor.token, body: { password: p } }],
    ] : [];
    const cases = [
      ...credentials,
      ['POST', '/api/v1/auth/anonymous', { body: { country: p } }],
      ['PATCH', '/api/v1/me', { ...me, body: { country: p } }],
      ['PATCH', '/api/v1/me', { ...me, body: { reflections: p } }],
      ['POST', '/api/v1/entries', { ...me, body: { kind: p, text: 'x' } }],
      ['POST', '/api/v1/checkins', { ...me, body: { valence: 3, energy: 3, emotions: [p], at: p } }],
      ['POST', '/api/v1/assessments', { ...me, body: { instrument: p, answers: [0, 0] } }],
      ['PUT', '/api/v1/assessments/schedule', { ...me, body: { instrument: p, frequency: p } }],
      ['PUT', '/api/v1/assessments/schedule', { ...me, body: { next_session_at: p } }],
      ['POST', '/api/v1/screenings', { ...me, body: { answers: { q1: p, q2: false, q6: false } } }],
      ['PUT', '/api/v1/safety-plan', { ...me, body: { steps: { [p]: ['x'] } } }],
      ['POST', '/api/v1/links', { ...me, body: { code: p, share: { mood: true } } }],
      ['POST', '/api/v1/links', { ...me, body: { code: p, share: { [p]: true } } }],
      ['POST', '/api/v1/conversations', { ...me, body: { [p]: p } }],
      ['POST', '/api/v1/exercises/box_breathing/feedback', { ...me, body: { helped: true, conversation_id: p } }],
      ['POST', '/api/v1/activities', { ...me, body: { title: 'x', planned_for: p, category: p } }],
      ['POST', `${client}/sessions`, { token: doctor.token, body: { at: p } }],
      ['POST', `${client}/sessions/import`, { token: doctor.token, body: { ics: `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:${p}\r\nDTSTART:20261210T100000Z\r\nSUMMARY:${p}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n` } }],
      ['POST', `${client}/assignments`, { token: doctor.token, body: { kind: p, ref: p, due: p } }],
      ['POST', `${client}/assignments`, { token: doctor.token, body: { kind: 'exercise', ref: p, due: tomorrow() } }],
      ['POST', `${client}/assignments`, { token: doctor.token, body: { kind: 'questionnaire', ref: p, due: tomorrow() } }],
    ];
    for (const [method, p2, opts] of cases) {
      const res = sane(await call(method, p2, opts), `${method} ${p2}`);
      if (p2 === '/api/v1/auth/login') assert.notEqual(res.status, 200, `log-in with ${JSON.stringify(p)} succeeded`);
    }
  });
});

test('metacharacters in query parameters and path ids: 400 or 404, or an answer with only the caller\'s data', async () => {
  const me = { token: attacker.token };
  const q = encodeURIComponent;
  await everyPayload(async (p) => {
    const reads = [
      `/api/v1/entries?before=${q(p)}`, `/api/v1/entries?limit=${q(p)}`, `/api/v1/entries?before=1.${q(p)}`,
      `/api/v1/checkins?from=${q(p)}&to=${q(p)}`, `/api/v1/checkins?limit=${q(p)}`,
      `/api/v1/insights?from=${q(p)}`, `/api/v1/assessments?instrument=${q(p)}`, `/api/v1/screenings?limit=${q(p)}`,
      `/api/v1/conversations?limit=${q(p)}`, `/api/v1/activities?from=${q(p)}&to=${q(p)}`,
      `/api/v1/exercises/suggestions?hour=${q(p)}&count=${q(p)}`, `/api/v1/exercises/history?limit=${q(p)}`,
      `/api/v1/me/access-log?limit=${q(p)}`, `/api/v1/safety/resources?country=${q(p)}`,
      `/api/v1/entries?${q(p)}=${q(p)}`,
      `/api/v1/entries/${q(p)}`, `/api/v1/conversations/${q(p)}`, `/api/v1/exercises/${q(p)}`,
      `/api/v1/clinician/clients/${q(p)}/entries`,
      `/api/v1/clinician/alerts?status=${q(p)}&limit=${q(p)}`,
    ];
    for (const r of reads) {
      const token = r.startsWith('/api/v1/clinician') ? doctor.token : attacker.token;
      const res = sane(await call('GET', r, { token }), `GET ${r}`);
      assert.ok(!res.text.includes('victim'), `GET ${r} answered with the victim's data`);
    }
    for (const [method, r] of [['PUT', `/api/v1/entries/${q(p)}`], ['PATCH', `/api/v1/entries/${q(p)}`], ['DELETE', `/api/v1/entries/${q(p)}`],
      ['DELETE', `/api/v1/checkins/${q(p)}`], ['DELETE', `/api/v1/conversations/${q(p)}`], ['PATCH', `/api/v1/links/${q(p)}`],
      ['DELETE', `/api/v1/links/${q(p)}`], ['PATCH', `/api/v1/activities/${q(p)}`], ['DELETE', `/api/v1/activities/${q(p)}`],
      ['PATCH', `/api/v1/assignments/${q(p)}`], ['POST', `/api/v1/conversations/${q(p)}/messages`]]) {
      const body = method === 'DELETE' ? undefined : { text: 'x', shared: true, done: true, title: 'x', share: {} };
      const res = sane(await call(method, r, { ...me, body }), `${method} ${r}`);
      assert.ok([400, 404, 405].includes(res.status), `${method} ${r}: ${res.status}`);
    }
    const ack = sane(await call('POST', `/api/v1/clinician/alerts/${q(p)}/acknowledge`, { token: doctor.token, body: {} }), 'acknowledge');
    assert.ok([400, 404].includes(ack.status));
  });
});

test('afterwards: the victim\'s data is unchanged, every table is there, the database is sound', async () => {
  assert.deepEqual(await snapshot(victim), victimBefore, 'nothing changed in another person\'s data');
  assert.equal(sql("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)"), tablesBefore);
  assert.equal(sql('PRAGMA integrity_check'), 'ok');
  assert.ok(!existsSync('/tmp/interlude-sqlinj-attach.db'), 'no database was attached and created');
});
