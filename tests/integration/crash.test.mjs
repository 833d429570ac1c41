// Durability: what the server acknowledged (201) survives a kill -9, and the database stays sound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../support/integration.mjs';
import { api, expectStatus, anonymous, unique } from '../support/api.mjs';

function integrityCheck(dir) {
  return execFileSync('sqlite3', [path.join(dir, 'interlude.db'), 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim();
}

/**
 * Fires `n` writes at once (half entries, half check-ins, spread over `users`), each with a
 * unique marker. Calls onAck after each 201. Resolves to the list of acknowledged writes.
 */
function fire(url, users, n, onAck) {
  const acked = [];
  const statuses = [];
  const jobs = [];
  for (let i = 0; i < n; i += 1) {
    const u = users[i % users.length];
    const marker = unique(`mark${i}-`);
    const isEntry = i % 2 === 0;
    const body = isEntry
      ? { text: `durable entry ${marker}`, title: `t ${marker}` }
      : { valence: 1 + (i % 7), energy: 1 + (i % 5), note: `durable check-in ${marker}`, tags: [`k${i}`] };
    const p = api(url, 'POST', isEntry ? '/api/v1/entries' : '/api/v1/checkins', { body, token: u.token, timeoutMs: 60_000 })
      .then((res) => {
        statuses.push(res.status);
        if (res.status === 201) {
          const obj = isEntry ? res.json.entry : res.json.checkin;
          acked.push({ isEntry, id: obj.id, marker, user: u, body });
          onAck?.(acked.length);
        }
      }, (err) => { statuses.push(`error: ${err.code ?? err.message}`); });
    jobs.push(p);
  }
  return { done: Promise.all(jobs).then(() => ({ acked, statuses })), acked, statuses };
}

async function verify(url, acked) {
  const missing = [];
  const byUser = new Map();
  for (const a of acked) {
    if (a.isEntry) {
      const res = await api(url, 'GET', `/api/v1/entries/${a.id}`, { token: a.user.token });
      if (res.status !== 200) { missing.push(`entry ${a.id}: ${res.status}`); continue; }
      assert.equal(res.json.entry.text, a.body.text, `entry ${a.id} text intact`);
      assert.equal(res.json.entry.title, a.body.title, `entry ${a.id} title intact`);
    } else {
      if (!byUser.has(a.user)) {
        const res = await api(url, 'GET', '/api/v1/checkins?limit=1000', { token: a.user.token });
        byUser.set(a.user, new Map(expectStatus(res, 200).checkins.map((c) => [c.id, c])));
      }
      const c = byUser.get(a.user).get(a.id);
      if (!c) { missing.push(`checkin ${a.id}`); continue; }
      assert.equal(c.note, a.body.note, `check-in ${a.id} note intact`);
      assert.equal(c.valence, a.body.valence);
      assert.equal(c.energy, a.body.energy);
      assert.deepEqual(c.tags, a.body.tags);
    }
  }
  assert.deepEqual(missing, [], `${missing.length} acknowledged writes lost after kill -9`);
}

test('200 concurrent writes, kill -9 right after the last acknowledgement: nothing acknowledged is lost', { timeout: 300_000 }, async (t) => {
  let srv = await startServer();
  const dir = srv.dataDir;
  try {
    const users = [];
    for (let i = 0; i < 4; i += 1) users.push(await anonymous(srv.url));
    const { done } = fire(srv.url, users, 200);
    const { acked, statuses } = await done;
    await srv.kill9();
    t.diagnostic(`${acked.length} of 200 writes acknowledged before kill -9`);
    const bad = statuses.filter((s) => s !== 201 && s !== 503);
    assert.deepEqual(bad, [], 'every write is either acknowledged (201) or refused as busy (503)');
    assert.ok(acked.length >= 100, `at least half of 200 concurrent writes acknowledged (got ${acked.length})`);

    srv = await startServer({ dataDir: dir });
    await verify(srv.url, acked);
    const { code } = await srv.stop({ keepData: true });
    assert.equal(code, 0);
    assert.equal(integrityCheck(dir), 'ok');
  } finally {
    await srv.kill9();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('kill -9 in the middle of 200 concurrent writes: every write acknowledged before the kill survives', { timeout: 300_000 }, async (t) => {
  let srv = await startServer();
  const dir = srv.dataDir;
  try {
    const users = [];
    for (let i = 0; i < 4; i += 1) users.push(await anonymous(srv.url));
    let snapshot = null;
    let killed = null;
    const run = fire(srv.url, users, 200, (count) => {
      if (count === 80 && !killed) {
        snapshot = run.acked.slice(); // everything acknowledged up to this instant
        killed = srv.kill9();
      }
    });
    await run.done;
    await killed;
    assert.ok(snapshot, `the kill happened (acknowledged: ${run.acked.length}, statuses: ${[...new Set(run.statuses)]})`);
    // Anything acknowledged (even after the snapshot, racing the kill) must be there.
    const acked = run.acked.slice();
    assert.ok(acked.length >= snapshot.length);
    t.diagnostic(`${acked.length} writes acknowledged around the kill -9 (killed at the ${snapshot.length}th)`);

    srv = await startServer({ dataDir: dir });
    await verify(srv.url, acked);
    // The server still takes writes after the crash.
    const c = expectStatus(await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence: 4, energy: 3 }, token: users[0].token }), 201).checkin;
    assert.equal(typeof c.id, 'string');
    const { code } = await srv.stop({ keepData: true });
    assert.equal(code, 0);
    assert.equal(integrityCheck(dir), 'ok');
  } finally {
    await srv.kill9();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
