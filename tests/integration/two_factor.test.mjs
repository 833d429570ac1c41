// Clinicians' and admins' second factor over HTTP (docs/api.md "Accounts and two-factor
// sign-in"): sign-in with `totp`, replays, recovery codes, the throttle, new recovery codes,
// the clinic admin's clinician endpoints, a new clinician's own set-up with the one-time
// set-up code (POST /auth/setup) and `interlude user two-factor-reset`.
// The 15-minute idle sign-out needs a clock that moves: it is tested in
// src/api/two_factor_test.cc (ClinicianSessionsEndAfterFifteenIdleMinutes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../support/integration.mjs';
import { api, assertError, expectStatus, freshAddress, register, sessionCookie, STRONG_PASSWORD, unique } from '../support/api.mjs';
import { createStaff, parseEnrolment, totpCode } from '../support/totp.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token, localAddress: freshAddress() });
const login = (l, password, totp) => call('POST', '/api/v1/auth/login', { body: { login: l, password, ...(totp !== undefined ? { totp } : {}) } });
const staff = (opts = {}) => createStaff(srv.dataDir, { login: `${unique(opts.role ?? 'doc')}@example.org`, password: STRONG_PASSWORD, ...opts });
const signIn = async (who) => expectStatus(await login(who.login, who.password, totpCode(who.secret)), 200, `${who.login} signs in`).token;
const idOf = (made) => /\(id (\S+)\)/.exec(made.stdout)?.[1];
/** A 6-digit code that is none of the codes accepted now (steps t-1, t, t+1). */
function wrongCode(secret) {
  const near = new Set([-1, 0, 1].map((o) => totpCode(secret, Date.now(), o)));
  for (let n = 0; ; n += 1) {
    const code = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

test('user create prints the authenticator URI and ten recovery codes', async () => {
  const doc = await staff();
  assert.match(doc.uri, /^otpauth:\/\/totp\/Interlude:[^?]+\?secret=[A-Z2-7]{32}&issuer=Interlude&algorithm=SHA1&digits=6&period=30$/);
  assert.match(doc.stdout, /^Created clinician \S+ \(id \S+\)$/m);
  assert.match(doc.stdout, /^Two-factor secret \(add it to an authenticator app\): otpauth:\/\//m);
  assert.match(doc.stdout, /^Recovery codes \(each works once; shown only now\):$/m);
  assert.equal(doc.recoveryCodes.length, 10);
  assert.equal(new Set(doc.recoveryCodes).size, 10);
  assert.ok(!doc.stdout.includes(STRONG_PASSWORD), 'the password is not echoed');
  const client = await runCli(['user', 'create', '--data-dir', srv.dataDir, '--login', `${unique('c')}@example.org`, '--password', STRONG_PASSWORD]);
  assert.equal(client.code, 0, client.stderr);
  assert.doesNotMatch(client.stdout, /otpauth|Recovery codes/, 'clients get no second factor');
});

test('a clinician signs in with the code from the authenticator app, once per code', async () => {
  const doc = await staff();
  const missing = assertError(await login(doc.login, doc.password), 401, 'unauthenticated', 'totp');
  assert.equal(missing.message, 'Enter the 6-digit code from your authenticator app.');
  assertError(await login(doc.login, doc.password, ''), 401, 'unauthenticated', 'totp');
  // A wrong password is told apart from nothing about the second factor.
  const badPassword = assertError(await login(doc.login, 'not the password at all', totpCode(doc.secret)), 401, 'unauthenticated');
  assert.equal(badPassword.field, undefined);
  assertError(await login(doc.login, doc.password, wrongCode(doc.secret)), 401, 'unauthenticated', 'totp');
  assertError(await login(doc.login, doc.password, 'x'.repeat(65)), 400, 'invalid_argument', 'totp');

  const code = totpCode(doc.secret);
  const ok = expectStatus(await login(doc.login, doc.password, code), 200);
  assert.equal(ok.user.role, 'clinician');
  expectStatus(await call('GET', '/api/v1/me', { token: ok.token }), 200);
  const replay = assertError(await login(doc.login, doc.password, code), 401, 'unauthenticated', 'totp');
  assert.match(replay.message, /already used/);
});

test('a recovery code works once, typed in any case', async () => {
  const doc = await staff();
  const [first, second] = doc.recoveryCodes;
  expectStatus(await login(doc.login, doc.password, first.toLowerCase()), 200);
  assertError(await login(doc.login, doc.password, first), 401, 'unauthenticated', 'totp');
  expectStatus(await login(doc.login, doc.password, second.replaceAll('-', '')), 200);
  assertError(await login(doc.login, doc.password, 'AAAA-BBBB-CCCC-DDDD'), 401, 'unauthenticated', 'totp');
});

test('wrong codes count towards the sign-in throttle', async () => {
  const doc = await staff();
  const wrong = wrongCode(doc.secret);
  for (let i = 0; i < 5; i += 1) {
    assertError(await login(doc.login, doc.password, wrong), 401, 'unauthenticated', 'totp');
  }
  const throttled = await login(doc.login, doc.password, totpCode(doc.secret));
  assertError(throttled, 429, 'resource_exhausted');
  assert.ok(Number(throttled.headers['retry-after']) > 0);
});

test('clients never need a code (totp is ignored)', async () => {
  const email = `${unique('client')}@example.org`;
  await register(srv.url, { email }, { localAddress: freshAddress() });
  assert.equal(expectStatus(await login(email, STRONG_PASSWORD), 200).user.role, 'client');
  expectStatus(await login(email, STRONG_PASSWORD, 'anything at all'), 200);
});

test('new recovery codes replace the old ones; the password is asked again', async () => {
  const doc = await staff();
  const token = await signIn(doc);
  const path = '/api/v1/me/two-factor/recovery-codes';
  assertError(await call('POST', path, { token, body: { password: 'not the password at all' } }), 400, 'invalid_argument', 'password');
  assertError(await call('POST', path, { token, body: {} }), 400, 'invalid_argument', 'password');
  const fresh = expectStatus(await call('POST', path, { token, body: { password: doc.password } }), 201).recovery_codes;
  assert.equal(fresh.length, 10);
  assert.ok(fresh.every((c) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(c)), fresh.join());
  assertError(await login(doc.login, doc.password, doc.recoveryCodes[0]), 401, 'unauthenticated', 'totp');
  expectStatus(await login(doc.login, doc.password, fresh[0]), 200);

  const client = await register(srv.url, {}, { localAddress: freshAddress() });
  assertError(await call('POST', path, { token: client.token, body: { password: STRONG_PASSWORD } }), 403, 'permission_denied');
  assertError(await call('POST', path, { body: { password: STRONG_PASSWORD } }), 401, 'unauthenticated');
});

test('a clinic admin lists and creates the clinicians of their own clinic only', async () => {
  const clinicA = unique('Clinic A');
  const clinicB = unique('Clinic B');
  const admin = await staff({ role: 'admin', clinic: clinicA });
  const ours = await staff({ clinic: clinicA });
  const theirs = await staff({ clinic: clinicB });
  const adminToken = await signIn(admin);

  const email = `${unique('new')}@example.org`;
  const made = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email } }), 201);
  assert.equal(made.user.role, 'clinician');
  assert.equal(made.user.email, email);
  assert.deepEqual(Object.keys(made).sort(), ['setup_code', 'setup_expires_at', 'user']);
  // Not set up yet: asked again, the admin gets a new code for the same account.
  const again = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email } }), 200);
  assert.equal(again.user.id, made.user.id);
  assert.notEqual(again.setup_code, made.setup_code);
  // An e-mail taken by someone already set up (or in another clinic) is refused.
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: ours.login } }), 409, 'already_exists', 'email');
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: theirs.login } }), 409, 'already_exists', 'email');
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: 'not an address' } }), 400, 'invalid_argument', 'email');
  // The admin cannot choose the clinician's password (strong or weak).
  const withPassword = `${unique('w')}@example.org`;
  const refused = assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: withPassword, password: STRONG_PASSWORD } }), 400, 'invalid_argument', 'password');
  assert.match(refused.message, /chooses their own password/);
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: withPassword, password: 'short' } }), 400, 'invalid_argument', 'password');
  assertError(await login(withPassword, STRONG_PASSWORD, '000000'), 401, 'unauthenticated');

  const listed = expectStatus(await call('GET', '/api/v1/admin/clinicians', { token: adminToken }), 200).clinicians;
  // The two clinicians of clinic A: not clinic B's, not the admin.
  assert.deepEqual(listed.map((c) => c.id).sort(), [made.user.id, idOf(ours)].sort());
  assert.deepEqual(listed.map((c) => c.email).sort(), [email, ours.login].sort());
  for (const c of listed) {
    assert.deepEqual(Object.keys(c).sort(), ['created_at', 'disabled', 'email', 'handle', 'id']);
    assert.equal(c.disabled, false);
  }

  const clinicianToken = await signIn(theirs);
  assertError(await call('GET', '/api/v1/admin/clinicians', { token: clinicianToken }), 403, 'permission_denied');
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: clinicianToken, body: { email: `${unique('x')}@example.org` } }), 403, 'permission_denied');
  const client = await register(srv.url, {}, { localAddress: freshAddress() });
  assertError(await call('GET', '/api/v1/admin/clinicians', { token: client.token }), 403, 'permission_denied');
  assertError(await call('GET', '/api/v1/admin/clinicians'), 401, 'unauthenticated');
});

test('a new clinician sets up their own password and second factor with the set-up code', async () => {
  const clinic = unique('Setup clinic');
  const admin = await staff({ role: 'admin', clinic });
  const adminToken = await signIn(admin);
  const email = `${unique('setup')}@example.org`;
  const before = Date.now();
  const made = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email } }), 201);
  // The admin learns no credential: no password, no authenticator secret, no recovery codes.
  for (const key of ['password', 'otpauth_uri', 'secret', 'recovery_codes', 'token']) assert.ok(!(key in made), key);
  assert.match(made.setup_code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const days = (Date.parse(made.setup_expires_at) - before) / 86_400_000;
  assert.ok(days > 6.99 && days <= 7.01, `expires in ${days} days`);

  // The set-up code is no password, with or without a second-factor code.
  assertError(await login(email, made.setup_code), 401, 'unauthenticated');
  assertError(await login(email, made.setup_code, '123456'), 401, 'unauthenticated');

  const setup = (body) => call('POST', '/api/v1/auth/setup', { body });
  assertError(await setup({ login: email, code: 'AAAA-BBBB-CCCC-DDDD', password: STRONG_PASSWORD }), 401, 'unauthenticated', 'code');
  assertError(await setup({ login: email, code: made.setup_code, password: 'short' }), 400, 'invalid_argument', 'password');
  assertError(await setup({ login: email, code: made.setup_code }), 400, 'invalid_argument', 'password');
  assertError(await setup({ login: email, password: STRONG_PASSWORD }), 400, 'invalid_argument', 'code');
  assertError(await setup({ login: 'nobody@example.org', code: made.setup_code, password: STRONG_PASSWORD }), 401, 'unauthenticated', 'code');

  const doneRes = await setup({ login: email.toUpperCase(), code: made.setup_code.toLowerCase(), password: STRONG_PASSWORD });
  const done = expectStatus(doneRes, 200);
  assert.deepEqual(Object.keys(done).sort(), ['otpauth_uri', 'recovery_codes', 'secret']);
  assert.match(done.otpauth_uri, /^otpauth:\/\/totp\/Interlude:[^?]+\?secret=[A-Z2-7]{32}&issuer=Interlude/);
  assert.equal(new URL(done.otpauth_uri).searchParams.get('secret'), done.secret);
  assert.equal(done.recovery_codes.length, 10);
  assert.equal(new Set(done.recovery_codes).size, 10);
  assert.equal(sessionCookie(doneRes), null, 'no session: the clinician signs in next');

  // Used: the code works no more, and the admin cannot issue another.
  assertError(await setup({ login: email, code: made.setup_code, password: 'another long passphrase 7' }), 401, 'unauthenticated', 'code');
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email } }), 409, 'already_exists', 'email');

  // The clinician signs in with their own password and the authenticator's code.
  assertError(await login(email, STRONG_PASSWORD), 401, 'unauthenticated', 'totp');
  const signedIn = expectStatus(await login(email, STRONG_PASSWORD, totpCode(done.secret)), 200);
  assert.equal(signedIn.user.role, 'clinician');
  expectStatus(await login(email, STRONG_PASSWORD, done.recovery_codes[0]), 200);

  const listed = expectStatus(await call('GET', '/api/v1/admin/clinicians', { token: adminToken }), 200).clinicians;
  assert.deepEqual(listed.map((c) => c.email), [email]);
  assert.equal(listed[0].id, made.user.id);
});

test('a new set-up code from the admin replaces the old one', async () => {
  const admin = await staff({ role: 'admin', clinic: unique('Renew clinic') });
  const adminToken = await signIn(admin);
  const email = `${unique('renew')}@example.org`;
  const first = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email } }), 201);
  const second = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email } }), 200);
  assertError(await call('POST', '/api/v1/auth/setup', { body: { login: email, code: first.setup_code, password: STRONG_PASSWORD } }), 401, 'unauthenticated', 'code');
  expectStatus(await call('POST', '/api/v1/auth/setup', { body: { login: email, code: second.setup_code, password: STRONG_PASSWORD } }), 200);
});

test('wrong set-up codes count towards the sign-in throttle', async () => {
  const admin = await staff({ role: 'admin', clinic: unique('Throttle clinic') });
  const email = `${unique('slow')}@example.org`;
  const made = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: await signIn(admin), body: { email } }), 201);
  for (let i = 0; i < 5; i += 1) {
    assertError(await call('POST', '/api/v1/auth/setup', { body: { login: email, code: 'AAAA-BBBB-CCCC-DDDD', password: STRONG_PASSWORD } }), 401, 'unauthenticated', 'code');
  }
  const throttled = await call('POST', '/api/v1/auth/setup', { body: { login: email, code: made.setup_code, password: STRONG_PASSWORD } });
  assertError(throttled, 429, 'resource_exhausted');
  assert.ok(Number(throttled.headers['retry-after']) > 0);
});

test('a client or an operator-made clinician has no set-up code to use', async () => {
  const doc = await staff();
  assertError(await call('POST', '/api/v1/auth/setup', { body: { login: doc.login, code: doc.recoveryCodes[0], password: STRONG_PASSWORD } }), 401, 'unauthenticated', 'code');
  const anon = await api(srv.url, 'POST', '/api/v1/auth/anonymous', { body: {}, localAddress: freshAddress() });
  const { user, recovery_code: code } = expectStatus(anon, 201);
  assertError(await call('POST', '/api/v1/auth/setup', { body: { login: user.handle, code, password: STRONG_PASSWORD } }), 401, 'unauthenticated', 'code');
  // The client's recovery code still signs them in.
  expectStatus(await login(user.handle, code), 200);
});

test('user two-factor-reset gives a new secret and codes and ends the sessions', async () => {
  const doc = await staff();
  const token = await signIn(doc);
  const reset = await runCli(['user', 'two-factor-reset', '--data-dir', srv.dataDir, doc.login]);
  assert.equal(reset.code, 0, reset.stderr);
  const again = parseEnrolment(reset.stdout);
  assert.notEqual(again.secret, doc.secret);
  assert.equal(again.recoveryCodes.length, 10);
  assertError(await call('GET', '/api/v1/me', { token }), 401, 'unauthenticated');
  assertError(await login(doc.login, doc.password, doc.recoveryCodes[1]), 401, 'unauthenticated', 'totp');
  expectStatus(await login(doc.login, doc.password, totpCode(again.secret)), 200);

  const client = await runCli(['user', 'create', '--data-dir', srv.dataDir, '--login', `${unique('c')}@example.org`, '--password', STRONG_PASSWORD]);
  const refused = await runCli(['user', 'two-factor-reset', '--data-dir', srv.dataDir, idOf(client)]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /only clinicians and admins/);
  const unknown = await runCli(['user', 'two-factor-reset', '--data-dir', srv.dataDir, 'nobody@example.org']);
  assert.notEqual(unknown.code, 0);
});
