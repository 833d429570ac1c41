// Clinicians' and admins' second factor over HTTP (docs/api.md "Accounts and two-factor
// sign-in"): sign-in with `totp`, replays, recovery codes, the throttle, new recovery codes,
// the clinic admin's clinician endpoints and `interlude user two-factor-reset`.
// The 15-minute idle sign-out needs a clock that moves: it is tested in
// src/api/two_factor_test.cc (ClinicianSessionsEndAfterFifteenIdleMinutes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../support/integration.mjs';
import { api, assertError, expectStatus, freshAddress, register, STRONG_PASSWORD, unique } from '../support/api.mjs';
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
  const made = expectStatus(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email, password: STRONG_PASSWORD } }), 201);
  assert.equal(made.user.role, 'clinician');
  assert.equal(made.user.email, email);
  assert.equal(made.recovery_codes.length, 10);
  const secret = new URL(made.otpauth_uri).searchParams.get('secret');
  assert.match(made.otpauth_uri, /^otpauth:\/\/totp\/Interlude:/);
  // The new clinician signs in with that secret.
  expectStatus(await login(email, STRONG_PASSWORD, totpCode(secret)), 200);
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email, password: STRONG_PASSWORD } }), 409, 'already_exists', 'email');
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: 'not an address', password: STRONG_PASSWORD } }), 400, 'invalid_argument', 'email');
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: adminToken, body: { email: `${unique('w')}@example.org`, password: 'short' } }), 400, 'invalid_argument', 'password');

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
  assertError(await call('POST', '/api/v1/admin/clinicians', { token: clinicianToken, body: { email: `${unique('x')}@example.org`, password: STRONG_PASSWORD } }), 403, 'permission_denied');
  const client = await register(srv.url, {}, { localAddress: freshAddress() });
  assertError(await call('GET', '/api/v1/admin/clinicians', { token: client.token }), 403, 'permission_denied');
  assertError(await call('GET', '/api/v1/admin/clinicians'), 401, 'unauthenticated');
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
