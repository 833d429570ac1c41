// Accounts: anonymous start, register, log-in, log-out, password change, PATCH /me.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import {
  api, assertError, expectStatus, sessionCookie, anonymous, register, freshAddress, unique, checkAll, ISO_Z, STRONG_PASSWORD,
} from '../support/api.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const login = (login, password, opts = {}) =>
  api(srv.url, 'POST', '/api/v1/auth/login', { body: { login, password }, localAddress: freshAddress(), ...opts });
const me = (token) => api(srv.url, 'GET', '/api/v1/me', { token });

function checkUser(user, { role = 'client', email = null, country = null } = {}) {
  assert.equal(typeof user.id, 'string');
  assert.ok(user.id.length > 0);
  assert.equal(user.role, role);
  assert.equal(user.email, email);
  assert.equal(user.country, country);
  assert.match(user.created_at, ISO_Z);
  const age = Date.now() - Date.parse(user.created_at);
  assert.ok(age > -5_000 && age < 10 * 60_000, `created_at ${user.created_at} is now`);
}

function checkSessionCookie(res, token) {
  const c = sessionCookie(res);
  assert.ok(c, `Set-Cookie interlude_session in ${JSON.stringify(res.headers['set-cookie'])}`);
  assert.equal(c.value, token, 'the cookie carries the same token as the body');
  assert.equal(c.attrs.httponly, true, `HttpOnly: ${c.raw}`);
  assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', `SameSite=Strict: ${c.raw}`);
  assert.equal(c.attrs.path, '/', `Path=/: ${c.raw}`);
  assert.equal(c.attrs.secure, undefined, `no Secure over plain HTTP: ${c.raw}`);
  return c;
}

test('anonymous start: 201 with a handle, a recovery code, a token and a session cookie', async () => {
  const res = await api(srv.url, 'POST', '/api/v1/auth/anonymous', { body: {} });
  const body = expectStatus(res, 201);
  assert.deepEqual(Object.keys(body).sort(), ['recovery_code', 'token', 'user']);
  checkUser(body.user);
  assert.equal(typeof body.user.handle, 'string');
  assert.match(body.user.handle, /^[a-z0-9]+(-[a-z0-9]+)+$/, `handle "${body.user.handle}" looks like quiet-heron-4821`);
  assert.ok(!body.user.handle.includes('@'));
  assert.equal(typeof body.recovery_code, 'string');
  assert.ok(body.recovery_code.replace(/-/g, '').length >= 16, `recovery code "${body.recovery_code}" has at least 16 symbols`);
  assert.equal(typeof body.token, 'string');
  assert.ok(body.token.length >= 32, 'token is long enough to be unguessable');
  checkSessionCookie(res, body.token);

  const m = await me(body.token);
  assert.deepEqual(expectStatus(m, 200).user, body.user);

  // A second person gets different everything.
  const b = await anonymous(srv.url);
  assert.notEqual(b.user.id, body.user.id);
  assert.notEqual(b.user.handle, body.user.handle);
  assert.notEqual(b.recovery_code, body.recovery_code);
  assert.notEqual(b.token, body.token);
});

test('anonymous start with a country; a bad country is refused', async () => {
  const a = await anonymous(srv.url, { country: 'GB' });
  assert.equal(a.user.country, 'GB');
  assert.equal(expectStatus(await me(a.token), 200).user.country, 'GB');
  for (const country of ['gb', 'GBR', 'G', 7]) {
    const res = await api(srv.url, 'POST', '/api/v1/auth/anonymous', { body: { country } });
    assertError(res, 400, 'invalid_argument', 'country');
  }
});

test('log in with the handle and the recovery code', async () => {
  const a = await anonymous(srv.url);
  const res = await login(a.user.handle, a.recovery_code);
  const body = expectStatus(res, 200);
  assert.deepEqual(Object.keys(body).sort(), ['token', 'user']);
  assert.equal(body.user.id, a.user.id);
  assert.equal(body.user.handle, a.user.handle);
  assert.notEqual(body.token, a.token, 'a new session');
  checkSessionCookie(res, body.token);
  assert.equal(expectStatus(await me(body.token), 200).user.id, a.user.id);
  assert.equal(expectStatus(await me(a.token), 200).user.id, a.user.id, 'the first session still works');

  assertError(await login(a.user.handle, 'AAAA-BBBB-CCCC-DDDD'), 401, 'unauthenticated');
  const b = await anonymous(srv.url);
  assertError(await login(a.user.handle, b.recovery_code), 401, 'unauthenticated', undefined);
});

test('register with e-mail and password, then log in with them', async () => {
  const email = `${unique('reg')}@example.org`;
  const res = await api(srv.url, 'POST', '/api/v1/auth/register', { body: { email, password: STRONG_PASSWORD, country: 'IE' } });
  const body = expectStatus(res, 201);
  assert.deepEqual(Object.keys(body).sort(), ['token', 'user']);
  assert.equal(body.user.email, email);
  assert.equal(body.user.country, 'IE');
  assert.equal(body.user.role, 'client');
  checkSessionCookie(res, body.token);
  assert.deepEqual(expectStatus(await me(body.token), 200).user, body.user);

  const li = await login(email, STRONG_PASSWORD);
  assert.equal(expectStatus(li, 200).user.id, body.user.id);
  checkSessionCookie(li, li.json.token);
});

test('a duplicate e-mail -> 409 already_exists, and the first account keeps its password', async () => {
  const r = await register(srv.url);
  const res = await api(srv.url, 'POST', '/api/v1/auth/register', { body: { email: r.email, password: 'another good passphrase 9' } });
  assertError(res, 409, 'already_exists');
  expectStatus(await login(r.email, r.password), 200);
  assertError(await login(r.email, 'another good passphrase 9'), 401, 'unauthenticated');
});

test('password rules: at least 10 characters, at most 256 bytes, not a common password', async () => {
  const reg = (password) => api(srv.url, 'POST', '/api/v1/auth/register', { body: { email: `${unique('pw')}@example.org`, password } });
  const refused = ['password123', '1234567890', 'qwertyuiop', 'abc', 'Zq8#mK2!v', '', ' '.repeat(12),
    '\u00e9'.repeat(129) /* 129 characters, 258 bytes */, 'p'.repeat(257), 12345678901, null];
  await checkAll([
    ...refused.map((bad) => [`password ${JSON.stringify(bad).slice(0, 24)} refused`, async () => assertError(await reg(bad), 400, 'invalid_argument', 'password')]),
    ['missing password refused', async () => assertError(await api(srv.url, 'POST', '/api/v1/auth/register', { body: { email: `${unique('pw')}@example.org` } }), 400, 'invalid_argument', 'password')],
    ['exactly 10 characters accepted', async () => expectStatus(await reg('Zq8#mK2!vL'), 201)],
    ['exactly 256 bytes accepted', async () => expectStatus(await reg('\u00e9'.repeat(128)), 201)],
  ]);
});

test('register refuses an e-mail that is not one', async () => {
  await checkAll(['not-an-email', '', '   ', '@example.org', 'a@', 42, null].map((email) => [`email ${JSON.stringify(email)}`, async () => {
    const res = await api(srv.url, 'POST', '/api/v1/auth/register', { body: { email, password: STRONG_PASSWORD } });
    assertError(res, 400, 'invalid_argument', 'email');
  }]));
});

test('wrong password -> 401, the same answer as for an unknown account', async () => {
  const r = await register(srv.url);
  const wrong = await login(r.email, 'not the right one at all');
  const e1 = assertError(wrong, 401, 'unauthenticated');
  const unknown = await login(`${unique('nobody')}@example.org`, 'not the right one at all');
  const e2 = assertError(unknown, 401, 'unauthenticated');
  assert.equal(e1.message, e2.message, 'no account enumeration through the message');
  assert.equal(wrong.json.user, undefined);
  assert.equal(sessionCookie(wrong), null, 'no session cookie on a failed log-in');
  const a = await anonymous(srv.url);
  assertError(await login(a.user.handle, STRONG_PASSWORD), 401, 'unauthenticated');
});

test('logout revokes the session (token then 401) and clears the cookie', async () => {
  const r = await register(srv.url);
  const second = expectStatus(await login(r.email, r.password), 200).token;
  const res = await api(srv.url, 'POST', '/api/v1/auth/logout', { token: r.token });
  assert.equal(res.status, 204, res.text);
  assert.equal(res.text, '');
  const c = sessionCookie(res);
  assert.ok(c, 'logout sets the cookie to clear it');
  assert.ok(c.value === '' || c.attrs['max-age'] === '0' || (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now()),
    `cookie cleared: ${c.raw}`);
  assertError(await me(r.token), 401, 'unauthenticated');
  assertError(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'x' }, token: r.token }), 401, 'unauthenticated');
  assertError(await api(srv.url, 'POST', '/api/v1/auth/logout', { token: r.token }), 401, 'unauthenticated');
  assert.equal(expectStatus(await me(second), 200).user.id, r.user.id, 'the other session is untouched');
});

test('password change: 204, other sessions revoked, this one kept, old password refused', async () => {
  const r = await register(srv.url);
  const other1 = expectStatus(await login(r.email, r.password), 200).token;
  const other2 = expectStatus(await login(r.email, r.password), 200).token;
  const newPassword = 'a whole new passphrase 77';

  // A wrong current password changes nothing.
  const bad = await api(srv.url, 'POST', '/api/v1/me/password', { token: r.token, body: { current_password: 'wrong wrong wrong', new_password: newPassword } });
  assert.ok(bad.status >= 400 && bad.status < 500, `wrong current password refused: ${bad.status}`);
  assert.equal(expectStatus(await me(other1), 200).user.id, r.user.id);

  // The new password follows the rules.
  for (const weak of ['password123', 'short']) {
    const res = await api(srv.url, 'POST', '/api/v1/me/password', { token: r.token, body: { current_password: r.password, new_password: weak } });
    assertError(res, 400, 'invalid_argument', 'new_password');
  }

  const ok = await api(srv.url, 'POST', '/api/v1/me/password', { token: r.token, body: { current_password: r.password, new_password: newPassword } });
  assert.equal(ok.status, 204, ok.text);
  assertError(await me(other1), 401, 'unauthenticated');
  assertError(await me(other2), 401, 'unauthenticated');
  assert.equal(expectStatus(await me(r.token), 200).user.id, r.user.id, 'the session that changed it stays');
  assertError(await login(r.email, r.password), 401, 'unauthenticated');
  assert.equal(expectStatus(await login(r.email, newPassword), 200).user.id, r.user.id);
});

test('PATCH /me country: upper-case ISO 3166-1 alpha-2 or null', async () => {
  const a = await anonymous(srv.url);
  const patch = (body) => api(srv.url, 'PATCH', '/api/v1/me', { token: a.token, body });
  const de = await patch({ country: 'DE' });
  assert.equal(expectStatus(de, 200).user.country, 'DE');
  assert.equal(de.json.user.id, a.user.id);
  assert.equal(expectStatus(await me(a.token), 200).user.country, 'DE');
  for (const country of ['de', 'De', 'DEU', 'D', '', 49, ['DE'], 'D1']) {
    assertError(await patch({ country }), 400, 'invalid_argument', 'country');
  }
  assert.equal(expectStatus(await me(a.token), 200).user.country, 'DE', 'refused patches change nothing');
  assert.equal(expectStatus(await patch({}), 200).user.country, 'DE', 'an empty patch keeps the country');
  assert.equal(expectStatus(await patch({ country: 'NZ' }), 200).user.country, 'NZ');
  assert.equal(expectStatus(await patch({ country: null }), 200).user.country, null);
  assert.equal(expectStatus(await me(a.token), 200).user.country, null);
  assertError(await patch({ handle: 'mine-now-1' }), 400, 'invalid_argument', 'handle');
  assertError(await patch({ role: 'admin' }), 400, 'invalid_argument', 'role');
  assert.equal(expectStatus(await me(a.token), 200).user.role, 'client');
});

test('PATCH /me country must be an assigned ISO 3166-1 code, not just two letters', async () => {
  const a = await anonymous(srv.url);
  await checkAll(['XY', 'ZZ', 'QQ', 'AA'].map((country) => [country, async () => {
    assertError(await api(srv.url, 'PATCH', '/api/v1/me', { token: a.token, body: { country } }), 400, 'invalid_argument', 'country');
  }]));
});

test('nobody logs in with an empty password, even after trying to register with one', async () => {
  // Guard for the worst outcome of a missing password check.
  const email = `${unique('empty')}@example.org`;
  const r = await api(srv.url, 'POST', '/api/v1/auth/register', { body: { email, password: '' } });
  assert.ok(r.status === 201 || r.status === 400, `register: ${r.status}`); // 400 is right; see 'password rules'
  const li = await login(email, '');
  assertError(li, 401, 'unauthenticated');
});

test('log-in validation: missing or wrong-typed fields -> 400 naming the field', async () => {
  assertError(await api(srv.url, 'POST', '/api/v1/auth/login', { body: { password: 'x' }, localAddress: freshAddress() }), 400, 'invalid_argument', 'login');
  assertError(await api(srv.url, 'POST', '/api/v1/auth/login', { body: { login: 'x' }, localAddress: freshAddress() }), 400, 'invalid_argument', 'password');
  assertError(await api(srv.url, 'POST', '/api/v1/auth/login', { body: { login: 1, password: 'x' }, localAddress: freshAddress() }), 400, 'invalid_argument', 'login');
});
