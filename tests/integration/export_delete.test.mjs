// Export of everything a person wrote (decrypted), and account deletion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import {
  api, assertError, expectStatus, anonymous, register, freshAddress, ISO_Z,
} from '../support/api.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const login = (l, p) => api(srv.url, 'POST', '/api/v1/auth/login', { body: { login: l, password: p }, localAddress: freshAddress() });

async function fill(token, tag) {
  const entries = [];
  const bodies = [
    { text: `free ${tag} \u{1F30A}`, title: `Title ${tag}` },
    { kind: 'gratitude', text: '', fields: { items: [`g1 ${tag}`, `g2 ${tag}`] } },
    { kind: 'thought_record', text: `tr ${tag}`, fields: { situation: `sit ${tag}`, automatic_thought: 'auto', mood_before: 70, mood_after: 30 } },
    { kind: 'session_prep', text: `sp ${tag}`, fields: { questions: `q ${tag}` } },
    { kind: 'after_session', text: `as ${tag}`, fields: { homework: `hw ${tag}` } },
  ];
  for (const b of bodies) entries.push(expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: b, token }), 201).entry);
  const checkins = [];
  for (let i = 0; i < 3; i += 1) {
    const body = { valence: 2 + i, energy: 1 + i, tags: [`t${i}`], note: `note ${i} ${tag}`, sleep_hours: 5 + i, tz_offset_min: -300 };
    checkins.push(expectStatus(await api(srv.url, 'POST', '/api/v1/checkins', { body, token }), 201).checkin);
  }
  return { entries, checkins };
}

const byId = (xs) => Object.fromEntries(xs.map((x) => [x.id, x]));

test('export: attachment with every entry and check-in, decrypted, and nobody else\'s', async () => {
  const r = await register(srv.url);
  const mine = await fill(r.token, 'MINE');
  const other = await anonymous(srv.url);
  await fill(other.token, 'OTHER');
  // An edit and a deletion are reflected.
  const edited = expectStatus(await api(srv.url, 'PUT', `/api/v1/entries/${mine.entries[0].id}`, { body: { text: 'edited MINE', title: 'T2' }, token: r.token }), 200).entry;
  mine.entries[0] = edited;
  const gone = expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'deleted MINE' }, token: r.token }), 201).entry;
  assert.equal((await api(srv.url, 'DELETE', `/api/v1/entries/${gone.id}`, { token: r.token })).status, 204);
  const goneC = expectStatus(await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence: 3, energy: 3, note: 'deleted' }, token: r.token }), 201).checkin;
  assert.equal((await api(srv.url, 'DELETE', `/api/v1/checkins/${goneC.id}`, { token: r.token })).status, 204);

  const res = await api(srv.url, 'GET', '/api/v1/me/export', { token: r.token });
  const body = expectStatus(res, 200);
  assert.match(res.headers['content-disposition'], /^attachment; filename="interlude-export-\d{4}-\d{2}-\d{2}\.json"$/);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  assert.match(res.headers['cache-control'] ?? '', /no-store/);
  assert.deepEqual(Object.keys(body).sort(), ['activities', 'assessments', 'assignments', 'checkins', 'conversations', 'entries',
    'exercise_answers', 'exported_at', 'format', 'safety_plan', 'screenings', 'unreadable_items', 'user']);
  assert.equal(body.unreadable_items, 0);
  assert.equal(body.format, 'interlude-export/1');
  assert.match(body.exported_at, ISO_Z);
  assert.ok(Math.abs(Date.parse(body.exported_at) - Date.now()) < 60_000);
  assert.equal(body.user.id, r.user.id);
  assert.equal(body.user.email, r.email);

  assert.equal(body.entries.length, mine.entries.length);
  assert.deepEqual(byId(body.entries), byId(mine.entries), 'each exported entry equals what the API returned');
  assert.equal(body.checkins.length, mine.checkins.length);
  assert.deepEqual(byId(body.checkins), byId(mine.checkins), 'each exported check-in equals what the API returned');
  assert.ok(!res.text.includes('OTHER'), 'no other account\'s content');
  assert.ok(!res.text.includes('deleted MINE'), 'deleted entries are not exported');
  assert.ok(!res.text.includes(r.password), 'no password in the export');
});

test('an empty account exports empty lists; anonymous accounts can export', async () => {
  const a = await anonymous(srv.url);
  const body = expectStatus(await api(srv.url, 'GET', '/api/v1/me/export', { token: a.token }), 200);
  assert.equal(body.format, 'interlude-export/1');
  assert.deepEqual(body.entries, []);
  assert.deepEqual(body.checkins, []);
  assert.equal(body.user.handle, a.user.handle);
  assert.ok(!JSON.stringify(body).includes(a.recovery_code), 'recovery code is not exported');
});

test('DELETE /me -> 204; then log-in 401, every old token 401, nothing readable; others untouched', async () => {
  const r = await register(srv.url);
  const data = await fill(r.token, 'DOOMED');
  const second = expectStatus(await login(r.email, r.password), 200).token;
  const bystander = await anonymous(srv.url);
  const theirs = await fill(bystander.token, 'SAFE');

  // A wrong password refuses and changes nothing.
  const wrong = await api(srv.url, 'DELETE', '/api/v1/me', { body: { password: 'definitely not it' }, token: r.token });
  assert.ok(wrong.status >= 400 && wrong.status < 500, `wrong password refused: ${wrong.status} ${wrong.text}`);
  assert.equal(expectStatus(await api(srv.url, 'GET', `/api/v1/entries/${data.entries[0].id}`, { token: r.token }), 200).entry.id, data.entries[0].id);

  const res = await api(srv.url, 'DELETE', '/api/v1/me', { body: { password: r.password }, token: r.token });
  assert.equal(res.status, 204, res.text);
  assert.equal(res.text, '');

  assertError(await login(r.email, r.password), 401, 'unauthenticated');
  for (const t of [r.token, second]) {
    assertError(await api(srv.url, 'GET', '/api/v1/me', { token: t }), 401, 'unauthenticated');
    assertError(await api(srv.url, 'GET', '/api/v1/entries', { token: t }), 401, 'unauthenticated');
    assertError(await api(srv.url, 'GET', '/api/v1/me/export', { token: t }), 401, 'unauthenticated');
  }
  // The bystander's data is whole.
  const exp = expectStatus(await api(srv.url, 'GET', '/api/v1/me/export', { token: bystander.token }), 200);
  assert.deepEqual(byId(exp.entries), byId(theirs.entries));
  assert.deepEqual(byId(exp.checkins), byId(theirs.checkins));
  assert.ok(!JSON.stringify(exp).includes('DOOMED'));

  // The e-mail address is free again, for a brand-new, empty account.
  const again = await register(srv.url, { email: r.email });
  assert.notEqual(again.user.id, r.user.id);
  const fresh = expectStatus(await api(srv.url, 'GET', '/api/v1/me/export', { token: again.token }), 200);
  assert.deepEqual(fresh.entries, []);
  assert.deepEqual(fresh.checkins, []);
});

test('an anonymous account can be deleted without a password; its recovery code stops working', async () => {
  const a = await anonymous(srv.url);
  await fill(a.token, 'ANON');
  const res = await api(srv.url, 'DELETE', '/api/v1/me', { body: {}, token: a.token });
  assert.equal(res.status, 204, res.text);
  assertError(await api(srv.url, 'GET', '/api/v1/me', { token: a.token }), 401, 'unauthenticated');
  assertError(await login(a.user.handle, a.recovery_code), 401, 'unauthenticated');
});
