// Sessions: bearer and cookie, the Origin rule for cookie-authenticated writes, revocation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import {
  api, assertError, expectStatus, sessionCookie, anonymous, register, freshAddress, checkAll,
} from '../support/api.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function cookieAccount() {
  const res = await api(srv.url, 'POST', '/api/v1/auth/anonymous', { body: {} });
  const body = expectStatus(res, 201);
  const c = sessionCookie(res);
  assert.ok(c, 'session cookie set');
  return { ...body, cookie: `interlude_session=${c.value}` };
}

const entryCount = async (token) =>
  expectStatus(await api(srv.url, 'GET', '/api/v1/entries?limit=100', { token }), 200).entries.length;

test('the cookie alone authenticates reads', async () => {
  const a = await cookieAccount();
  const res = await api(srv.url, 'GET', '/api/v1/me', { cookie: a.cookie });
  assert.equal(expectStatus(res, 200).user.id, a.user.id);
  expectStatus(await api(srv.url, 'GET', '/api/v1/entries', { cookie: a.cookie }), 200);
  // A cookie GET with a foreign Origin is still a read, not refused.
  expectStatus(await api(srv.url, 'GET', '/api/v1/me', { cookie: a.cookie, headers: { Origin: 'https://evil.example' } }), 200);
  assertError(await api(srv.url, 'GET', '/api/v1/me', { cookie: 'interlude_session=forged' }), 401, 'unauthenticated');
  assertError(await api(srv.url, 'GET', '/api/v1/me', { cookie: `other_cookie=${a.token}` }), 401, 'unauthenticated');
});

test('cookie-authenticated POST without Origin or with a foreign Origin -> 403 origin_mismatch; own Origin -> 201', async () => {
  const a = await cookieAccount();
  const body = { text: 'written through the cookie' };
  const post = (headers) => api(srv.url, 'POST', '/api/v1/entries', { body, cookie: a.cookie, headers });
  const port = new URL(srv.url).port;
  await checkAll([{}, { Origin: 'https://evil.example' }, { Origin: 'null' }, { Origin: `http://127.0.0.1:${Number(port) + 1}` },
    { Origin: `https://127.0.0.1:${port}` }, { Origin: `http://localhost:${port}` }, { Origin: `${srv.url}.evil.example` },
    { Origin: 'https://evil.example', Referer: `${srv.url}/` }].map((headers) => [`cookie POST with ${JSON.stringify(headers)}`, async () => {
    assertError(await post(headers), 403, 'origin_mismatch');
  }]));
  assert.equal(await entryCount(a.token), 0, 'refused requests created nothing');
  const ok = await post({ Origin: srv.url });
  assert.equal(expectStatus(ok, 201).entry.text, body.text);
  assert.equal(await entryCount(a.token), 1);
});

test('the Origin rule applies to PUT, PATCH and DELETE with the cookie too', async () => {
  const a = await cookieAccount();
  const entry = expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'original' }, token: a.token }), 201).entry;
  const checkin = expectStatus(await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence: 4, energy: 2 }, token: a.token }), 201).checkin;
  const evil = { Origin: 'https://evil.example' };
  const calls = [
    ['PUT', `/api/v1/entries/${entry.id}`, { text: 'changed' }],
    ['DELETE', `/api/v1/entries/${entry.id}`],
    ['DELETE', `/api/v1/checkins/${checkin.id}`],
    ['PATCH', '/api/v1/me', { country: 'FR' }],
    ['POST', '/api/v1/checkins', { valence: 3, energy: 3 }],
    ['POST', '/api/v1/auth/logout'],
    ['DELETE', '/api/v1/me', {}],
  ];
  for (const [method, path, body] of calls) {
    for (const headers of [{}, evil]) {
      assertError(await api(srv.url, method, path, { body, cookie: a.cookie, headers }), 403, 'origin_mismatch');
    }
  }
  // Nothing changed.
  const got = expectStatus(await api(srv.url, 'GET', `/api/v1/entries/${entry.id}`, { token: a.token }), 200).entry;
  assert.deepEqual(got, entry);
  const cs = expectStatus(await api(srv.url, 'GET', '/api/v1/checkins', { token: a.token }), 200).checkins;
  assert.deepEqual(cs.map((c) => c.id), [checkin.id]);
  const m = expectStatus(await api(srv.url, 'GET', '/api/v1/me', { cookie: a.cookie }), 200).user;
  assert.equal(m.country, null);
  // With the right Origin they work.
  const own = { Origin: srv.url };
  assert.equal(expectStatus(await api(srv.url, 'PATCH', '/api/v1/me', { body: { country: 'FR' }, cookie: a.cookie, headers: own }), 200).user.country, 'FR');
  assert.equal(expectStatus(await api(srv.url, 'PUT', `/api/v1/entries/${entry.id}`, { body: { text: 'changed' }, cookie: a.cookie, headers: own }), 200).entry.text, 'changed');
  assert.equal((await api(srv.url, 'DELETE', `/api/v1/checkins/${checkin.id}`, { cookie: a.cookie, headers: own })).status, 204);
  assert.equal((await api(srv.url, 'POST', '/api/v1/auth/logout', { cookie: a.cookie, headers: own })).status, 204);
  assertError(await api(srv.url, 'GET', '/api/v1/me', { cookie: a.cookie }), 401, 'unauthenticated');
});

test('bearer requests need no Origin, and a foreign Origin does not matter', async () => {
  const a = await anonymous(srv.url);
  const r1 = await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'bearer, no origin' }, token: a.token });
  expectStatus(r1, 201);
  const r2 = await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'bearer, other origin' }, token: a.token, headers: { Origin: 'https://elsewhere.example' } });
  expectStatus(r2, 201, 'bearer POST with Origin https://elsewhere.example:');
  expectStatus(await api(srv.url, 'PATCH', '/api/v1/me', { body: { country: 'PT' }, token: a.token }), 200);
  assert.equal(await entryCount(a.token), 2);
});

test('a malformed Authorization header is 401, not 400 or 500', async () => {
  const a = await anonymous(srv.url);
  for (const value of [`Basic ${a.token}`, 'Bearer', 'Bearer ', `Bearer  ${a.token}x`, `bearer${a.token}`, 'Bearer \u00ff\u00fe', `Bearer ${'A'.repeat(5000)}`]) {
    const res = await api(srv.url, 'GET', '/api/v1/me', { headers: { Authorization: value } });
    assertError(res, 401, 'unauthenticated');
  }
});

test('sessions are independent: logging one out leaves the others', async () => {
  const r = await register(srv.url);
  const login = () => api(srv.url, 'POST', '/api/v1/auth/login', { body: { login: r.email, password: r.password }, localAddress: freshAddress() });
  const t2 = expectStatus(await login(), 200).token;
  const t3 = expectStatus(await login(), 200).token;
  assert.equal(new Set([r.token, t2, t3]).size, 3, 'each log-in is a new token');
  assert.equal((await api(srv.url, 'POST', '/api/v1/auth/logout', { token: t2 })).status, 204);
  assertError(await api(srv.url, 'GET', '/api/v1/me', { token: t2 }), 401, 'unauthenticated');
  for (const t of [r.token, t3]) assert.equal(expectStatus(await api(srv.url, 'GET', '/api/v1/me', { token: t }), 200).user.id, r.user.id);
});

test('a token from another account never reaches the first account data', async () => {
  const a = await anonymous(srv.url);
  const b = await anonymous(srv.url);
  expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'a only' }, token: a.token }), 201);
  // Cookie of A and bearer of B: whichever wins, the answer is about one consistent account.
  const res = await api(srv.url, 'GET', '/api/v1/me', { token: b.token, cookie: `interlude_session=${a.token}` });
  expectStatus(res, 200);
  assert.ok([a.user.id, b.user.id].includes(res.json.user.id));
  assert.equal(await entryCount(b.token), 0);
});

test('sessions survive a server restart (they live in the store)', async () => {
  const s = await startServer();
  try {
    const a = await anonymous(s.url);
    await s.stop({ keepData: true });
    const s2 = await startServer({ dataDir: s.dataDir });
    try {
      assert.equal(expectStatus(await api(s2.url, 'GET', '/api/v1/me', { token: a.token }), 200).user.id, a.user.id);
    } finally {
      await s2.stop();
    }
  } finally {
    await s.stop();
  }
});
