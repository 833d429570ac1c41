// Small HTTP helpers for the integration tests (node:http, so that bodies, headers and the
// client address are exactly what the test says: no automatic Origin, raw bytes allowed).
import http from 'node:http';
import assert from 'node:assert/strict';

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * api(url, method, path, {body, token, cookie, headers, localAddress, contentType})
 *   body: object/array/number/null -> JSON; string or Buffer -> sent as is.
 *   Content-Type is application/json whenever there is a body, unless `contentType` is given
 *   (pass contentType: null to send none).
 * Resolves to {status, headers, text, json, buffer}. json is undefined when the body is not JSON.
 */
export function api(url, method, path, opts = {}) {
  const { body, token, cookie, headers = {}, localAddress, timeoutMs = 30_000 } = opts;
  const u = new URL(path, url);
  const h = { ...headers };
  let payload;
  if (body !== undefined) {
    payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
    const ct = 'contentType' in opts ? opts.contentType : 'application/json';
    if (ct !== null && !hasHeader(h, 'content-type')) h['Content-Type'] = ct;
    h['Content-Length'] = String(payload.length);
  } else if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
    h['Content-Length'] = '0';
  }
  if (token) h.Authorization = `Bearer ${token}`;
  if (cookie) h.Cookie = cookie;
  return new Promise((resolve, reject) => {
    let settled = false;
    const req = http.request({
      host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h, agent,
      localAddress,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        settled = true;
        const buffer = Buffer.concat(chunks);
        const text = buffer.toString('utf8');
        let json;
        try { json = text.length ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json, buffer });
      });
      res.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path} timed out`)));
    // The server may answer (e.g. 413) and close before reading the whole body: a write error
    // after the response has started is not a failure of the request.
    req.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    if (payload) req.end(payload); else req.end();
  });
}

function hasHeader(h, name) {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

/** Asserts the documented error shape and returns the error object. */
export function assertError(res, status, code, field) {
  const where = `${res.status} ${res.text.slice(0, 300)}`;
  assert.equal(res.status, status, `expected HTTP ${status}, got ${where}`);
  assertErrorShape(res);
  if (code !== undefined) assert.equal(res.json.error.code, code, `error.code: ${where}`);
  if (field !== undefined) assert.equal(res.json.error.field, field, `error.field: ${where}`);
  return res.json.error;
}

/** {error:{code,message,request_id[,field]}}, request_id equal to X-Request-Id, JSON content type. */
export function assertErrorShape(res) {
  const where = `${res.status} ${res.text.slice(0, 300)}`;
  assert.match(String(res.headers['content-type'] ?? ''), /^application\/json/, `content-type of error: ${where}`);
  assert.ok(res.json && typeof res.json === 'object' && !Array.isArray(res.json), `error body is a JSON object: ${where}`);
  assert.deepEqual(Object.keys(res.json), ['error'], `only "error" at top level: ${where}`);
  const e = res.json.error;
  assert.equal(typeof e.code, 'string', `error.code is a string: ${where}`);
  assert.match(e.code, /^[a-z_]+$/, `error.code is a stable snake_case code: ${where}`);
  assert.equal(typeof e.message, 'string', `error.message is a string: ${where}`);
  assert.ok(e.message.trim().length > 0, `error.message is not empty: ${where}`);
  assert.equal(typeof e.request_id, 'string', `error.request_id is a string: ${where}`);
  assert.ok(e.request_id.length > 0, `error.request_id not empty: ${where}`);
  assert.equal(e.request_id, res.headers['x-request-id'], `error.request_id equals X-Request-Id: ${where}`);
  const allowed = new Set(['code', 'message', 'request_id', 'field']);
  for (const k of Object.keys(e)) assert.ok(allowed.has(k), `unexpected key error.${k}: ${where}`);
  if ('field' in e) assert.equal(typeof e.field, 'string', `error.field is a string: ${where}`);
  return e;
}

/** Asserts a status, with the body in the message. */
export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what} expected ${status}, got ${res.status} ${res.text.slice(0, 400)}`);
  return res.json;
}

/** Finds the interlude_session cookie in a response; returns {value, attrs, raw} or null. */
export function sessionCookie(res) {
  const list = [].concat(res.headers['set-cookie'] ?? []);
  for (const raw of list) {
    const [first, ...rest] = raw.split(';').map((s) => s.trim());
    const eq = first.indexOf('=');
    if (first.slice(0, eq) !== 'interlude_session') continue;
    const attrs = {};
    for (const a of rest) {
      const i = a.indexOf('=');
      const k = (i < 0 ? a : a.slice(0, i)).toLowerCase();
      attrs[k] = i < 0 ? true : a.slice(i + 1);
    }
    return { value: first.slice(eq + 1), attrs, raw };
  }
  return null;
}

let counter = 0;
/** A string unique within this test process. */
export function unique(prefix = 'u') {
  counter += 1;
  return `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`;
}

/** Starts an anonymous account; returns {user, token, recovery_code}. */
export async function anonymous(url, body = {}, opts = {}) {
  const res = await api(url, 'POST', '/api/v1/auth/anonymous', { body, ...opts });
  expectStatus(res, 201, 'POST /auth/anonymous');
  return res.json;
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

/** Registers an e-mail account; returns {user, token, email, password}. */
export async function register(url, { email = `${unique('r')}@example.org`, password = STRONG_PASSWORD, country } = {}, opts = {}) {
  const body = { email, password };
  if (country !== undefined) body.country = country;
  const res = await api(url, 'POST', '/api/v1/auth/register', { body, ...opts });
  expectStatus(res, 201, 'POST /auth/register');
  return { ...res.json, email, password };
}

let addr = 1;
/**
 * A loopback client address not used before by this process (127.1.0.2, 127.1.0.3, ...; the
 * whole 127/8 is loopback on Linux). Log-in throttling is per client address, so tests that
 * log in give each scenario its own address to stay independent.
 */
export function freshAddress() {
  addr += 1;
  return `127.1.${(addr >> 8) & 255}.${addr & 255}`;
}

export const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Runs every check (async functions) and fails once at the end listing every failed check, so
 * that one test reports all the cases a server gets wrong, not only the first.
 */
export async function checkAll(checks) {
  const failed = [];
  for (const [name, fn] of checks) {
    try { await fn(); } catch (e) { failed.push(`${name}: ${String(e.message).split('\n')[0]}`); }
  }
  assert.deepEqual(failed, [], `${failed.length} of ${checks.length} cases failed:\n  ${failed.join('\n  ')}`);
}
