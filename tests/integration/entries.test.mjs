// Journal entries: kinds and their fields, validation, listing with cursors, get, put, delete.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous, ISO_Z } from '../support/api.mjs';

let srv;
let acct;
before(async () => { srv = await startServer(); acct = await anonymous(srv.url); });
after(async () => { await srv?.stop(); });

const post = (body, token = acct.token) => api(srv.url, 'POST', '/api/v1/entries', { body, token });
const put = (id, body, token = acct.token) => api(srv.url, 'PUT', `/api/v1/entries/${id}`, { body, token });
const get = (id, token = acct.token) => api(srv.url, 'GET', `/api/v1/entries/${id}`, { token });
const del = (id, token = acct.token) => api(srv.url, 'DELETE', `/api/v1/entries/${id}`, { token });
const list = (query = '', token = acct.token) => api(srv.url, 'GET', `/api/v1/entries${query}`, { token });

// The language engine's reading of an entry, stored encrypted with it.
function checkAnalysis(a) {
  assert.equal(typeof a.version, 'number');
  assert.ok(a.sentiment.compound >= -1 && a.sentiment.compound <= 1);
  for (const key of ['emotions', 'themes', 'distortions', 'key_phrases']) assert.ok(Array.isArray(a[key]), key);
  assert.match(a.risk.level, /^(none|low|moderate|high)$/);
  assert.equal(typeof a.style.words, 'number');
}

function checkEntry(e, want) {
  assert.deepEqual(Object.keys(e).sort(), ['analysis', 'created_at', 'fields', 'id', 'kind', 'shared', 'text', 'title', 'updated_at']);
  checkAnalysis(e.analysis);
  assert.equal(typeof e.id, 'string');
  assert.ok(e.id.length > 0);
  assert.match(e.created_at, ISO_Z);
  assert.match(e.updated_at, ISO_Z);
  assert.ok(Date.parse(e.updated_at) >= Date.parse(e.created_at));
  assert.ok(Math.abs(Date.now() - Date.parse(e.created_at)) < 10 * 60_000, 'created_at is now');
  assert.equal(e.kind, want.kind ?? 'free');
  assert.equal(e.text, want.text);
  if (want.title !== undefined) assert.equal(e.title, want.title);
  else assert.ok(e.title === null || e.title === '', `no title -> null or "": ${JSON.stringify(e.title)}`);
  assert.deepEqual(e.fields, want.fields ?? {});
}

const samples = [
  { kind: 'free', text: 'Rain all day. Stayed in and read.', title: 'Sunday' },
  { text: 'Kind defaults to free.' },
  { kind: 'gratitude', text: 'Three things.', fields: { items: ['my sister called', 'warm bread', 'the \u{1F308} after the rain'] } },
  { kind: 'gratitude', text: '', fields: { items: ['only the list'] } },
  {
    kind: 'thought_record', text: '', title: 'Meeting',
    fields: {
      situation: 'Manager did not reply to my email', automatic_thought: 'I am about to be fired',
      evidence_for: 'She has been short with me', evidence_against: 'She is travelling this week; my review was good',
      balanced_thought: 'She is busy; silence is not a verdict', mood_before: 80, mood_after: 35,
    },
  },
  { kind: 'thought_record', text: 'bounds', fields: { mood_before: 0, mood_after: 100 } },
  { kind: 'session_prep', text: 'notes for Thursday', fields: { want_to_discuss: 'sleep', since_last_session: 'two bad nights', questions: 'is this normal?' } },
  { kind: 'after_session', text: '', fields: { takeaways: 'notice the thought', homework: 'thought record x3', feelings: 'lighter' } },
];

test('create each kind with its fields; GET returns the same entry', async () => {
  for (const s of samples) {
    const res = await post(s);
    const e = expectStatus(res, 201, JSON.stringify(s).slice(0, 80)).entry;
    checkEntry(e, s);
    assert.equal(e.created_at, e.updated_at, 'a new entry was never updated');
    const g = await get(e.id);
    assert.deepEqual(expectStatus(g, 200).entry, e);
  }
});

test('fields are validated per kind', async () => {
  const bad = [
    [{ kind: 'diary', text: 'x' }, 'kind'],
    [{ kind: 'free', text: 'x', fields: { items: ['a'] } }, /items/],
    [{ kind: 'gratitude', text: 'x', fields: { takeaways: 'a' } }, /takeaways/],
    [{ kind: 'gratitude', text: 'x', fields: { items: ['1', '2', '3', '4', '5', '6'] } }, /items/],
    [{ kind: 'gratitude', text: 'x', fields: { items: 'one string' } }, /items/],
    [{ kind: 'gratitude', text: 'x', fields: { items: [1] } }, /items/],
    [{ kind: 'gratitude', text: 'x', fields: { items: ['i'.repeat(2001)] } }, /items/],
    [{ kind: 'thought_record', text: 'x', fields: { mood_before: 101 } }, /mood_before/],
    [{ kind: 'thought_record', text: 'x', fields: { mood_after: -1 } }, /mood_after/],
    [{ kind: 'thought_record', text: 'x', fields: { mood_before: 50.5 } }, /mood_before/],
    [{ kind: 'thought_record', text: 'x', fields: { mood_before: '50' } }, /mood_before/],
    [{ kind: 'thought_record', text: 'x', fields: { situation: 5 } }, /situation/],
    [{ kind: 'session_prep', text: 'x', fields: { homework: 'a' } }, /homework/],
    [{ kind: 'after_session', text: 'x', fields: { questions: 'a' } }, /questions/],
    [{ kind: 'after_session', text: 'x', fields: { feelings: 'f'.repeat(2001) } }, /feelings/],
  ];
  for (const [body, field] of bad) {
    const res = await post(body);
    assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 100)} -> ${res.status} ${res.text.slice(0, 200)}`);
    assert.equal(res.json.error.code, 'invalid_argument');
    if (typeof field === 'string') assert.equal(res.json.error.field, field);
    else assert.match(res.json.error.field ?? '', field, `field for ${JSON.stringify(body).slice(0, 100)}: ${res.text}`);
  }
  expectStatus(await post({ kind: 'gratitude', text: 'x', fields: { items: ['1', '2', '3', '4', '5'] } }), 201, 'five items');
});

test('an entry must have some text', async () => {
  for (const body of [
    { text: '' }, { kind: 'free', text: '', title: 'only a title' },
    { kind: 'gratitude', text: '', fields: {} }, { kind: 'gratitude', text: '', fields: { items: [] } },
    { kind: 'thought_record', text: '', fields: { situation: '' } }, { kind: 'session_prep', text: '' },
  ]) {
    const res = await post(body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} -> ${res.status} ${res.text}`);
    assert.equal(res.json.error.code, 'invalid_argument');
  }
  assertError(await post({ title: 'no text key' }), 400, 'invalid_argument', 'text');
});

test('list: newest first, cursor paging 25 -> 10, 10, 5, no duplicates, next_before null at the end', async () => {
  const a = await anonymous(srv.url);
  const created = [];
  for (let i = 0; i < 25; i += 1) {
    created.push(expectStatus(await post({ text: `entry number ${i}` }, a.token), 201).entry);
  }
  const pages = [];
  let cursor = null;
  for (let guard = 0; guard < 10; guard += 1) {
    const q = cursor === null ? '?limit=10' : `?limit=10&before=${encodeURIComponent(cursor)}`;
    const body = expectStatus(await list(q, a.token), 200);
    assert.deepEqual(Object.keys(body).sort(), ['entries', 'next_before']);
    pages.push(body.entries);
    cursor = body.next_before;
    if (cursor === null) break;
    assert.equal(typeof cursor, 'string');
  }
  assert.deepEqual(pages.map((p) => p.length), [10, 10, 5]);
  const ids = pages.flat().map((e) => e.id);
  assert.equal(new Set(ids).size, 25, 'no duplicates');
  assert.deepEqual(ids, created.map((e) => e.id).reverse(), 'newest first, in creation order reversed');
  const flat = pages.flat();
  for (let i = 1; i < flat.length; i += 1) assert.ok(flat[i - 1].created_at >= flat[i].created_at);
  // Listed entries are complete.
  assert.deepEqual(flat[24], created[0]);

  // Default limit is 20.
  const def = expectStatus(await list('', a.token), 200);
  assert.equal(def.entries.length, 20);
  assert.equal(typeof def.next_before, 'string');
  const rest = expectStatus(await list(`?before=${encodeURIComponent(def.next_before)}`, a.token), 200);
  assert.deepEqual(rest.entries.map((e) => e.id), created.slice(0, 5).map((e) => e.id).reverse());
  assert.equal(rest.next_before, null);
  const all = expectStatus(await list('?limit=100', a.token), 200);
  assert.equal(all.entries.length, 25);
  assert.equal(all.next_before, null);
});

test('a cursor is stable when new entries arrive between pages', async () => {
  const a = await anonymous(srv.url);
  const created = [];
  for (let i = 0; i < 6; i += 1) created.push(expectStatus(await post({ text: `c${i}` }, a.token), 201).entry);
  const p1 = expectStatus(await list('?limit=3', a.token), 200);
  assert.deepEqual(p1.entries.map((e) => e.text), ['c5', 'c4', 'c3']);
  expectStatus(await post({ text: 'c6 (late)' }, a.token), 201);
  const p2 = expectStatus(await list(`?limit=3&before=${encodeURIComponent(p1.next_before)}`, a.token), 200);
  assert.deepEqual(p2.entries.map((e) => e.text), ['c2', 'c1', 'c0']);
});

test("another person's cursor never shows their entries", async () => {
  const a = await anonymous(srv.url);
  const b = await anonymous(srv.url);
  for (let i = 0; i < 5; i += 1) expectStatus(await post({ text: `a-private-${i}` }, a.token), 201);
  const mine = expectStatus(await post({ text: 'b-own' }, b.token), 201).entry;
  const page = expectStatus(await list('?limit=2', a.token), 200);
  assert.equal(typeof page.next_before, 'string');
  const res = await list(`?limit=100&before=${encodeURIComponent(page.next_before)}`, b.token);
  assert.ok(res.status === 200 || res.status === 400, `${res.status} ${res.text.slice(0, 200)}`);
  assert.ok(!res.text.includes('a-private'), `B sees none of A's entries: ${res.text.slice(0, 300)}`);
  if (res.status === 200) for (const e of res.json.entries) assert.equal(e.id, mine.id);
});

test('next_before is null when the last page is exactly full', async () => {
  const a = await anonymous(srv.url);
  for (let i = 0; i < 4; i += 1) expectStatus(await post({ text: `x${i}` }, a.token), 201);
  const p = expectStatus(await list('?limit=4', a.token), 200);
  assert.equal(p.entries.length, 4);
  assert.equal(p.next_before, null, 'there is nothing older, so this is the last page');
  const empty = expectStatus(await list('', (await anonymous(srv.url)).token), 200);
  assert.deepEqual(empty, { entries: [], next_before: null });
});

test('limit must be 1-100', async () => {
  for (const l of ['0', '101', '-5', 'ten', '2.5']) {
    assertError(await list(`?limit=${l}`), 400, 'invalid_argument');
  }
  expectStatus(await list('?limit=1'), 200);
  expectStatus(await list('?limit=100'), 200);
});

test('PUT replaces the entry (kind, title and fields included); created_at stays', async () => {
  const e = expectStatus(await post({ kind: 'thought_record', text: 'before', title: 'Old', fields: { situation: 's', mood_before: 10 } }), 201).entry;
  await new Promise((r) => setTimeout(r, 1100)); // so that updated_at can move on a one-second clock
  const next = { kind: 'gratitude', text: 'after', fields: { items: ['a', 'b'] } };
  const res = await put(e.id, next);
  const u = expectStatus(res, 200).entry;
  checkEntry(u, next); // title gone because PUT replaces
  assert.equal(u.id, e.id);
  assert.equal(u.created_at, e.created_at);
  assert.ok(Date.parse(u.updated_at) > Date.parse(e.updated_at), `updated_at moved: ${e.updated_at} -> ${u.updated_at}`);
  assert.deepEqual(expectStatus(await get(e.id), 200).entry, u);

  // A refused PUT changes nothing.
  assertError(await put(e.id, { text: 'x'.repeat(20_001) }), 400, 'invalid_argument', 'text');
  assertError(await put(e.id, { text: 'x', colour: 'red' }), 400, 'invalid_argument', 'colour');
  assert.deepEqual(expectStatus(await get(e.id), 200).entry, u);

  assertError(await put('no-such-entry', { text: 'x' }), 404, 'not_found');
});

test('DELETE -> 204, then GET, PUT and DELETE -> 404, and it is gone from the list', async () => {
  const e = expectStatus(await post({ text: 'to be deleted' }), 201).entry;
  const keep = expectStatus(await post({ text: 'to be kept' }), 201).entry;
  const res = await del(e.id);
  assert.equal(res.status, 204, res.text);
  assert.equal(res.text, '');
  assertError(await get(e.id), 404, 'not_found');
  assertError(await put(e.id, { text: 'resurrect' }), 404, 'not_found');
  assertError(await del(e.id), 404, 'not_found');
  const ids = expectStatus(await list('?limit=100'), 200).entries.map((x) => x.id);
  assert.ok(!ids.includes(e.id));
  assert.ok(ids.includes(keep.id));
});

test('text is stored exactly: unicode, newlines, quotes, NUL-free control characters', async () => {
  const text = 'Line one\nLine two\twith tab\r\n"quoted" \\ backslash \u00e9 \u{1F9E1} \u202Eright-to-left\u202C <script>alert(1)</script>';
  const e = expectStatus(await post({ text, title: '\u{1F331} <b>t</b>' }), 201).entry;
  assert.equal(e.text, text);
  assert.equal(e.title, '\u{1F331} <b>t</b>');
  assert.equal(expectStatus(await get(e.id), 200).entry.text, text);
});

test('the analysis reads the words written, and points at them', async () => {
  const text = 'I always ruin everything at work. I have the pills counted out for tonight.';
  const e = expectStatus(await post({ text }), 201).entry;
  assert.equal(e.analysis.risk.level, 'high');
  const evidence = e.analysis.risk.evidence;
  assert.equal(text.slice(evidence.begin, evidence.end), evidence.text, 'evidence span points into the text');
  assert.ok(e.analysis.themes.some((t) => t.theme === 'work'));
  assert.ok(e.analysis.distortions.length > 0);
  assert.ok(e.analysis.sentiment.compound < 0);
  // Segments say which field each part of the analysed text came from.
  assert.deepEqual(e.analysis.segments, [{ field: 'text', begin: 0, end: Buffer.byteLength(text) }]);
  // The same analysis comes back on GET and in the list.
  assert.deepEqual(expectStatus(await get(e.id), 200).entry.analysis, e.analysis);
});
