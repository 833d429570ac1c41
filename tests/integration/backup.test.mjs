// `interlude backup` / `interlude restore` (docs/operations.md "Backups, restore and key
// rotation"): a backup taken while the server serves and writes restores into a freshly
// `init`ed directory holding the same master key, with every entry and check-in readable;
// a wrong key, a tampered or a truncated file is refused with a sentence and leaves the data
// directory untouched; restore refuses while a server serves the directory; no plaintext
// copy of the database is left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, initDataDir, runCli, makeTempDir } from '../support/integration.mjs';
import { api, expectStatus, register, anonymous, freshAddress } from '../support/api.mjs';

const sha = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const leftovers = (dir) => fs.readdirSync(dir).filter((f) => f.startsWith('.interlude-') || f.endsWith('.tmp'));

/** Copies the master key of `from` into `to` (restore onto a new machine). */
function copyKey(from, to) {
  fs.copyFileSync(path.join(from, 'master.key'), path.join(to, 'master.key'));
  fs.chmodSync(path.join(to, 'master.key'), 0o600);
}

async function login(url, loginName, password) {
  const res = await api(url, 'POST', '/api/v1/auth/login', { body: { login: loginName, password }, localAddress: freshAddress() });
  return expectStatus(res, 200, `log in as ${loginName}`).token;
}

/** Writes entries and check-ins for `who` until stopped; resolves to what was written. */
function writeLoop(url, token) {
  let stop = false;
  const written = [];
  const done = (async () => {
    for (let i = 0; !stop; i += 1) {
      const text = `Loop entry ${i} ${crypto.randomBytes(4).toString('hex')}`;
      const r = await api(url, 'POST', '/api/v1/entries', { body: { text }, token });
      expectStatus(r, 201, 'entry written during the backup');
      written.push({ id: r.json.entry.id, text });
    }
    return written;
  })();
  return { stop: () => { stop = true; return done; } };
}

async function seed(url) {
  const person = await register(url);
  const anon = await anonymous(url);
  const entries = [];
  const checkins = [];
  for (const [who, token] of [['email', person.token], ['anon', anon.token]]) {
    for (let i = 0; i < 5; i += 1) {
      const text = `Before the backup ${who} ${i} ${crypto.randomBytes(4).toString('hex')}`;
      const e = expectStatus(await api(url, 'POST', '/api/v1/entries', { body: { text }, token }), 201).entry;
      entries.push({ who, id: e.id, text });
      const note = `Check-in note ${who} ${i} ${crypto.randomBytes(4).toString('hex')}`;
      const c = expectStatus(await api(url, 'POST', '/api/v1/checkins', { body: { valence: 1 + i % 5, energy: 2, note }, token }), 201).checkin;
      checkins.push({ who, id: c.id, note });
    }
  }
  return { person, anon, entries, checkins };
}

test('a backup taken while serving and writing restores into a fresh directory with the same key', { timeout: 180_000 }, async () => {
  const srv = await startServer();
  const out = makeTempDir();
  const fresh = await initDataDir();
  let restored;
  try {
    const data = await seed(srv.url);
    const file = path.join(out, 'interlude.backup');
    const loop = writeLoop(srv.url, data.person.token);
    const b = await runCli(['backup', '--data-dir', srv.dataDir, file]);
    const during = await loop.stop();
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /^backup written to .+: \d+ bytes, 2 users/);
    assert.ok(during.length > 0, 'the server kept taking writes during the backup');
    assert.deepEqual(leftovers(srv.dataDir), [], 'no plaintext copy or temp file left in the data dir');
    assert.deepEqual(leftovers(out), []);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    // Not the database in clear.
    const bytes = fs.readFileSync(file);
    assert.ok(!bytes.includes(Buffer.from('SQLite format 3')));
    assert.ok(bytes.subarray(0, 16).equals(Buffer.from('INTERLUDE-BACKUP')));

    // An existing file is not overwritten without --force.
    const again = await runCli(['backup', '--data-dir', srv.dataDir, file]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--force/);
    assert.ok(fs.readFileSync(file).equals(bytes), 'the refused backup left the file as it was');
    const forced = await runCli(['backup', '--data-dir', srv.dataDir, '--force', file]);
    assert.equal(forced.code, 0, forced.stderr);
    // Restore refuses while the server serves the directory.
    const busy = await runCli(['restore', '--data-dir', srv.dataDir, file]);
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /in use.*stop the server first/);
    expectStatus(await api(srv.url, 'GET', `/api/v1/entries/${data.entries[0].id}`, { token: data.person.token }), 200);
    await srv.stop({ keepData: true });

    // Restore onto "a new machine": a fresh init with the operator's copy of master.key.
    copyKey(srv.dataDir, fresh);

    const r = await runCli(['restore', '--data-dir', fresh, file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^restored .+: 2 users\n$/);
    assert.deepEqual(leftovers(fresh), []);
    assert.ok(!fs.existsSync(path.join(fresh, 'interlude.db-wal')));

    restored = await startServer({ dataDir: fresh });
    const tokens = {
      email: await login(restored.url, data.person.email, data.person.password),
      anon: await login(restored.url, data.anon.user.handle, data.anon.recovery_code),
    };
    for (const e of data.entries) {
      const got = expectStatus(await api(restored.url, 'GET', `/api/v1/entries/${e.id}`, { token: tokens[e.who] }), 200).entry;
      assert.equal(got.text, e.text);
    }
    for (const who of ['email', 'anon']) {
      const list = expectStatus(await api(restored.url, 'GET', '/api/v1/checkins?limit=1000', { token: tokens[who] }), 200).checkins;
      for (const c of data.checkins.filter((x) => x.who === who)) {
        assert.equal(list.find((x) => x.id === c.id)?.note, c.note);
      }
    }
    // Whatever the loop wrote before the snapshot is there and readable.
    const mine = expectStatus(await api(restored.url, 'GET', '/api/v1/entries?limit=100', { token: tokens.email }), 200).entries;
    const byId = new Map(during.map((w) => [w.id, w.text]));
    for (const e of mine) if (byId.has(e.id)) assert.equal(e.text, byId.get(e.id));
  } finally {
    await srv.stop().catch(() => {});
    await restored?.stop();
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.rmSync(srv.dataDir, { recursive: true, force: true });
  }
});

test('a wrong key, a tampered or a truncated backup is refused and the data dir is untouched', { timeout: 120_000 }, async () => {
  const srv = await startServer();
  const out = makeTempDir();
  const target = await initDataDir();
  try {
    await seed(srv.url);
    const file = path.join(out, 'b.backup');
    const b = await runCli(['backup', '--data-dir', srv.dataDir, file]);
    assert.equal(b.code, 0, b.stderr);
    await srv.stop({ keepData: true });
    const full = fs.readFileSync(file);
    const db = path.join(target, 'interlude.db');
    const before = sha(db);
    const untouched = () => {
      assert.equal(sha(db), before, 'the database was not touched');
      assert.deepEqual(leftovers(target), [], 'no plaintext copy left');
    };

    // `target` has its own, different master key.
    const wrong = await runCli(['restore', '--data-dir', target, file]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /made under another master key \(key id [0-9a-f]{16}\).*--key-file.*nothing in .* was changed/);
    untouched();

    copyKey(srv.dataDir, target);
    const tampered = Buffer.from(full);
    tampered[Math.floor(full.length / 2)] ^= 0x20;
    fs.writeFileSync(path.join(out, 'tampered.backup'), tampered);
    const t = await runCli(['restore', '--data-dir', target, path.join(out, 'tampered.backup')]);
    assert.equal(t.code, 1);
    assert.match(t.stderr, /was altered or damaged.*nothing in .* was changed/);
    untouched();

    fs.writeFileSync(path.join(out, 'cut.backup'), full.subarray(0, full.length - 100));
    const c = await runCli(['restore', '--data-dir', target, path.join(out, 'cut.backup')]);
    assert.equal(c.code, 1);
    assert.match(c.stderr, /is truncated.*nothing in .* was changed/);
    untouched();

    fs.writeFileSync(path.join(out, 'junk.backup'), 'not a backup at all');
    const j = await runCli(['restore', '--data-dir', target, path.join(out, 'junk.backup')]);
    assert.equal(j.code, 1);
    assert.match(j.stderr, /is not an Interlude backup file/);
    untouched();

    // And the good file still restores into it.
    const ok = await runCli(['restore', '--data-dir', target, file]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.notEqual(sha(db), before);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(target, { recursive: true, force: true });
    fs.rmSync(srv.dataDir, { recursive: true, force: true });
  }
});
