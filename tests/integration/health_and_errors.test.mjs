// Health, common headers, the error contract and bad input (docs/api.md "Errors").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import {
  api, assertError, assertErrorShape, expectStatus, anonymous, register, freshAddress, unique,
} from '../support/api.mjs';

let srv;
let owner; // {user, token}
let other;

before(async () => {
  srv = await startServer();
  owner = await anonymous(srv.url);
  other = await anonymous(srv.url);
});
after(async () => { await srv?.stop(); });

const newEntry = (text = 'a small note') => ({ text });

// ---------------------------------------------------------------- health and headers

test('GET /health returns exactly {status:"ok", version} without authentication', async () => {
  const res = await api(srv.url, 'GET', '/api/v1/health');
  expectStatus(res, 200);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  assert.deepEqual(Object.keys(res.json).sort(), ['status', 'version']);
  assert.equal(res.json.status, 'ok');
  assert.match(res.json.version, /^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/);
});

test('every response carries a distinct X-Request-Id', async () => {
  const responses = [
    await api(srv.url, 'GET', '/api/v1/health'),
    await api(srv.url, 'GET', '/api/v1/health'),
    await api(srv.url, 'GET', '/api/v1/me'), // 401
    await api(srv.url, 'GET', '/api/v1/no-such-route'), // 404
    await api(srv.url, 'POST', '/api/v1/entries', { body: newEntry(), token: owner.token }), // 201
  ];
  const ids = responses.map((r) => r.headers['x-request-id']);
  for (const [i, id] of ids.entries()) {
    assert.equal(typeof id, 'string', `response ${i} (${responses[i].status}) has X-Request-Id`);
    assert.ok(id.length >= 8, `X-Request-Id "${id}" is long enough to be unique`);
  }
  assert.equal(new Set(ids).size, ids.length, `request ids are distinct: ${ids}`);
});

test('API responses carry Cache-Control: no-store and the security headers (success and error)', async () => {
  const e = await api(srv.url, 'POST', '/api/v1/entries', { body: newEntry(), token: owner.token });
  const cases = [
    ['GET /health', await api(srv.url, 'GET', '/api/v1/health')],
    ['GET /me', await api(srv.url, 'GET', '/api/v1/me', { token: owner.token })],
    ['POST /entries', e],
    ['GET /entries/{id}', await api(srv.url, 'GET', `/api/v1/entries/${e.json.entry.id}`, { token: owner.token })],
    ['GET /entries', await api(srv.url, 'GET', '/api/v1/entries', { token: owner.token })],
    ['GET /me/export', await api(srv.url, 'GET', '/api/v1/me/export', { token: owner.token })],
    ['401', await api(srv.url, 'GET', '/api/v1/entries')],
    ['404', await api(srv.url, 'GET', '/api/v1/nope')],
    ['400', await api(srv.url, 'POST', '/api/v1/entries', { body: '{', token: owner.token })],
  ];
  for (const [what, res] of cases) {
    assert.ok(res.status < 500, `${what}: ${res.status}`);
    const cc = String(res.headers['cache-control'] ?? '');
    assert.ok(cc.split(',').map((s) => s.trim().toLowerCase()).includes('no-store'), `${what}: Cache-Control "${cc}" has no-store`);
    assert.equal(String(res.headers['x-content-type-options'] ?? '').toLowerCase(), 'nosniff', `${what}: X-Content-Type-Options`);
    assert.equal(String(res.headers['referrer-policy'] ?? '').toLowerCase(), 'no-referrer', `${what}: Referrer-Policy`);
  }
});

// ---------------------------------------------------------------- body framing

test('a body over 256 KiB is refused with 413 payload_too_large', async () => {
  const filler = 'a'.repeat(256 * 1024); // JSON wrapper makes it > 262,144 bytes
  const body = JSON.stringify({ text: filler });
  assert.ok(Buffer.byteLength(body) > 256 * 1024);
  const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token });
  assertError(res, 413, 'payload_too_large');
  // A body of one byte over the limit, too.
  const just = `{"text":"${'b'.repeat(256 * 1024 - 10)}"}`;
  assert.equal(Buffer.byteLength(just), 256 * 1024 + 1);
  assertError(await api(srv.url, 'POST', '/api/v1/entries', { body: just, token: owner.token }), 413, 'payload_too_large');
  // The server is still fine afterwards.
  expectStatus(await api(srv.url, 'GET', '/api/v1/health'), 200);
});

test('a body of exactly 256 KiB is read (here it fails on the text limit, not the size)', async () => {
  const body = `{"text":"${'c'.repeat(256 * 1024 - 11)}"}`;
  assert.equal(Buffer.byteLength(body), 256 * 1024);
  const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token });
  assertError(res, 400, 'invalid_argument', 'text');
});

test('a body that is not application/json is refused with 415', async () => {
  const body = JSON.stringify(newEntry());
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
    const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token, contentType: ct });
    assertError(res, 415, 'unsupported_media_type');
  }
  const none = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token, contentType: null });
  assertError(none, 415, 'unsupported_media_type');
  // Nothing was created by the refused requests.
  const fresh = await anonymous(srv.url);
  await api(srv.url, 'POST', '/api/v1/entries', { body, token: fresh.token, contentType: 'text/plain' });
  const list = await api(srv.url, 'GET', '/api/v1/entries', { token: fresh.token });
  assert.deepEqual(expectStatus(list, 200).entries, []);
});

test('application/json with a charset parameter is accepted', async () => {
  const res = await api(srv.url, 'POST', '/api/v1/entries', {
    body: JSON.stringify(newEntry('charset ok')), token: owner.token, contentType: 'application/json; charset=utf-8',
  });
  expectStatus(res, 201);
  assert.equal(res.json.entry.text, 'charset ok');
});

// ---------------------------------------------------------------- JSON errors

function numbersIn(s) {
  return (s.match(/\d+/g) ?? []).map(Number);
}

test('malformed JSON -> 400 malformed_json naming the byte position', async () => {
  const cases = [
    // [body, 0-based offset of the first bad byte]
    ['{"text": "hello" x}', 17],
    [`{"text":"${'a'.repeat(1000)}" oops}`, 1011],
    [`{"text":"${'z'.repeat(4321)}",}`, 4332],
  ];
  for (const [body, off] of cases) {
    assert.ok(body[off] !== undefined);
    const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token });
    const err = assertError(res, 400, 'malformed_json');
    const nums = numbersIn(err.message);
    assert.ok(nums.some((n) => n === off || n === off + 1),
      `message "${err.message}" names byte ${off} (0-based) or ${off + 1} (1-based)`);
  }
  for (const body of ['{', '{"text":', 'nul', "{'text':'x'}", '{"text":"x"}}', '{"text":"x"} {}']) {
    const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token });
    assertError(res, 400, 'malformed_json');
  }
  // An empty body is refused too (as malformed or as a missing object).
  const empty = await api(srv.url, 'POST', '/api/v1/entries', { body: '', token: owner.token });
  assert.equal(empty.status, 400, empty.text);
  assertErrorShape(empty);
});

test('an unknown field -> 400 invalid_argument naming that field', async () => {
  const cases = [
    ['POST', '/api/v1/entries', { text: 'hi', mood: 3 }, 'mood'],
    ['POST', '/api/v1/checkins', { valence: 4, energy: 3, feeling: 'ok' }, 'feeling'],
    ['PATCH', '/api/v1/me', { nickname: 'x' }, 'nickname'],
    ['POST', '/api/v1/auth/anonymous', { colour: 'blue' }, 'colour'],
  ];
  for (const [method, path, body, field] of cases) {
    const res = await api(srv.url, method, path, { body, token: owner.token });
    const err = assertError(res, 400, 'invalid_argument', field);
    assert.ok(err.message.includes(field), `message "${err.message}" names ${field}`);
  }
});

test('a field of the wrong type -> 400 invalid_argument naming the field', async () => {
  const cases = [
    ['/api/v1/entries', { text: 5 }, 'text'],
    ['/api/v1/entries', { text: 'x', title: ['t'] }, 'title'],
    ['/api/v1/entries', { text: 'x', kind: 1 }, 'kind'],
    ['/api/v1/entries', { text: 'x', fields: 'no' }, 'fields'],
    ['/api/v1/checkins', { valence: '5', energy: 3 }, 'valence'],
    ['/api/v1/checkins', { valence: 5, energy: true }, 'energy'],
    ['/api/v1/checkins', { valence: 5, energy: 3, emotions: 'calm' }, 'emotions'],
    ['/api/v1/checkins', { valence: 5, energy: 3, note: 7 }, 'note'],
    ['/api/v1/checkins', { valence: 5, energy: 3, sleep_hours: '7' }, 'sleep_hours'],
  ];
  for (const [path, body, field] of cases) {
    const res = await api(srv.url, 'POST', path, { body, token: owner.token });
    assertError(res, 400, 'invalid_argument', field);
  }
  // Not an object at all.
  for (const body of ['[]', '"text"', '42', 'null']) {
    const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token });
    assert.equal(res.status, 400, `body ${body}: ${res.status} ${res.text}`);
    assertErrorShape(res);
  }
});

test('invalid UTF-8 in a body -> 400 invalid_argument', async () => {
  const bodies = [
    Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), // {"text":"\xff"}
    Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
    Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // UTF-16 surrogate
    Buffer.concat([Buffer.from('{"text":"ok '), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]), // truncated sequence
    Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from('"}')]), // > U+10FFFF
  ];
  for (const body of bodies) {
    const res = await api(srv.url, 'POST', '/api/v1/entries', { body, token: owner.token });
    assertError(res, 400, 'invalid_argument');
  }
  const c = await api(srv.url, 'POST', '/api/v1/checkins', {
    body: Buffer.concat([Buffer.from('{"valence":4,"energy":3,"note":"'), Buffer.from([0x80, 0x80]), Buffer.from('"}')]),
    token: owner.token,
  });
  assertError(c, 400, 'invalid_argument');
});

// ---------------------------------------------------------------- length limits

test('entry text: 20,000 code points accepted (emoji count once), 20,001 refused', async () => {
  const exact = 'a'.repeat(10_000) + '\u{1F600}'.repeat(10_000); // 20,000 code points, 30,000 UTF-16 units
  assert.equal([...exact].length, 20_000);
  const ok = await api(srv.url, 'POST', '/api/v1/entries', { body: { text: exact }, token: owner.token });
  expectStatus(ok, 201, '20,000 code points');
  assert.equal(ok.json.entry.text, exact, 'text comes back unchanged');
  const got = await api(srv.url, 'GET', `/api/v1/entries/${ok.json.entry.id}`, { token: owner.token });
  assert.equal(expectStatus(got, 200).entry.text, exact);

  const emojiOnly = '\u{1F600}'.repeat(20_000); // 80,000 bytes
  expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: emojiOnly }, token: owner.token }), 201, '20,000 emoji');

  for (const over of ['a'.repeat(20_001), exact + 'b', '\u{1F600}'.repeat(20_001)]) {
    const res = await api(srv.url, 'POST', '/api/v1/entries', { body: { text: over }, token: owner.token });
    assertError(res, 400, 'invalid_argument', 'text');
  }
});

test('entry title over 200 and a field over 2,000 characters are refused', async () => {
  expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 't', title: '\u00e9'.repeat(200) }, token: owner.token }), 201);
  assertError(await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 't', title: 'x'.repeat(201) }, token: owner.token }), 400, 'invalid_argument', 'title');
  const f = (situation) => ({ text: 't', kind: 'thought_record', fields: { situation } });
  expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { body: f('\u{1F331}'.repeat(2000)), token: owner.token }), 201);
  const res = await api(srv.url, 'POST', '/api/v1/entries', { body: f('s'.repeat(2001)), token: owner.token });
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.code, 'invalid_argument');
  assert.match(res.json.error.field ?? '', /situation/, `field names situation: ${res.text}`);
});

test('check-in note: 2,000 code points accepted, 2,001 refused', async () => {
  const exact = '\u{1F30A}'.repeat(1000) + 'n'.repeat(1000);
  const ok = await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence: 4, energy: 3, note: exact }, token: owner.token });
  expectStatus(ok, 201);
  assert.equal(ok.json.checkin.note, exact);
  const res = await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence: 4, energy: 3, note: exact + 'x' }, token: owner.token });
  assertError(res, 400, 'invalid_argument', 'note');
});

test('valence 0, 8, 3.5, "5", null or missing -> 400 naming valence', async () => {
  for (const valence of [0, 8, 3.5, '5', null, -1, 1e9]) {
    const res = await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence, energy: 3 }, token: owner.token });
    assertError(res, 400, 'invalid_argument', 'valence');
  }
  assertError(await api(srv.url, 'POST', '/api/v1/checkins', { body: { energy: 3 }, token: owner.token }), 400, 'invalid_argument', 'valence');
  for (const valence of [1, 7]) {
    expectStatus(await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence, energy: 3 }, token: owner.token }), 201, `valence ${valence}`);
  }
});

// ---------------------------------------------------------------- authentication and ownership

test('no session -> 401 unauthenticated on every private endpoint', async () => {
  const calls = [
    ['GET', '/api/v1/me'], ['PATCH', '/api/v1/me', { country: 'GB' }], ['DELETE', '/api/v1/me', {}],
    ['POST', '/api/v1/me/password', { current_password: 'a', new_password: 'b' }],
    ['GET', '/api/v1/me/export'], ['POST', '/api/v1/auth/logout'],
    ['GET', '/api/v1/entries'], ['POST', '/api/v1/entries', { text: 'x' }],
    ['GET', '/api/v1/entries/abc'], ['PUT', '/api/v1/entries/abc', { text: 'x' }], ['DELETE', '/api/v1/entries/abc'],
    ['GET', '/api/v1/checkins'], ['POST', '/api/v1/checkins', { valence: 3, energy: 3 }], ['DELETE', '/api/v1/checkins/abc'],
  ];
  for (const [method, path, body] of calls) {
    for (const token of [undefined, 'not-a-token', `${owner.token}x`]) {
      const res = await api(srv.url, method, path, { body, token });
      assertError(res, 401, 'unauthenticated');
    }
  }
});

test("someone else's entry -> 404 on GET, PUT and DELETE, and it is left untouched", async () => {
  const created = await api(srv.url, 'POST', '/api/v1/entries', { body: { text: 'mine alone', title: 'private' }, token: owner.token });
  const entry = expectStatus(created, 201).entry;
  const path = `/api/v1/entries/${entry.id}`;
  assertError(await api(srv.url, 'GET', path, { token: other.token }), 404, 'not_found');
  assertError(await api(srv.url, 'PUT', path, { body: { text: 'overwritten' }, token: other.token }), 404, 'not_found');
  assertError(await api(srv.url, 'DELETE', path, { token: other.token }), 404, 'not_found');
  const still = await api(srv.url, 'GET', path, { token: owner.token });
  assert.deepEqual(expectStatus(still, 200).entry, entry);
  // Same answer as for an id that never existed.
  const missing = await api(srv.url, 'GET', '/api/v1/entries/does-not-exist', { token: other.token });
  assertError(missing, 404, 'not_found');
  const list = await api(srv.url, 'GET', '/api/v1/entries?limit=100', { token: other.token });
  assert.ok(!expectStatus(list, 200).entries.some((e) => e.id === entry.id), "not in the other person's list");
});

test("someone else's check-in -> 404 on DELETE, and it is left untouched", async () => {
  const c = expectStatus(await api(srv.url, 'POST', '/api/v1/checkins', { body: { valence: 2, energy: 2 }, token: owner.token }), 201).checkin;
  assertError(await api(srv.url, 'DELETE', `/api/v1/checkins/${c.id}`, { token: other.token }), 404, 'not_found');
  const list = expectStatus(await api(srv.url, 'GET', '/api/v1/checkins?limit=1000', { token: owner.token }), 200);
  assert.ok(list.checkins.some((x) => x.id === c.id), 'the check-in still exists');
  const theirs = expectStatus(await api(srv.url, 'GET', '/api/v1/checkins?limit=1000', { token: other.token }), 200);
  assert.ok(!theirs.checkins.some((x) => x.id === c.id));
});

test('unknown route -> 404 JSON error; known path with a wrong method -> 405', async () => {
  for (const [method, path] of [['GET', '/api/v1/nope'], ['POST', '/api/v1/entries/x/y/z'], ['GET', '/api/v2/health'], ['GET', '/api/v1/']]) {
    const res = await api(srv.url, method, path, { token: owner.token, body: method === 'POST' ? {} : undefined });
    assertError(res, 404, 'not_found');
  }
  for (const [method, path] of [['DELETE', '/api/v1/health'], ['PATCH', '/api/v1/entries'], ['PUT', '/api/v1/checkins'], ['POST', '/api/v1/me/export']]) {
    const res = await api(srv.url, method, path, { token: owner.token, body: method === 'DELETE' ? undefined : {} });
    assertError(res, 405, 'method_not_allowed');
  }
});

// ---------------------------------------------------------------- log-in throttling (own server)

test('log-in throttling: 5 failures per account, 20 per client address -> 429 with Retry-After', async () => {
  const t = await startServer();
  try {
    const victim = await register(t.url, {}, { localAddress: freshAddress() });
    const bystander = await register(t.url, {}, { localAddress: freshAddress() });
    const attacker = freshAddress();
    const login = (login, password, localAddress) => api(t.url, 'POST', '/api/v1/auth/login', { body: { login, password }, localAddress });

    for (let i = 0; i < 5; i += 1) {
      assertError(await login(victim.email, `wrong password ${i}!`, attacker), 401, 'unauthenticated');
    }
    const throttled = await login(victim.email, 'wrong again!!', attacker);
    assertError(throttled, 429, 'resource_exhausted');
    const retry = throttled.headers['retry-after'];
    assert.match(String(retry), /^\d+$/, `Retry-After is a number of seconds: ${retry}`);
    assert.ok(Number(retry) >= 1 && Number(retry) <= 15 * 60, `Retry-After ${retry} within 15 minutes`);

    // Per account: even the right password from another address is throttled now.
    const right = await login(victim.email, victim.password, freshAddress());
    assertError(right, 429, 'resource_exhausted');
    assert.match(String(right.headers['retry-after']), /^\d+$/);

    // One person's typos do not lock out everyone behind the same address (shared Wi-Fi):
    // another account still signs in from the attacker's address after 6 failures there.
    const fine = await login(bystander.email, bystander.password, attacker);
    expectStatus(fine, 200, 'bystander from the same address');
    assert.equal(fine.json.user.id, bystander.user.id);

    // Failures spread over many (even non-existent) accounts count per address: after 20, the
    // address is throttled for every account. The answer for a missing account is the same as
    // for a wrong password.
    const sprayer = freshAddress();
    for (let i = 0; i < 20; i += 1) {
      const r = await login(`${unique('ghost')}@example.org`, 'whatever password', sprayer);
      assertError(r, 401, 'unauthenticated');
    }
    assertError(await login(`${unique('ghost')}@example.org`, 'whatever password', sprayer), 429, 'resource_exhausted');
    assertError(await login(bystander.email, bystander.password, sprayer), 429, 'resource_exhausted');
  } finally {
    await t.stop();
  }
});

test('log-in throttling holds against a burst: of 30 simultaneous wrong passwords at most 5 are checked', async () => {
  const t = await startServer();
  try {
    const victim = await register(t.url, {}, { localAddress: freshAddress() });
    // Each from its own address, so only the per-account limit (5) applies.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      api(t.url, 'POST', '/api/v1/auth/login', { body: { login: victim.email, password: `wrong guess ${i}!` }, localAddress: freshAddress() })));
    const statuses = burst.map((r) => r.status);
    const checked = statuses.filter((s) => s === 401).length;
    const refused = statuses.filter((s) => s === 429).length;
    assert.equal(checked + refused, 30, `every answer is 401 or 429: ${statuses}`);
    assert.ok(checked <= 5, `at most 5 guesses were checked against the password (got ${checked})`);
    assert.ok(checked >= 1, 'the first guess is checked');
    // And the account is locked now, the right password included.
    assertError(await api(t.url, 'POST', '/api/v1/auth/login', { body: { login: victim.email, password: victim.password }, localAddress: freshAddress() }), 429, 'resource_exhausted');
  } finally {
    await t.stop();
  }
});

// ---------------------------------------------------------------- garbage never gives a 500 (own server)

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
}

function garbageBodies() {
  const out = [];
  const rnd = prng(0xC0FFEE);
  for (let i = 0; i < 6; i += 1) {
    const n = 1 + Math.floor(rnd() * 3000);
    const b = Buffer.alloc(n);
    for (let j = 0; j < n; j += 1) b[j] = Math.floor(rnd() * 256);
    out.push(b);
  }
  out.push(
    '['.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '{"a":'.repeat(10_000),
    `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, `{"text":${'['.repeat(10_000)}}`,
    '1e999999', '-1e400', '123456789012345678901234567890123456789', `0.${'0'.repeat(5000)}1`,
    'null', 'true', '[]', '""', '{}', '"\\u0000"', '\uFEFF{"text":"bom"}', '{"text":"a","text":"b"}',
    '{"text":"a\\u0000b"}', '{"text":"\\ud800"}', '{"text":"\\udfff\\ud800"}', ' ', '\n\n\n', '{"":""}',
  );
  const huge = [1e308, -1e308, 12345678901234567890123, -0, 2 ** 53 + 1];
  const wrong = [null, true, 'x', [], {}, [null], { a: 1 }, 'x'.repeat(70_000)];
  const fields = ['text', 'title', 'kind', 'fields', 'valence', 'energy', 'emotions', 'tags', 'sleep_hours', 'note', 'at',
    'tz_offset_min', 'email', 'password', 'login', 'country', 'reflections', 'current_password', 'new_password'];
  for (const f of fields) {
    for (const v of [...wrong, ...huge]) out.push({ [f]: v });
  }
  out.push(
    '{"valence":1e309,"energy":-1e309}', '{"valence":99999999999999999999999999,"energy":3}',
    '{"valence":4,"energy":3,"sleep_hours":1e400}', '{"valence":4,"energy":3,"tz_offset_min":-99999999999999999999}',
    '{"valence":4,"energy":3,"at":"9999999-01-01T00:00:00Z"}', '{"valence":4,"energy":3,"at":"2026-02-30T25:61:61Z"}',
    '{"valence":4,"energy":3,"at":"2026-01-01T00:00:00+99:99"}', '{"valence":4,"energy":3,"at":""}',
    { text: 'x', kind: 'gratitude', fields: { items: [null, 1, {}] } },
    { text: 'x', kind: 'gratitude', fields: { items: Array(1000).fill('i') } },
    { text: 'x', kind: 'thought_record', fields: { mood_before: 1e308, mood_after: -1e308 } },
    { text: 'x', kind: 'thought_record', fields: { mood_before: '50', situation: null } },
    { text: 'x', kind: 'free', fields: { items: ['a'] } },
    { valence: 4, energy: 3, emotions: Array(1000).fill('calm') },
    { valence: 4, energy: 3, tags: Array(1000).fill('t') },
    { valence: 4, energy: 3, tags: [''.padEnd(5000, 'q')] },
    { email: 'a@b.c', password: 'x'.repeat(100_000) },
    { login: 'x'.repeat(100_000), password: 'y' },
  );
  return out;
}

test('garbage bodies and query strings never produce a 5xx (and the server survives)', { timeout: 600_000 }, async () => {
  const g = await startServer();
  try {
    const bodies = garbageBodies();
    const seedEntry = async (tok) => expectStatus(await api(g.url, 'POST', '/api/v1/entries', { body: { text: 'seed' }, token: tok }), 201).entry.id;
    const endpoints = [
      ['POST', '/api/v1/auth/anonymous', false],
      ['POST', '/api/v1/auth/register', false],
      ['POST', '/api/v1/auth/login', false],
      ['PATCH', '/api/v1/me', true],
      ['POST', '/api/v1/me/password', true],
      ['POST', '/api/v1/entries', true],
      ['PUT', '/api/v1/entries/{id}', true],
      ['POST', '/api/v1/checkins', true],
      ['POST', '/api/v1/auth/logout', true],
      ['DELETE', '/api/v1/me', true],
    ];
    const failures = [];
    for (const [method, template, auth] of endpoints) {
      const acct = auth ? await anonymous(g.url) : null;
      const path = template.includes('{id}') ? template.replace('{id}', await seedEntry(acct.token)) : template;
      for (const body of bodies) {
        // login garbage must not throttle everything else: give it its own addresses
        const localAddress = template.endsWith('/login') ? freshAddress() : undefined;
        let res;
        try {
          res = await api(g.url, method, path, { body, token: acct?.token, localAddress });
        } catch (e) {
          failures.push(`${method} ${path} body ${String(body).slice(0, 40)}: transport error ${e.message}`);
          continue;
        }
        if (res.status >= 500) failures.push(`${method} ${path} body ${JSON.stringify(String(Buffer.isBuffer(body) ? body.toString('hex') : JSON.stringify(body)).slice(0, 60))}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (res.status >= 400) {
          try { assertErrorShape(res); } catch (e) { failures.push(`${method} ${path}: bad error shape: ${e.message}`); }
        }
      }
    }
    const acct = await anonymous(g.url);
    const id = await seedEntry(acct.token);
    const queries = [
      ...['0', '-1', '101', '1001', 'abc', '1e2', '', '9999999999999999999999', '1.5', '%00', '%ff'].flatMap((l) => [
        `/api/v1/entries?limit=${l}`, `/api/v1/checkins?limit=${l}`]),
      ...['garbage', '', 'AAAA', '%ff%fe', 'x'.repeat(5000), '-1', '%00', '..%2f..%2f', `${id}`].map((b) => `/api/v1/entries?before=${b}`),
      ...['yesterday', '2026-02-30T00:00:00Z', '99999-01-01T00:00:00Z', '', '2026-01-01T00:00:00%2B99:99', '%ff', '1e400']
        .flatMap((t) => [`/api/v1/checkins?from=${t}`, `/api/v1/checkins?to=${t}`]),
      '/api/v1/checkins?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      '/api/v1/entries?limit=5&limit=6&before=&before=x', `/api/v1/entries/${'%ff'.repeat(100)}`, '/api/v1/entries/%00',
      `/api/v1/entries/${'a'.repeat(10_000)}`, '/api/v1/entries/..%2F..%2Fme',
    ];
    for (const q of queries) {
      for (const method of q.startsWith('/api/v1/entries/') ? ['GET', 'DELETE', 'PUT'] : ['GET']) {
        const res = await api(g.url, method, q, { token: acct.token, body: method === 'PUT' ? { text: 'x' } : undefined });
        if (res.status >= 500) failures.push(`${method} ${q.slice(0, 80)}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (res.status >= 400) {
          try { assertErrorShape(res); } catch (e) { failures.push(`${method} ${q.slice(0, 80)}: bad error shape: ${e.message}`); }
        }
      }
    }
    assert.deepEqual(failures, [], `garbage produced ${failures.length} failure(s)`);
    expectStatus(await api(g.url, 'GET', '/api/v1/health'), 200, 'server alive after the garbage');
    assert.equal(g.proc.exitCode, null, 'server process still running');
  } finally {
    await g.stop();
  }
});
