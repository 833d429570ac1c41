// Mood check-ins: create, validation of every field, listing with from/to, delete, vocabulary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous, checkAll, ISO_Z } from '../support/api.mjs';

let srv;
let acct;
let vocab;
before(async () => {
  srv = await startServer();
  acct = await anonymous(srv.url);
  vocab = expectStatus(await api(srv.url, 'GET', '/api/v1/vocabulary', { token: acct.token }), 200);
});
after(async () => { await srv?.stop(); });

const post = (body, token = acct.token) => api(srv.url, 'POST', '/api/v1/checkins', { body, token });
const list = (query = '', token = acct.token) => api(srv.url, 'GET', `/api/v1/checkins${query}`, { token });
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KEYS = ['at', 'created_at', 'emotions', 'energy', 'id', 'note', 'sleep_hours', 'tags', 'tz_offset_min', 'valence'];

test('vocabulary: emotion words with pleasantness and energy, and suggested tags', async () => {
  assert.deepEqual(Object.keys(vocab).sort(), ['emotions', 'tags']);
  assert.ok(Array.isArray(vocab.emotions) && vocab.emotions.length >= 8, `${vocab.emotions?.length} emotions`);
  const words = new Set();
  for (const e of vocab.emotions) {
    assert.deepEqual(Object.keys(e).sort(), ['energy', 'pleasant', 'word']);
    assert.equal(typeof e.word, 'string');
    assert.match(e.word, /^[a-z][a-z -]*$/, `word "${e.word}"`);
    assert.equal(typeof e.pleasant, 'boolean');
    assert.ok(e.energy === 'high' || e.energy === 'low', `energy ${e.energy}`);
    assert.ok(!words.has(e.word), `duplicate word ${e.word}`);
    words.add(e.word);
  }
  // All four quadrants are there.
  for (const p of [true, false]) {
    for (const en of ['high', 'low']) {
      assert.ok(vocab.emotions.some((e) => e.pleasant === p && e.energy === en), `a ${p ? 'pleasant' : 'unpleasant'} ${en}-energy word`);
    }
  }
  assert.ok(Array.isArray(vocab.tags) && vocab.tags.length > 0);
  for (const t of vocab.tags) {
    assert.equal(typeof t, 'string');
    assert.ok(t.length >= 1 && t.length <= 40 && t === t.toLowerCase(), `suggested tag "${t}" is itself a valid tag`);
  }
});

test('every vocabulary word and suggested tag is accepted in a check-in', async () => {
  const a = await anonymous(srv.url);
  const words = vocab.emotions.map((e) => e.word);
  for (let i = 0; i < words.length; i += 10) {
    const emotions = words.slice(i, i + 10);
    const c = expectStatus(await post({ valence: 4, energy: 3, emotions }, a.token), 201, `emotions ${emotions}`).checkin;
    assert.deepEqual(c.emotions, emotions);
  }
  for (let i = 0; i < vocab.tags.length; i += 20) {
    const tags = vocab.tags.slice(i, i + 20);
    const c = expectStatus(await post({ valence: 4, energy: 3, tags }, a.token), 201, `tags ${tags}`).checkin;
    assert.deepEqual(c.tags, tags);
  }
});

test('create a full check-in: every field comes back, tags lower-cased, `at` in UTC', async () => {
  const emotions = vocab.emotions.slice(0, 2).map((e) => e.word);
  const atLocal = new Date(Date.now() - 2 * DAY);
  atLocal.setUTCMilliseconds(0);
  // Same instant written with a +01:00 offset.
  const shifted = new Date(atLocal.getTime() + HOUR).toISOString().replace(/\.\d{3}Z$/, '+01:00');
  const body = {
    at: shifted, tz_offset_min: 60, valence: 5, energy: 3, emotions,
    tags: ['Sleep', 'WALK', 'with friends'], sleep_hours: 7.5, note: 'Slept well; a long walk by the canal \u{1F6B6}.',
  };
  const res = await post(body);
  const c = expectStatus(res, 201).checkin;
  // A note is read by the language engine; the analysis is kept (encrypted) with it.
  assert.deepEqual(Object.keys(c).sort(), [...KEYS, 'analysis'].sort());
  assert.ok(c.analysis.sentiment.compound > 0, 'a pleasant note reads as positive');
  assert.equal(c.analysis.risk.level, 'none');
  assert.equal(c.at, iso(atLocal.getTime()), 'at is normalised to UTC with Z');
  assert.equal(c.tz_offset_min, 60);
  assert.equal(c.valence, 5);
  assert.equal(c.energy, 3);
  assert.deepEqual(c.emotions, emotions);
  assert.deepEqual(c.tags, ['sleep', 'walk', 'with friends']);
  assert.equal(c.sleep_hours, 7.5);
  assert.equal(c.note, body.note);
  assert.match(c.created_at, ISO_Z);
  assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 10 * 60_000);
  const listed = expectStatus(await list('?limit=1000'), 200).checkins.find((x) => x.id === c.id);
  assert.deepEqual(listed, c);
});

test('a minimal check-in: at defaults to now, offsets to 0, lists empty', async () => {
  const t0 = Date.now();
  const c = expectStatus(await post({ valence: 1, energy: 5 }), 201).checkin;
  assert.deepEqual(Object.keys(c).sort(), KEYS);
  assert.match(c.at, ISO_Z);
  assert.ok(Math.abs(Date.parse(c.at) - t0) < 5_000, `at ${c.at} is now`);
  assert.equal(c.tz_offset_min, 0);
  assert.deepEqual(c.emotions, []);
  assert.deepEqual(c.tags, []);
  assert.equal(c.sleep_hours, null);
  assert.ok(c.note === null || c.note === '', `note ${JSON.stringify(c.note)}`);
});

test('accepted boundaries', async () => {
  const ok = [
    { valence: 1, energy: 1 }, { valence: 7, energy: 5 },
    { valence: 4, energy: 3, sleep_hours: 0 }, { valence: 4, energy: 3, sleep_hours: 24 }, { valence: 4, energy: 3, sleep_hours: 6 },
    { valence: 4, energy: 3, tz_offset_min: 840 }, { valence: 4, energy: 3, tz_offset_min: -840 },
    { valence: 4, energy: 3, at: '2000-01-01T00:00:00Z' },
    { valence: 4, energy: 3, at: iso(Date.now() + 60_000) },
    { valence: 4, energy: 3, at: new Date(Date.now() - HOUR).toISOString() }, // fractional seconds
    { valence: 4, energy: 3, tags: Array.from({ length: 20 }, (_, i) => `t${i}`) },
    { valence: 4, energy: 3, tags: ['x'.repeat(40)] },
    { valence: 4, energy: 3, tags: ['\u{1F3C3}'.repeat(40)] },
    { valence: 4, energy: 3, emotions: vocab.emotions.slice(0, 10).map((e) => e.word) },
    { valence: 4, energy: 3, note: '' },
  ];
  for (const body of ok) {
    const c = expectStatus(await post(body), 201, JSON.stringify(body).slice(0, 120)).checkin;
    if (body.sleep_hours !== undefined) assert.equal(c.sleep_hours, body.sleep_hours);
    if (body.tz_offset_min !== undefined) assert.equal(c.tz_offset_min, body.tz_offset_min);
    if (body.at !== undefined) assert.ok(Math.abs(Date.parse(c.at) - Date.parse(body.at)) <= 1000, `at ${body.at} -> ${c.at}`);
  }
});

test('each field is validated and named', async () => {
  const word = vocab.emotions[0].word;
  const future = iso(Date.now() + 10 * 60_000);
  const cases = [
    ['valence', [0, 8, 3.5, '5', null, true]],
    ['energy', [0, 6, 2.5, '3', null, []]],
    ['emotions', ['calm', [word, 'flibbertigibbet'], vocab.emotions.slice(0, 11).map((e) => e.word), [1], {}]],
    ['tags', ['sleep', Array.from({ length: 21 }, (_, i) => `t${i}`), [''], ['x'.repeat(41)], [7], [null]]],
    ['sleep_hours', [-1, 24.5, '7', -0.1, true]],
    ['note', ['n'.repeat(2001), 5, ['a']]],
    ['at', [future, '1999-12-31T23:59:59Z', 'not a date', '2026-13-01T00:00:00Z', '2026-02-30T12:00:00Z', '2026-01-01', 1764300000, '']],
    ['tz_offset_min', [841, -841, 60.5, '60']],
  ];
  if (vocab.emotions.length < 11) cases[2][1].splice(2, 1);
  const checks = [];
  for (const [field, values] of cases) {
    for (const v of values) {
      checks.push([`${field} = ${JSON.stringify(v).slice(0, 40)}`, async () => assertError(await post({ valence: 4, energy: 3, [field]: v }), 400, 'invalid_argument', field)]);
    }
  }
  checks.push(['energy missing', async () => assertError(await post({ valence: 4 }), 400, 'invalid_argument', 'energy')]);
  checks.push(['valence missing', async () => assertError(await post({ energy: 4 }), 400, 'invalid_argument', 'valence')]);
  checks.push(['unknown field id', async () => assertError(await post({ valence: 4, energy: 3, id: 'mine' }), 400, 'invalid_argument', 'id')]);
  await checkAll(checks);
});

test('list: newest first by `at`, from inclusive, to exclusive, limit', async () => {
  const a = await anonymous(srv.url);
  const base = Math.floor((Date.now() - 10 * DAY) / 1000) * 1000;
  const offsets = [3, 0, 5, 1, 4, 2]; // created out of order
  const byAt = {};
  for (const k of offsets) {
    const c = expectStatus(await post({ valence: 1 + k, energy: 3, at: iso(base + k * DAY) }, a.token), 201).checkin;
    byAt[k] = c;
  }
  const all = expectStatus(await list('', a.token), 200);
  assert.deepEqual(Object.keys(all), ['checkins']);
  assert.deepEqual(all.checkins.map((c) => c.id), [5, 4, 3, 2, 1, 0].map((k) => byAt[k].id));

  const range = (from, to) => list(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, a.token);
  const r = expectStatus(await range(iso(base + 1 * DAY), iso(base + 4 * DAY)), 200);
  assert.deepEqual(r.checkins.map((c) => c.id), [3, 2, 1].map((k) => byAt[k].id), 'from inclusive, to exclusive');

  const onlyFrom = expectStatus(await list(`?from=${encodeURIComponent(iso(base + 4 * DAY))}`, a.token), 200);
  assert.deepEqual(onlyFrom.checkins.map((c) => c.id), [5, 4].map((k) => byAt[k].id));
  const onlyTo = expectStatus(await list(`?to=${encodeURIComponent(iso(base + 1 * DAY))}`, a.token), 200);
  assert.deepEqual(onlyTo.checkins.map((c) => c.id), [byAt[0].id]);

  // The same instant with an offset (+02:00) selects the same check-ins.
  const plus2 = new Date(base + 1 * DAY + 2 * HOUR).toISOString().replace(/\.\d{3}Z$/, '+02:00');
  const r2 = expectStatus(await list(`?from=${encodeURIComponent(plus2)}&to=${encodeURIComponent(iso(base + 2 * DAY))}`, a.token), 200);
  assert.deepEqual(r2.checkins.map((c) => c.id), [byAt[1].id]);

  const lim = expectStatus(await list('?limit=2', a.token), 200);
  assert.deepEqual(lim.checkins.map((c) => c.id), [byAt[5].id, byAt[4].id]);

  const none = expectStatus(await range(iso(base + 2 * DAY), iso(base + 2 * DAY)), 200);
  assert.deepEqual(none.checkins, []);

  for (const q of ['?limit=0', '?limit=1001', '?limit=x', '?from=yesterday', '?to=2026-99-01T00%3A00%3A00Z']) {
    assertError(await list(q, a.token), 400, 'invalid_argument');
  }
  expectStatus(await list('?limit=1000', a.token), 200);
});

test('from/to written with plain ":" (legal in a query string) work like the encoded form', async () => {
  const a = await anonymous(srv.url);
  const at = iso(Date.now() - 3 * DAY);
  const c = expectStatus(await post({ valence: 4, energy: 3, at }, a.token), 201).checkin;
  const from = iso(Date.now() - 4 * DAY);
  const to = iso(Date.now() - 2 * DAY);
  const encoded = expectStatus(await list(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, a.token), 200);
  assert.deepEqual(encoded.checkins.map((x) => x.id), [c.id]);
  const plain = await list(`?from=${from}&to=${to}`, a.token);
  assert.ok(plain.headers['x-request-id'], 'the response carries X-Request-Id');
  assert.deepEqual(expectStatus(plain, 200, `GET /checkins?from=${from}&to=${to}`).checkins.map((x) => x.id), [c.id]);
});

test('default limit is 100', async () => {
  const a = await anonymous(srv.url);
  const base = Date.now() - 200 * HOUR;
  await Promise.all(Array.from({ length: 105 }, (_, i) => post({ valence: 4, energy: 3, at: iso(base + i * HOUR) }, a.token)
    .then((r) => expectStatus(r, 201))));
  const res = expectStatus(await list('', a.token), 200);
  assert.equal(res.checkins.length, 100);
  assert.equal(res.checkins[0].at, iso(base + 104 * HOUR));
  assert.equal(expectStatus(await list('?limit=1000', a.token), 200).checkins.length, 105);
});

test('DELETE -> 204, then gone; deleting again -> 404', async () => {
  const a = await anonymous(srv.url);
  const c1 = expectStatus(await post({ valence: 2, energy: 2 }, a.token), 201).checkin;
  const c2 = expectStatus(await post({ valence: 6, energy: 4 }, a.token), 201).checkin;
  const res = await api(srv.url, 'DELETE', `/api/v1/checkins/${c1.id}`, { token: a.token });
  assert.equal(res.status, 204, res.text);
  assert.equal(res.text, '');
  const ids = expectStatus(await list('', a.token), 200).checkins.map((c) => c.id);
  assert.deepEqual(ids, [c2.id]);
  assertError(await api(srv.url, 'DELETE', `/api/v1/checkins/${c1.id}`, { token: a.token }), 404, 'not_found');
  assertError(await api(srv.url, 'DELETE', '/api/v1/checkins/never-was', { token: a.token }), 404, 'not_found');
});
