// `interlude keys rotate` (docs/operations.md "Backups, restore and key rotation"): while a
// server serves and takes writes, every data key is re-wrapped under a new master key; old
// and new data stay readable without a restart, e-mail log-in and `interlude audit verify`
// keep working (the index and audit keys do not change), and again after a restart; no
// wrapped key names the old key any more and the old key no longer opens the database; a
// backup made before the rotation restores with --key-file of the retired key; a rotation
// killed half-way leaves everything readable and finishes when run again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, initDataDir, runCli, makeTempDir, binaryPath, repoRoot } from '../support/integration.mjs';
import { api, expectStatus, register, anonymous, freshAddress } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

const keyLines = (dir) => fs.readFileSync(path.join(dir, 'master.key'), 'utf8').trim().split('\n');

/** The key id each live wrapped data key names (hex), read with the sqlite3 CLI. */
function wrappedKeyIds(dir) {
  const out = execFileSync('sqlite3', [path.join(dir, 'interlude.db'),
    "SELECT hex(substr(wrapped_key, 2, 8)) FROM users WHERE wrapped_key IS NOT NULL AND length(wrapped_key) > 0"]);
  return out.toString().trim().split('\n').filter(Boolean).map((s) => s.toLowerCase());
}

async function login(url, loginName, password) {
  const res = await api(url, 'POST', '/api/v1/auth/login', { body: { login: loginName, password }, localAddress: freshAddress() });
  return expectStatus(res, 200, `log in as ${loginName}`).token;
}

const words = () => crypto.randomBytes(4).toString('hex');

/** Users with entries and check-ins, a clinician whose reads fill the audit log. */
async function seed(srv) {
  const people = [];
  const person = await register(srv.url);
  people.push({ login: person.email, password: person.password, token: person.token, entries: [], checkins: [] });
  for (let i = 0; i < 3; i += 1) {
    const anon = await anonymous(srv.url);
    people.push({ login: anon.user.handle, password: anon.recovery_code, token: anon.token, id: anon.user.id, entries: [], checkins: [] });
  }
  for (const p of people) await write(srv.url, p, 3);
  const doctor = await signedInStaff(srv);
  const client = people[1];
  const { code } = expectStatus(await api(srv.url, 'POST', '/api/v1/clinician/invitations', { token: doctor.token }), 201);
  expectStatus(await api(srv.url, 'POST', '/api/v1/links', { token: client.token, body: { code, share: { mood: true } } }), 201);
  expectStatus(await api(srv.url, 'GET', `/api/v1/clinician/clients/${client.id}/checkins`, { token: doctor.token }), 200);
  return { people, doctor, client };
}

async function write(url, p, n) {
  for (let i = 0; i < n; i += 1) {
    const text = `Entry ${words()} of ${p.login}`;
    p.entries.push({ id: expectStatus(await api(url, 'POST', '/api/v1/entries', { body: { text }, token: p.token }), 201).entry.id, text });
    const note = `Note ${words()}`;
    p.checkins.push({ id: expectStatus(await api(url, 'POST', '/api/v1/checkins', { body: { valence: 3, energy: 2, note }, token: p.token }), 201).checkin.id, note });
  }
}

async function expectReadable(url, p, token = p.token) {
  for (const e of p.entries) {
    const got = expectStatus(await api(url, 'GET', `/api/v1/entries/${e.id}`, { token }), 200, `entry of ${p.login}`).entry;
    assert.equal(got.text, e.text);
  }
  const list = expectStatus(await api(url, 'GET', '/api/v1/checkins?limit=1000', { token }), 200).checkins;
  for (const c of p.checkins) assert.equal(list.find((x) => x.id === c.id)?.note, c.note);
}

/** New accounts and writes, and reads of everyone, until stopped. */
function traffic(srv, people) {
  let stop = false;
  const made = [];
  let rounds = 0;
  const done = (async () => {
    while (!stop) {
      const r = await register(srv.url);
      const p = { login: r.email, password: r.password, token: r.token, entries: [], checkins: [] };
      await write(srv.url, p, 1);
      made.push(p);
      const old = people[rounds % people.length];
      await write(srv.url, old, 1);
      await expectReadable(srv.url, old);
      rounds += 1;
    }
    return { made, rounds };
  })();
  return { stop: () => { stop = true; return done; } };
}

function auditOk(dir) {
  return runCli(['audit', 'verify', '--data-dir', dir]).then((r) => {
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return Number(/audit log intact: (\d+) record/.exec(r.stdout)[1]);
  });
}

test('keys rotate while serving: everything stays readable, log-in and the audit chain survive', { timeout: 240_000 }, async () => {
  let srv = await startServer();
  const dir = srv.dataDir;
  const out = makeTempDir();
  const fresh = await initDataDir();
  try {
    const data = await seed(srv);
    const oldKey = keyLines(dir);
    assert.equal(oldKey.length, 1);
    const auditBefore = await auditOk(dir);
    assert.ok(auditBefore > 0);
    const backup = path.join(out, 'before.backup');
    const b = await runCli(['backup', '--data-dir', dir, backup]);
    assert.equal(b.code, 0, b.stderr);

    const load = traffic(srv, data.people);
    const r = await runCli(['keys', 'rotate', '--data-dir', dir]);
    const during = await load.stop();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(during.rounds > 0, 'the server kept serving during the rotation');
    const newId = /new master key ([0-9a-f]{16})/.exec(r.stdout)[1];
    const oldId = /the old key ([0-9a-f]{16})/.exec(r.stdout)[1];
    assert.notEqual(newId, oldId);
    const retired = /old master key is kept in (\S+)/.exec(r.stdout)[1];
    assert.match(path.basename(retired), /^master\.key\.retired-\d{8}T\d{6}Z$/);
    assert.equal(fs.statSync(retired).mode & 0o777, 0o600);
    assert.deepEqual(fs.readFileSync(retired, 'utf8').trim().split('\n'), oldKey);
    const lines = keyLines(dir);
    assert.equal(lines.length, 1);
    assert.notEqual(lines[0], oldKey[0]);

    // Same server, no restart: old and new data, e-mail log-in, new accounts.
    for (const p of [...data.people, ...during.made]) await expectReadable(srv.url, p);
    for (const p of [data.people[0], ...during.made.slice(0, 3)]) {
      await expectReadable(srv.url, p, await login(srv.url, p.login, p.password));
    }
    const late = await register(srv.url);
    const lateP = { login: late.email, password: late.password, token: late.token, entries: [], checkins: [] };
    await write(srv.url, lateP, 2);
    // The clinician's reads keep chaining onto the same log.
    expectStatus(await api(srv.url, 'GET', `/api/v1/clinician/clients/${data.client.id}/checkins`, { token: data.doctor.token }), 200);
    assert.equal(await auditOk(dir), auditBefore + 1);

    // Every wrapped data key names the new key.
    const ids = wrappedKeyIds(dir);
    assert.ok(ids.length >= data.people.length + during.made.length + 2);
    assert.deepEqual([...new Set(ids)], [newId]);

    // After a restart, everything still opens.
    await srv.stop({ keepData: true });
    srv = await startServer({ dataDir: dir });
    for (const p of [...data.people, ...during.made, lateP]) {
      await expectReadable(srv.url, p, await login(srv.url, p.login, p.password));
    }
    assert.equal(await auditOk(dir), auditBefore + 1);
    await srv.stop({ keepData: true });

    // The old key no longer opens this database.
    const stale = makeTempDir();
    fs.copyFileSync(path.join(dir, 'interlude.db'), path.join(stale, 'interlude.db'));
    fs.copyFileSync(retired, path.join(stale, 'master.key'));
    fs.chmodSync(path.join(stale, 'master.key'), 0o600);
    const refused = await runCli(['audit', 'verify', '--data-dir', stale]);
    fs.rmSync(stale, { recursive: true, force: true });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /master key does not match/);

    // A backup from before the rotation restores with the retired key.
    fs.copyFileSync(path.join(dir, 'master.key'), path.join(fresh, 'master.key'));
    const without = await runCli(['restore', '--data-dir', fresh, backup]);
    assert.equal(without.code, 1);
    assert.match(without.stderr, /another master key.*--key-file/);
    const withKey = await runCli(['restore', '--data-dir', fresh, '--key-file', retired, backup]);
    assert.equal(withKey.code, 0, withKey.stderr);
    assert.match(withKey.stdout, /data keys re-wrapped under the current master key/);
    assert.deepEqual([...new Set(wrappedKeyIds(fresh))], [newId]);
    srv = await startServer({ dataDir: fresh });
    for (const p of data.people) {
      const before = { ...p, entries: p.entries.slice(0, 3), checkins: p.checkins.slice(0, 3) };
      await expectReadable(srv.url, before, await login(srv.url, p.login, p.password));
    }
    assert.equal(await auditOk(fresh), auditBefore);
  } finally {
    await srv.stop().catch(() => {});
    for (const d of [dir, out, fresh]) fs.rmSync(d, { recursive: true, force: true });
  }
});

test('a rotation killed half-way leaves everything readable and finishes when run again', { timeout: 180_000 }, async () => {
  const srv = await startServer();
  try {
    const data = await seed(srv);
    const oldKey = keyLines(srv.dataDir);
    // Start a rotation and kill it once the new keyring is written (while it waits for servers).
    const env = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INTERLUDE_')) env[k] = v;
    const proc = spawn(binaryPath(), ['keys', 'rotate', '--data-dir', srv.dataDir], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    await new Promise((resolve, reject) => {
      proc.stdout.setEncoding('utf8').on('data', (d) => {
        stdout += d;
        if (stdout.includes('waiting for running servers')) { proc.kill('SIGKILL'); resolve(); }
      });
      proc.on('exit', () => reject(new Error(`rotate ended before it could be killed: ${stdout}`)));
    });
    await new Promise((resolve) => { if (proc.exitCode !== null || proc.signalCode) resolve(); else proc.once('exit', resolve); });
    const ring = keyLines(srv.dataDir);
    assert.equal(ring.length, 2, 'both keys stay in the keyring until the end');
    assert.equal(ring[1], oldKey[0]);
    for (const p of data.people) await expectReadable(srv.url, p, await login(srv.url, p.login, p.password));
    const fresh = await register(srv.url);
    await write(srv.url, { login: fresh.email, token: fresh.token, entries: [], checkins: [] }, 1);
    await auditOk(srv.dataDir);

    const again = await runCli(['keys', 'rotate', '--data-dir', srv.dataDir]);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /resuming an unfinished rotation/);
    const newId = /rotation to master key ([0-9a-f]{16})/.exec(again.stdout)[1];
    assert.deepEqual(keyLines(srv.dataDir), [ring[0]]);
    assert.deepEqual([...new Set(wrappedKeyIds(srv.dataDir))], [newId]);
    for (const p of data.people) await expectReadable(srv.url, p, await login(srv.url, p.login, p.password));
    await auditOk(srv.dataDir);
  } finally {
    await srv.stop();
  }
});

test('keys rotate refuses a key from the environment with a sentence saying what to do', async () => {
  const dir = await initDataDir();
  try {
    const r = await runCli(['keys', 'rotate', '--data-dir', dir], { env: { INTERLUDE_MASTER_KEY: 'ab'.repeat(32) } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /INTERLUDE_MASTER_KEY.*unset the variable.*keys rotate/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
