// The command line: help, version, init, user management, demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, initDataDir, runCli, makeTempDir } from '../support/integration.mjs';
import { api, assertError, expectStatus, freshAddress } from '../support/api.mjs';
import { parseEnrolment, totpCode } from '../support/totp.mjs';

const parseEnrolmentOrNull = (stdout) => { try { return parseEnrolment(stdout); } catch { return null; } };
const login = (url, l, p, totp) => api(url, 'POST', '/api/v1/auth/login', { body: { login: l, password: p, ...(totp ? { totp } : {}) }, localAddress: freshAddress() });

test('interlude --help: exit 0 and lists the commands', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0, r.stderr);
  for (const cmd of ['serve', 'init', 'demo', 'user', 'version']) {
    assert.match(r.stdout, new RegExp(`(^|\\s)${cmd}(\\s|$)`, 'm'), `--help lists "${cmd}":\n${r.stdout}`);
  }
  const sub = await runCli(['serve', '--help']);
  assert.equal(sub.code, 0, sub.stderr);
  assert.match(sub.stdout, /--listen/);
  assert.match(sub.stdout, /--data-dir/);
});

test('an unknown command or option fails with a non-zero exit and says so on stderr', async () => {
  for (const args of [['frobnicate'], ['serve', '--no-such-option']]) {
    const r = await runCli(args);
    assert.notEqual(r.code, 0, `interlude ${args.join(' ')} exits non-zero`);
    assert.ok(r.stderr.trim().length > 0, `interlude ${args.join(' ')} explains on stderr`);
  }
});

test('interlude version prints the version the server reports', async () => {
  const r = await runCli(['version']);
  assert.equal(r.code, 0, r.stderr);
  const m = /(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)/.exec(r.stdout);
  assert.ok(m, `a version number in "${r.stdout}"`);
  const srv = await startServer();
  try {
    const h = expectStatus(await api(srv.url, 'GET', '/api/v1/health'), 200);
    assert.equal(h.version, m[1]);
  } finally {
    await srv.stop();
  }
});

test('init creates the key and the database; a second init refuses to overwrite the key', async () => {
  const dir = makeTempDir();
  try {
    const first = await runCli(['init', '--data-dir', dir]);
    assert.equal(first.code, 0, first.stderr);
    const keyPath = path.join(dir, 'master.key');
    assert.ok(fs.existsSync(keyPath), 'master.key created');
    assert.ok(fs.existsSync(path.join(dir, 'interlude.db')), 'interlude.db created');
    assert.equal(fs.statSync(keyPath).mode & 0o777, 0o600);
    const key = fs.readFileSync(keyPath);
    const second = await runCli(['init', '--data-dir', dir]);
    assert.notEqual(second.code, 0, 'second init exits non-zero');
    assert.match(`${second.stdout}\n${second.stderr}`, /(exist|already|overwrit|refus)/i, `it says why:\n${second.stderr}`);
    assert.ok(fs.readFileSync(keyPath).equals(key), 'the key is unchanged');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('user create / list / disable', { timeout: 120_000 }, async () => {
  const dir = await initDataDir();
  try {
    const email = 'x@example.org';
    const password = 'clinician passphrase 2026';
    const c = await runCli(['user', 'create', '--role', 'clinician', '--login', email, '--password', password, '--data-dir', dir]);
    assert.equal(c.code, 0, `user create: ${c.stdout}\n${c.stderr}`);
    const createdId = /\bid[ :=]+([A-Za-z0-9_-]{8,})/.exec(c.stdout)?.[1];
    assert.ok(!c.stdout.includes(password) && !c.stderr.includes(password), 'the password is not echoed');
    const enrolment = parseEnrolment(c.stdout);
    assert.equal(enrolment.recoveryCodes.length, 10, `ten recovery codes:\n${c.stdout}`);

    const dup = await runCli(['user', 'create', '--role', 'clinician', '--login', email, '--password', password, '--data-dir', dir]);
    assert.notEqual(dup.code, 0, 'a duplicate login is refused');
    const weak = await runCli(['user', 'create', '--role', 'clinician', '--login', 'y@example.org', '--password', 'password123', '--data-dir', dir]);
    assert.notEqual(weak.code, 0, 'a common password is refused by the command line too');
    const role = await runCli(['user', 'create', '--role', 'overlord', '--login', 'z@example.org', '--password', password, '--data-dir', dir]);
    assert.notEqual(role.code, 0, 'an unknown role is refused');

    const l = await runCli(['user', 'list', '--data-dir', dir]);
    assert.equal(l.code, 0, l.stderr);
    // The list may leave e-mail addresses out (no personal data); then the id printed by create finds it.
    const lines = l.stdout.split('\n');
    const line = lines.find((s) => s.includes(email)) ?? (createdId && lines.find((s) => s.includes(createdId)));
    assert.ok(line, `user list shows the new account (${email}, id ${createdId}):\n${l.stdout}`);
    assert.equal(lines.filter((s) => /clinician/.test(s)).length, 1, 'exactly one clinician listed');
    assert.match(line, /clinician/, `the line shows the role: ${line}`);
    assert.ok(!l.stdout.includes('y@example.org') && !l.stdout.includes('z@example.org'), 'refused users were not created');
    assert.ok(!l.stdout.includes(password), 'no password in the list');

    let srv = await startServer({ dataDir: dir });
    let token;
    try {
      const res = await login(srv.url, email, password, totpCode(enrolment.secret));
      const body = expectStatus(res, 200, 'clinician logs in');
      assert.equal(body.user.role, 'clinician');
      assert.equal(body.user.email, email);
      token = body.token;
    } finally {
      await srv.stop();
    }

    const d = await runCli(['user', 'disable', email, '--data-dir', dir]);
    assert.equal(d.code, 0, `user disable: ${d.stdout}\n${d.stderr}`);
    const l2 = await runCli(['user', 'list', '--data-dir', dir]);
    const line2 = l2.stdout.split('\n').find((s) => s.includes(email) || (createdId && s.includes(createdId))) ?? '';
    assert.match(line2, /disabled/i, `list shows the account disabled:\n${l2.stdout}`);

    srv = await startServer({ dataDir: dir });
    try {
      assertError(await login(srv.url, email, password, enrolment.recoveryCodes[0]), 401, 'unauthenticated');
      assertError(await api(srv.url, 'GET', '/api/v1/me', { token }), 401, 'unauthenticated');
    } finally {
      await srv.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('demo --data-dir D: the server starts and the printed demo log-ins work', { timeout: 180_000 }, async () => {
  const dir = makeTempDir();
  try {
    const r = await runCli(['demo', '--data-dir', dir], { timeoutMs: 150_000 });
    assert.equal(r.code, 0, `demo: ${r.stdout}\n${r.stderr}`);
    const logins = [...r.stdout.matchAll(/^\s*(client|clinician|admin)\s+(\S+@\S+|\S+-\S+)\s+(\S+)/gm)].map((m) => ({ role: m[1], login: m[2], password: m[3] }));
    const client = logins.find((x) => x.role === 'client');
    assert.ok(client, `demo prints "client  <login>  <password>":\n${r.stdout}`);
    const srv = await startServer({ dataDir: dir });
    try {
      // Clinicians and admins use the second factor: the demo prints its (published) secret.
      // The next step's code, as the demo's own sign-in may have used this step's.
      const staffSecret = (parseEnrolmentOrNull(r.stdout) ?? {}).secret;
      for (const who of logins) {
        const totp = who.role !== 'client' && staffSecret ? totpCode(staffSecret, Date.now(), 1) : undefined;
        const res = await login(srv.url, who.login, who.password, totp);
        const body = expectStatus(res, 200, `demo ${who.role} ${who.login} logs in`);
        assert.equal(body.user.role, who.role);
      }
      const tok = expectStatus(await login(srv.url, client.login, client.password), 200).token;
      const entries = expectStatus(await api(srv.url, 'GET', '/api/v1/entries?limit=100', { token: tok }), 200).entries;
      const checkins = expectStatus(await api(srv.url, 'GET', '/api/v1/checkins?limit=1000', { token: tok }), 200).checkins;
      assert.ok(entries.length + checkins.length > 0, 'the demo client has something to look at');
      for (const e of entries) assert.ok(e.text.length > 0 || Object.keys(e.fields).length > 0);
    } finally {
      await srv.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
