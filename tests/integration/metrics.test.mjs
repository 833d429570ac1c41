// GET /metrics: Prometheus text (0.0.4) for allowed peers only; requests counted by route
// template (never a raw path, id or handle), well-formed latency histograms, the open-alerts
// gauge agreeing with `interlude alerts list --open`, and database counters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../support/integration.mjs';
import { api, anonymous, expectStatus, freshAddress } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

const HIGH = 'I wrote goodbye letters to everyone and I will end my life tonight.';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/g;

/** Parses the exposition; every non-comment line must be a sample. */
function parse(text) {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const samples = [];
  const types = new Map();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      types.set(name, type);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const m = SAMPLE.exec(line);
    assert.ok(m, `not a sample line: ${JSON.stringify(line)}`);
    const labels = {};
    if (m[2] !== undefined) {
      let consumed = 0;
      for (const l of m[2].matchAll(LABEL)) {
        labels[l[1]] = l[2];
        consumed += l[0].length;
      }
      assert.equal(consumed, m[2].length, `malformed labels: ${line}`);
    }
    const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
    assert.ok(!Number.isNaN(value), `value is a number: ${line}`);
    samples.push({ name: m[1], labels, value });
  }
  return { samples, types };
}

async function scrape(url = srv.url, opts = {}) {
  const res = await api(url, 'GET', '/metrics', opts);
  assert.equal(res.status, 200, res.text.slice(0, 200));
  assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  return { text: res.text, ...parse(res.text) };
}

function value(m, name, labels = {}) {
  const hit = m.samples.find((s) => s.name === name &&
    Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit ? hit.value : 0;
}

test('requests are counted by route template, method and status', async () => {
  const before = await scrape();
  const { token } = await anonymous(srv.url, {}, { localAddress: freshAddress() });
  const entry = expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { token, body: { text: 'A quiet walk by the river.' } }), 201).entry;
  for (let i = 0; i < 3; i++) expectStatus(await api(srv.url, 'GET', '/api/v1/health'), 200);
  expectStatus(await api(srv.url, 'GET', `/api/v1/entries/${entry.id}`, { token }), 200);
  assert.equal((await api(srv.url, 'GET', '/api/v1/entries/zzzzzzzzzzzz', { token })).status, 404);
  assert.equal((await api(srv.url, 'GET', `/api/v1/no-such-thing/${entry.id}`)).status, 404);
  assert.equal((await api(srv.url, 'GET', '/')).status, 200);
  const afterwards = await scrape();

  const rise = (labels) => value(afterwards, 'interlude_http_requests_total', labels) -
    value(before, 'interlude_http_requests_total', labels);
  assert.equal(rise({ route: '/api/v1/health', method: 'GET', status: '200' }), 3);
  assert.equal(rise({ route: '/api/v1/entries/{id}', method: 'GET', status: '200' }), 1);
  assert.equal(rise({ route: '/api/v1/entries/{id}', method: 'GET', status: '404' }), 1);
  assert.equal(rise({ route: '/api/v1/entries', method: 'POST', status: '201' }), 1);
  assert.equal(rise({ route: 'other', method: 'GET', status: '404' }), 1);
  assert.equal(rise({ route: 'static', method: 'GET', status: '200' }), 1);
  assert.ok(value(afterwards, 'interlude_http_requests_total', { route: '/metrics', method: 'GET', status: '200' }) >= 1);
  assert.equal(afterwards.types.get('interlude_http_requests_total'), 'counter');

  // Nothing that names a person or a record: no ids, tokens or handles, only route templates.
  for (const secret of [entry.id, token, 'zzzzzzzzzzzz', 'no-such-thing', 'river']) {
    assert.ok(!afterwards.text.includes(secret), `the metrics carry "${secret}"`);
  }
  for (const s of afterwards.samples) {
    if (s.labels.route === undefined) continue;
    assert.match(s.labels.route, /^(other|static|\/metrics|\/api\/v1(\/([a-z0-9-]+|\{[a-z]+\}))+)$/, `route label ${s.labels.route}`);
    for (const segment of s.labels.route.split('/')) assert.ok(!/\d{3,}/.test(segment), `digits in ${s.labels.route}`);
  }
});

test('latency histograms are cumulative, end at +Inf and agree with _count', async () => {
  for (let i = 0; i < 5; i++) expectStatus(await api(srv.url, 'GET', '/api/v1/health'), 200);
  const m = await scrape();
  assert.equal(m.types.get('interlude_http_request_duration_seconds'), 'histogram');
  const series = new Map();
  for (const s of m.samples) {
    if (!s.name.startsWith('interlude_http_request_duration_seconds')) continue;
    const key = `${s.labels.route} ${s.labels.method}`;
    if (!series.has(key)) series.set(key, { buckets: [], sum: undefined, count: undefined });
    const e = series.get(key);
    if (s.name.endsWith('_bucket')) e.buckets.push({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), v: s.value });
    else if (s.name.endsWith('_sum')) e.sum = s.value;
    else if (s.name.endsWith('_count')) e.count = s.value;
    else assert.fail(`unexpected histogram sample ${s.name}`);
  }
  assert.ok(series.has('/api/v1/health GET'), [...series.keys()].join());
  for (const [key, e] of series) {
    assert.ok(e.buckets.length >= 2, key);
    for (let i = 1; i < e.buckets.length; i++) {
      assert.ok(e.buckets[i].le > e.buckets[i - 1].le, `${key}: le increases`);
      assert.ok(e.buckets[i].v >= e.buckets[i - 1].v, `${key}: buckets are cumulative`);
    }
    assert.equal(e.buckets.at(-1).le, Infinity, `${key}: the last bucket is +Inf`);
    assert.equal(e.count, e.buckets.at(-1).v, `${key}: _count equals the +Inf bucket`);
    assert.ok(e.sum >= 0, `${key}: _sum`);
  }
  assert.ok(series.get('/api/v1/health GET').count >= 5);
});

test('open alerts, database counters, memory and build info', async () => {
  const first = await scrape();
  const doctor = await signedInStaff(srv);
  const { token: client } = await anonymous(srv.url, {}, { localAddress: freshAddress() });
  const { code } = expectStatus(await api(srv.url, 'POST', '/api/v1/clinician/invitations', { token: doctor.token }), 201);
  expectStatus(await api(srv.url, 'POST', '/api/v1/links', { token: client, body: { code, share: { safety_alerts: true } } }), 201);
  const res = expectStatus(await api(srv.url, 'POST', '/api/v1/entries', { token: client, body: { text: HIGH } }), 201);
  assert.equal(res.safety.clinician_alerted, true);
  const second = await scrape();
  assert.equal(value(second, 'interlude_alerts_open') - value(first, 'interlude_alerts_open'), 1);
  assert.equal(second.types.get('interlude_alerts_open'), 'gauge');
  const cli = await runCli(['alerts', 'list', '--open', '--data-dir', srv.dataDir]);
  assert.equal(cli.code, 0, cli.stderr);
  const openLines = cli.stdout.trim().split('\n').slice(1).filter((l) => l.trim() !== '');
  assert.equal(value(second, 'interlude_alerts_open'), openLines.length);
  for (const word of ['goodbye', 'letters', doctor.handle, doctor.id]) assert.ok(!second.text.includes(word), word);

  assert.ok(value(second, 'interlude_db_writes_total') > value(first, 'interlude_db_writes_total'));
  assert.ok(value(second, 'interlude_db_commits_total') >= 1);
  assert.ok(value(second, 'interlude_db_commits_total') <= value(second, 'interlude_db_writes_total'));
  assert.ok(value(second, 'process_resident_memory_bytes') > 1e6);
  assert.ok(value(second, 'interlude_uptime_seconds') >= 0);
  assert.ok(value(second, 'process_start_time_seconds') > 1.6e9);
  assert.equal(second.samples.filter((s) => s.name === 'interlude_build_info').length, 1);
  assert.match(second.samples.find((s) => s.name === 'interlude_build_info').labels.version, /^\d+\.\d+\.\d+/);
});

test('/metrics answers 404 to peers outside metrics_allow', async () => {
  // Another loopback address is another peer.
  const other = await api(srv.url, 'GET', '/metrics', { localAddress: freshAddress() });
  assert.equal(other.status, 404);
  assert.ok(!other.text.includes('interlude_'), 'no metrics in the 404');
  const narrow = await startServer({ env: { INTERLUDE_METRICS_ALLOW: '10.9.9.9', INTERLUDE_TRUSTED_PROXIES: '127.0.0.1' } });
  try {
    assert.equal((await api(narrow.url, 'GET', '/metrics')).status, 404);
    // Through a trusted proxy the forwarded client address is the one checked.
    assert.equal((await api(narrow.url, 'GET', '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status, 404);
    const allowed = await api(narrow.url, 'GET', '/metrics', { headers: { 'X-Forwarded-For': '10.9.9.9' } });
    assert.equal(allowed.status, 200);
    assert.match(allowed.text, /^# HELP interlude_http_requests_total /);
  } finally {
    await narrow.stop();
  }
});
