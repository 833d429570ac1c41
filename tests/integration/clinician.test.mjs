// The clinician's reads of a linked client (docs/api.md "Clinician side"): what each share
// allows, shared and unshared journal entries (PATCH shared, paging), the caseload sorted by
// need, revocation taking effect at once, the client's access log, and `interlude audit
// verify` finding an edited record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, runCli } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous, STRONG_PASSWORD, unique, ISO_Z } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

const HIGH = 'I have the pills counted out and I am going to take them tonight.';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token });

/** A clinician (or admin) made with the CLI and signed in with a TOTP code: {token, id, handle}. */
const staff = (server = srv, role = 'clinician') =>
  signedInStaff(server, { role, clinic: role === 'admin' ? unique('Clinic') : undefined });

/** An anonymous client: {token, id, handle}. */
async function client(server = srv) {
  const made = await anonymous(server.url, { country: 'GB' });
  return { token: made.token, id: made.user.id, handle: made.user.handle };
}

async function link(server, who, doctor, share) {
  const { code } = expectStatus(await api(server.url, 'POST', '/api/v1/clinician/invitations', { token: doctor.token }), 201);
  return expectStatus(await api(server.url, 'POST', '/api/v1/links', { token: who.token, body: { code, share } }), 201).link;
}

const accessLog = async (who) => expectStatus(await call('GET', '/api/v1/me/access-log', { token: who.token }), 200).accesses;

test('each read is allowed or refused by the share, in the client\'s own shapes', async () => {
  const doctor = await staff();
  const stranger = await staff();
  const me = await client();
  expectStatus(await call('POST', '/api/v1/checkins', { token: me.token, body: { valence: 3, energy: 2, tags: ['walk'] } }), 201);
  expectStatus(await call('POST', '/api/v1/checkins', { token: me.token, body: { valence: 5, energy: 3 } }), 201);
  expectStatus(await call('POST', '/api/v1/assessments', { token: me.token, body: { instrument: 'gad7', answers: [1, 1, 1, 1, 0, 0, 0] } }), 201);
  expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text: 'A shared thought about work.', shared: true } }), 201);
  await link(srv, me, doctor, { mood: true, assessments: true });
  const base = `/api/v1/clinician/clients/${me.id}`;

  const profile = expectStatus(await call('GET', base, { token: doctor.token }), 200).client;
  assert.equal(profile.id, me.id);
  assert.equal(profile.handle, me.handle);
  assert.match(profile.linked_at, ISO_Z);
  assert.equal(profile.share.mood, true);
  assert.equal(profile.share.entries, false);

  // Shared categories answer exactly as the client's own endpoints do.
  const own = (path) => call('GET', path, { token: me.token }).then((r) => expectStatus(r, 200));
  const theirs = (path) => call('GET', base + path, { token: doctor.token }).then((r) => expectStatus(r, 200));
  assert.deepEqual(await theirs('/checkins?limit=1'), await own('/api/v1/checkins?limit=1'));
  assert.deepEqual(await theirs('/checkins'), await own('/api/v1/checkins'));
  assert.deepEqual(await theirs('/assessments'), await own('/api/v1/assessments'));
  const insights = await theirs('/insights');
  const ownInsights = await own('/api/v1/insights');
  assert.deepEqual(Object.keys(insights).sort(), Object.keys(ownInsights).sort());
  assert.deepEqual(insights.days, ownInsights.days);
  assert.equal(ownInsights.counts.entries, 1);
  assert.equal(insights.counts.entries, 0, 'entries are not shared: the clinician\'s insights leave them out');

  // Categories not shared: 403 naming the category.
  for (const [path, what] of [['/entries', 'entries'], ['/conversations', 'conversations'], ['/alerts', 'safety alerts'], ['/safety-plan', 'safety plan']]) {
    const e = assertError(await call('GET', base + path, { token: doctor.token }), 403, 'permission_denied');
    assert.match(e.message, new RegExp(what), path);
  }
  // A bad query is refused by name, and is not recorded as a read.
  const before = (await accessLog(me)).length;
  assertError(await call('GET', `${base}/checkins?limit=0`, { token: doctor.token }), 400, 'invalid_argument', 'limit');
  assertError(await call('GET', `${base}/insights?from=nonsense`, { token: doctor.token }), 400, 'invalid_argument', 'from');
  assertError(await call('GET', `${base}/assessments?instrument=bdi`, { token: doctor.token }), 400, 'invalid_argument', 'instrument');
  assert.equal((await accessLog(me)).length, before);

  // Not linked: 404 for everything, even what exists; not a clinician: 403.
  for (const path of ['', '/checkins', '/insights', '/assessments', '/entries', '/conversations', '/alerts', '/safety-plan']) {
    assertError(await call('GET', base + path, { token: stranger.token }), 404, 'not_found', undefined);
    assertError(await call('GET', base + path, { token: me.token }), 403, 'permission_denied');
  }
  assertError(await call('GET', `/api/v1/clinician/clients/${stranger.id}/checkins`, { token: doctor.token }), 404, 'not_found');
  assertError(await call('GET', '/api/v1/clinician/clients/nosuchclient', { token: doctor.token }), 404, 'not_found');
});

test('entries: shared per entry (POST, PUT, PATCH); the clinician sees only shared ones, paged', async () => {
  const doctor = await staff();
  const me = await client();
  const post = async (text, extra = {}) => expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text, ...extra } }), 201).entry;

  const quiet = await post('Not for anyone else.');
  assert.equal(quiet.shared, false, 'entries are not shared by default');
  const open = await post('Something I want to talk about on Tuesday.', { shared: true });
  assert.equal(open.shared, true);
  assertError(await call('POST', '/api/v1/entries', { token: me.token, body: { text: 'x', shared: 'yes' } }), 400, 'invalid_argument', 'shared');
  // PUT replaces: without `shared` the entry is not shared.
  const replaced = expectStatus(await call('PUT', `/api/v1/entries/${open.id}`, { token: me.token, body: { text: 'Something I want to talk about.' } }), 200).entry;
  assert.equal(replaced.shared, false);
  const reshared = expectStatus(await call('PUT', `/api/v1/entries/${open.id}`, { token: me.token, body: { text: 'Something I want to talk about.', shared: true } }), 200).entry;
  assert.equal(reshared.shared, true);

  // PATCH changes only `shared`: same words, analysis and updated_at, no reflection.
  const patched = expectStatus(await call('PATCH', `/api/v1/entries/${quiet.id}`, { token: me.token, body: { shared: true } }), 200);
  assert.deepEqual(Object.keys(patched), ['entry']);
  assert.equal(patched.entry.shared, true);
  assert.equal(patched.entry.text, quiet.text);
  assert.equal(patched.entry.updated_at, quiet.updated_at);
  assert.deepEqual(patched.entry.analysis, quiet.analysis);
  assert.equal(expectStatus(await call('GET', `/api/v1/entries/${quiet.id}`, { token: me.token }), 200).entry.shared, true);
  expectStatus(await call('PATCH', `/api/v1/entries/${quiet.id}`, { token: me.token, body: { shared: false } }), 200);
  assertError(await call('PATCH', `/api/v1/entries/${quiet.id}`, { token: me.token, body: {} }), 400, 'invalid_argument', 'shared');
  assertError(await call('PATCH', `/api/v1/entries/${quiet.id}`, { token: me.token, body: { shared: true, text: 'new words' } }), 400, 'invalid_argument', 'text');
  assertError(await call('PATCH', `/api/v1/entries/${quiet.id}`, { token: me.token, body: { shared: 1 } }), 400, 'invalid_argument', 'shared');
  const other = await client();
  assertError(await call('PATCH', `/api/v1/entries/${quiet.id}`, { token: other.token, body: { shared: true } }), 404, 'not_found');

  // Interleave more shared and unshared entries: shared newest first are s5..s1, then `open`.
  const shared = [reshared.id];
  for (let i = 1; i <= 5; i += 1) {
    shared.unshift((await post(`Shared note number ${i}.`, { shared: true })).id);
    await post(`Private note number ${i}.`);
    await post(`Another private note ${i}.`);
  }
  // The export carries `shared` too.
  const exported = expectStatus(await call('GET', '/api/v1/me/export', { token: me.token }), 200);
  assert.ok(exported.entries.every((e) => typeof e.shared === 'boolean'));
  assert.equal(exported.entries.filter((e) => e.shared).length, 6);

  const base = `/api/v1/clinician/clients/${me.id}/entries`;
  const l = await link(srv, me, doctor, { mood: true });
  assertError(await call('GET', base, { token: doctor.token }), 403, 'permission_denied');
  expectStatus(await call('PATCH', `/api/v1/links/${l.id}`, { token: me.token, body: { share: { entries: true } } }), 200);
  const seen = [];
  let cursor = null;
  const sizes = [];
  do {
    const page = expectStatus(await call('GET', `${base}?limit=4${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`, { token: doctor.token }), 200);
    sizes.push(page.entries.length);
    for (const e of page.entries) {
      assert.equal(e.shared, true);
      assert.ok(e.analysis && typeof e.analysis === 'object', 'with the analysis');
      seen.push(e.id);
    }
    cursor = page.next_before;
  } while (cursor);
  assert.deepEqual(sizes, [4, 2]);
  assert.deepEqual(seen, shared, 'every shared entry once, newest first, and no other');
  // Exactly a page of shared entries left: next_before is null on that page.
  const lastTwo = expectStatus(await call('GET', `${base}?limit=2&before=${encodeURIComponent(
    expectStatus(await call('GET', `${base}?limit=4`, { token: doctor.token }), 200).next_before)}`, { token: doctor.token }), 200);
  assert.equal(lastTwo.entries.length, 2);
  assert.equal(lastTwo.next_before, null);
  assertError(await call('GET', `${base}?before=garbage`, { token: doctor.token }), 400, 'invalid_argument', 'before');
});

test('conversations: only summaries the client chose to share', async () => {
  const doctor = await staff();
  const me = await client();
  const one = expectStatus(await call('POST', '/api/v1/conversations', { token: me.token, body: {} }), 201);
  expectStatus(await call('POST', `/api/v1/conversations/${one.id}/messages`, { token: me.token, body: { text: 'Work has been stressful and I keep worrying about deadlines.' } }), 200);
  const two = expectStatus(await call('POST', '/api/v1/conversations', { token: me.token, body: {} }), 201);
  expectStatus(await call('PATCH', `/api/v1/conversations/${one.id}`, { token: me.token, body: { share_summary: true } }), 200);
  await link(srv, me, doctor, { conversations: true });
  const { summaries } = expectStatus(await call('GET', `/api/v1/clinician/clients/${me.id}/conversations`, { token: doctor.token }), 200);
  assert.deepEqual(summaries.map((s) => s.id), [one.id]);
  assert.deepEqual(Object.keys(summaries[0]).sort(), ['id', 'summary', 'updated_at']);
  assert.equal(typeof summaries[0].summary, 'string');
  assert.ok(!summaries.some((s) => s.id === two.id));
});

test('the caseload is sorted by need, each fact only from what the client shares', async () => {
  const doctor = await staff();
  const alerting = await client();
  const worse = await client();
  const calm = await client();
  const silent = await client();
  await link(srv, alerting, doctor, { safety_alerts: true, mood: true });
  await link(srv, worse, doctor, { assessments: true });
  await link(srv, calm, doctor, { mood: true });
  await link(srv, silent, doctor, {});
  expectStatus(await call('POST', '/api/v1/entries', { token: alerting.token, body: { text: HIGH } }), 201);
  expectStatus(await call('POST', '/api/v1/checkins', { token: calm.token, body: { valence: 6, energy: 4 } }), 201);
  expectStatus(await call('POST', '/api/v1/assessments', { token: worse.token, body: { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 0, 0, 0, 0] } }), 201);
  expectStatus(await call('POST', '/api/v1/assessments', { token: worse.token, body: { instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 2, 2, 0] } }), 201);

  const { clients } = expectStatus(await call('GET', '/api/v1/clinician/clients', { token: doctor.token }), 200);
  // Equal need: the longer silence first, and a client who shares no activity is the longest.
  assert.deepEqual(clients.map((c) => c.client.id), [alerting.id, worse.id, silent.id, calm.id]);
  const [a, w, s, c] = clients;
  for (const row of clients) {
    assert.deepEqual(Object.keys(row).sort(), ['client', 'last_activity_at', 'latest', 'linked_at', 'need', 'next_session_at', 'open_alerts', 'share', 'sparkline']);
    assert.equal(row.next_session_at, null);
  }
  assert.equal(a.open_alerts, 1);
  assert.deepEqual(a.need.reasons.map((r) => r.code), ['open_alert']);
  assert.equal(a.need.reasons[0].text, '1 safety alert not yet acknowledged');
  assert.equal(a.latest, null, 'assessments not shared');
  assert.equal(a.sparkline.length, 14);

  assert.equal(w.open_alerts, null, 'alerts not shared');
  assert.equal(w.sparkline, null, 'mood not shared');
  assert.deepEqual(w.need.reasons.map((r) => r.code), ['reliable_deterioration']);
  assert.match(w.need.reasons[0].text, /PHQ-9 reliably worse/);
  assert.equal(w.latest.length, 1);
  assert.equal(w.latest[0].instrument, 'phq9');
  assert.equal(w.latest[0].score, 22);
  assert.equal(w.latest[0].severity, 'severe');
  assert.equal(w.latest[0].reliable_change, 'deterioration');
  assert.match(w.last_activity_at, ISO_Z);

  assert.equal(c.need.score, 0);
  assert.equal(c.sparkline.length, 14);
  assert.equal(c.sparkline[13], 6, 'today\'s mean valence is the last point');
  assert.ok(c.sparkline.slice(0, 13).every((v) => v === null));
  assert.match(c.last_activity_at, ISO_Z);

  assert.deepEqual(s.need, { score: 0, reasons: [] });
  for (const k of ['open_alerts', 'last_activity_at', 'sparkline', 'latest']) assert.equal(s[k], null, k);
  // One caseload line in each client's access log.
  for (const who of [alerting, worse, calm, silent]) {
    assert.deepEqual((await accessLog(who)).map((x) => [x.category, x.action]), [['caseload', 'read']]);
  }
  // Only clinicians have a caseload.
  assertError(await call('GET', '/api/v1/clinician/clients', { token: calm.token }), 403, 'permission_denied');
});

test('revoking a link refuses the clinician\'s very next request; the access log lists each read', async () => {
  const doctor = await staff();
  const me = await client();
  const l = await link(srv, me, doctor, { mood: true, safety_alerts: true, safety_plan: true });
  const base = `/api/v1/clinician/clients/${me.id}`;
  expectStatus(await call('GET', base, { token: doctor.token }), 200);
  expectStatus(await call('GET', `${base}/checkins`, { token: doctor.token }), 200);
  expectStatus(await call('GET', `${base}/insights`, { token: doctor.token }), 200);
  expectStatus(await call('GET', `${base}/safety-plan`, { token: doctor.token }), 200);
  expectStatus(await call('GET', `${base}/alerts`, { token: doctor.token }), 200);
  assertError(await call('GET', `${base}/entries`, { token: doctor.token }), 403, 'permission_denied');  // refused: not logged

  const log = await accessLog(me);
  assert.deepEqual(log.map((x) => x.category), ['alerts', 'safety_plan', 'insights', 'checkins', 'profile'], 'newest first');
  for (const x of log) {
    assert.match(x.at, ISO_Z);
    assert.deepEqual(x.who, { id: doctor.id, handle: doctor.handle, role: 'clinician' });
    assert.equal(x.action, 'read');
  }
  assert.deepEqual((await call('GET', '/api/v1/me/access-log?limit=2', { token: me.token })).json.accesses.map((x) => x.category), ['alerts', 'safety_plan']);
  assertError(await call('GET', '/api/v1/me/access-log?limit=0', { token: me.token }), 400, 'invalid_argument', 'limit');
  assertError(await call('GET', '/api/v1/me/access-log?limit=501', { token: me.token }), 400, 'invalid_argument', 'limit');
  assert.deepEqual(await accessLog(await client()), [], 'nobody read a stranger\'s data');
  assertError(await call('GET', '/api/v1/me/access-log'), 401, 'unauthenticated');

  expectStatus(await call('DELETE', `/api/v1/links/${l.id}`, { token: me.token }), 204);
  for (const path of ['', '/checkins', '/insights', '/safety-plan', '/alerts']) {
    assertError(await call('GET', base + path, { token: doctor.token }), 404, 'not_found');
  }
  assert.equal((await accessLog(me)).length, 5, 'refused requests are not logged');
});

test('acknowledging an alert is logged; a deleted reader shows without handle or role', async () => {
  const doctor = await staff();
  const me = await client();
  await link(srv, me, doctor, { safety_alerts: true });
  expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text: HIGH } }), 201);
  const { alerts } = expectStatus(await call('GET', `/api/v1/clinician/clients/${me.id}/alerts?status=open`, { token: doctor.token }), 200);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0].client.id, me.id);
  expectStatus(await call('POST', `/api/v1/clinician/alerts/${alerts[0].id}/acknowledge`, { token: doctor.token }), 200);
  assert.deepEqual((await accessLog(me)).map((x) => [x.category, x.action]), [['alerts', 'acknowledge'], ['alerts', 'read']]);
  expectStatus(await call('DELETE', '/api/v1/me', { token: doctor.token, body: { password: STRONG_PASSWORD } }), 204);
  const log = await accessLog(me);
  assert.equal(log.length, 2);
  for (const x of log) assert.deepEqual(x.who, { id: doctor.id, handle: null, role: null });
});

test('interlude audit verify: intact, then names the record that was edited', async () => {
  const own = await startServer();
  let dir = own.dataDir;
  try {
    const doctor = await staff(own);
    const me = await client(own);
    await link(own, me, doctor, { mood: true });
    for (const path of ['', '/checkins', '/insights']) {
      expectStatus(await api(own.url, 'GET', `/api/v1/clinician/clients/${me.id}${path}`, { token: doctor.token }), 200);
    }
    const intact = await runCli(['audit', 'verify', '--data-dir', dir]);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^audit log intact: 3 records\nlast record's hash: [0-9a-f]{64}\n$/);
    await own.stop({ keepData: true });
    // The database refuses changes to the log ...
    const db = join(dir, 'interlude.db');
    assert.throws(() => execFileSync('sqlite3', [db, "UPDATE audit_log SET category = 'profile' WHERE seq = 2;"], { stdio: 'pipe' }), /append-only/);
    // ... so someone with the file drops the guard and edits a record.
    execFileSync('sqlite3', [db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET category = 'profile' WHERE seq = 2;"]);
    const broken = await runCli(['audit', 'verify', '--data-dir', dir]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^the audit log is broken at record 2: its contents were changed/);
    // Removing a record is found too, at the record that is missing.
    execFileSync('sqlite3', [db, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 1;']);
    const removed = await runCli(['audit', 'verify', '--data-dir', dir]);
    assert.equal(removed.code, 1);
    assert.match(removed.stdout, /^the audit log is broken at record 1: it is missing/);
  } finally {
    if (own.proc.exitCode === null) await own.stop({ keepData: true });
    rmSync(dir, { recursive: true, force: true });
    dir = null;
  }
});
