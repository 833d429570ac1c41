// Mood insights over HTTP (docs/api.md "Insights", docs/insights.md): check-ins at past
// times, the summary's shape, a few exact values worked out here, the person's own time zone,
// "insufficient" for sparse data, and errors for bad ranges that name the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous } from '../support/api.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token });
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const date = (ms) => new Date(ms).toISOString().slice(0, 10);
// Midnight UTC `n` days before today (UTC).
const daysAgo = (n) => Math.floor(Date.now() / DAY) * DAY - n * DAY;
const checkin = async (token, body) => expectStatus(await call('POST', '/api/v1/checkins', { token, body }), 201, JSON.stringify(body));
const insights = async (token, query = '') => expectStatus(await call('GET', `/api/v1/insights${query}`, { token }), 200, query);

const SHAPE = ['averages', 'counts', 'days', 'from', 'heatmap', 'heatmap_reading', 'rumination', 'sustained_drop',
  'tags', 'tags_caveat', 'tags_reading', 'time_of_day', 'time_of_day_reading', 'timezone_offset_min', 'to', 'trend',
  'variability', 'weekday', 'weekday_reading'];

test('twenty days of check-ins: daily means, averages, trend, variability, tags — exact where worked out', async () => {
  const { token } = await anonymous(srv.url);
  // Days 21..2 before today (20 days), UTC offset 0. Morning 09:00 and evening 20:00.
  // Valence rises by a point every 5 days from 3; evenings are one point higher; "walk" on
  // every fourth day, when the evening is 3 points higher instead of 1 (at most 7).
  const expected = new Map();
  for (let i = 0; i < 20; i += 1) {
    const day = daysAgo(21 - i);
    const morning = 3 + Math.floor(i / 5);
    const walk = i % 4 === 0;
    const evening = Math.min(7, morning + (walk ? 3 : 1));
    await checkin(token, { valence: morning, energy: 2, at: iso(day + 9 * HOUR), tz_offset_min: 0 });
    await checkin(token, { valence: evening, energy: 4, at: iso(day + 20 * HOUR), tz_offset_min: 0, tags: walk ? ['walk'] : [] });
    expected.set(date(day), { mean: (morning + evening) / 2, walk });
  }
  const from = date(daysAgo(21));
  const to = date(daysAgo(2));
  const s = await insights(token, `?from=${from}&to=${to}`);
  assert.deepEqual(Object.keys(s).sort(), SHAPE);
  assert.equal(s.from, from);
  assert.equal(s.to, to);
  assert.equal(s.timezone_offset_min, 0);
  assert.equal(s.days.length, 20);
  for (const d of s.days) {
    assert.deepEqual(Object.keys(d).sort(), ['count', 'date', 'mean_energy', 'mean_valence']);
    assert.equal(d.count, 2, d.date);
    assert.equal(d.mean_valence, expected.get(d.date).mean, d.date);
    assert.equal(d.mean_energy, 3, d.date);
  }
  // 7-day average on day 7 (index 6): mean of the first seven daily means.
  const means = s.days.map((d) => d.mean_valence);
  const mean7 = means.slice(0, 7).reduce((a, b) => a + b, 0) / 7;
  assert.equal(s.averages.d7[6].value, Math.round(mean7 * 1000) / 1000);
  assert.equal(s.averages.d7[1].value, null, 'two days are too few for a 7-day average');
  assert.equal(s.averages.d28[8].value, null, 'nine days are too few for a 28-day average');
  assert.equal(typeof s.averages.d28[9].value, 'number', 'ten days are enough');
  assert.equal(typeof s.averages.reading, 'string');

  assert.equal(s.trend.status, 'ok');
  assert.equal(s.trend.direction, 'rising');
  assert.ok(s.trend.slope_per_week > 0.5 && s.trend.slope_per_week < 2, `slope ${s.trend.slope_per_week}`);
  assert.ok(s.trend.p_value < 0.05, `p ${s.trend.p_value}`);
  assert.match(s.trend.reading, /rising/);

  // Variability over the 40 check-ins in time order, worked out here (§9).
  const series = [];
  for (let i = 0; i < 20; i += 1) {
    const morning = 3 + Math.floor(i / 5);
    series.push(morning, Math.min(7, morning + (i % 4 === 0 ? 3 : 1)));
  }
  let sq = 0;
  for (let i = 1; i < series.length; i += 1) sq += (series[i] - series[i - 1]) ** 2;
  const mssd = sq / (series.length - 1);
  assert.equal(s.variability.status, 'ok');
  assert.equal(s.variability.n, 40);
  assert.equal(s.variability.mssd, Math.round(mssd * 1000) / 1000);
  assert.equal(s.variability.rmssd, Math.round(Math.sqrt(mssd) * 1000) / 1000);
  assert.match(s.variability.reading, /changed by about [0-9.]+ points from one check-in to the next/);
  assert.doesNotMatch(s.variability.reading, /RMSSD|MSSD|\bSD\b/, "no statistics jargon in what the person reads");

  assert.equal(s.weekday.length, 7);
  assert.deepEqual(s.weekday.map((w) => w.day), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  assert.equal(s.weekday.reduce((a, w) => a + w.n, 0), 40);
  assert.deepEqual(s.time_of_day.map((b) => [b.bucket, b.n]), [['morning', 20], ['afternoon', 0], ['evening', 20], ['night', 0]]);
  assert.equal(s.time_of_day[1].mean, null);
  assert.ok(s.time_of_day[2].mean > s.time_of_day[0].mean);
  assert.equal(s.heatmap.length, 28);

  const walk = s.tags.find((t) => t.tag === 'walk');
  assert.ok(walk, JSON.stringify(s.tags));
  assert.deepEqual(Object.keys(walk).sort(), ['days_with', 'days_without', 'direction', 'effect_size', 'mean_with', 'mean_without', 'p_value', 'reading', 'tag']);
  assert.equal(walk.days_with, 5);
  assert.equal(walk.days_without, 15);
  const withDays = [...expected.values()].filter((e) => e.walk).map((e) => e.mean);
  assert.equal(walk.mean_with, Math.round(withDays.reduce((a, b) => a + b, 0) / 5 * 1000) / 1000);
  assert.equal(walk.mean_with, 5.4, 'walk days: 4.5, 4.5, 5.5, 6, 6.5');
  assert.equal(walk.mean_without, 5.1);
  assert.equal(walk.direction, 'better');
  assert.match(s.tags_caveat, /association, not cause/);

  assert.ok(['ok', 'insufficient'].includes(s.sustained_drop.status));
  assert.equal(typeof s.sustained_drop.reading, 'string');
  assert.deepEqual(s.counts, { checkins: 40, entries: 0, days_with_checkins: 20 });
});

test("days are the person's own: a check-in at 20:00Z at UTC+10 belongs to the next day", async () => {
  const { token } = await anonymous(srv.url);
  const day = daysAgo(5);
  await checkin(token, { valence: 6, energy: 3, at: iso(day + 20 * HOUR), tz_offset_min: 600 });
  const s = await insights(token, `?from=${date(daysAgo(6))}&to=${date(daysAgo(3))}`);
  assert.equal(s.timezone_offset_min, 600);
  const byDate = Object.fromEntries(s.days.map((d) => [d.date, d]));
  assert.equal(byDate[date(day)].count, 0);
  assert.equal(byDate[date(day + DAY)].count, 1);
  assert.equal(byDate[date(day + DAY)].mean_valence, 6);
  // 06:00 local: morning.
  assert.equal(s.time_of_day.find((b) => b.bucket === 'morning').n, 1);
});

test('sparse data: one check-in gives "insufficient" with a reading, never a number', async () => {
  const { token } = await anonymous(srv.url);
  await checkin(token, { valence: 4, energy: 3, at: iso(Date.now() - HOUR) });
  const s = await insights(token);
  assert.equal(s.days.length, 90, 'the default range is the last 90 days');
  for (const part of ['trend', 'variability', 'sustained_drop']) {
    assert.equal(s[part].status, 'insufficient', part);
    assert.match(s[part].reading, /Not enough/, part);
  }
  assert.equal(s.trend.slope_per_week, undefined);
  assert.equal(s.variability.rmssd, undefined);
  assert.equal(s.variability.n, 1);
  assert.ok(s.weekday.every((w) => w.mean === null));
  assert.deepEqual(s.tags, []);
  assert.match(s.tags_reading, /at least 3 days/);
  assert.equal(s.counts.checkins, 1);

  const empty = await insights((await anonymous(srv.url)).token);
  assert.equal(empty.counts.checkins, 0);
  assert.equal(empty.trend.status, 'insufficient');
});

test('the same theme in entry after entry, with no lift in mood, is offered back gently', async () => {
  const { token } = await anonymous(srv.url);
  for (const v of [3, 3, 2]) await checkin(token, { valence: v, energy: 2 });
  const texts = [
    'Work was exhausting again, my boss kept adding deadlines.',
    'Another long day at work, the workload is not letting up and my manager is unhappy.',
    'I keep thinking about my job and the deadlines at work.',
  ];
  for (const text of texts) {
    const e = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text } }), 201).entry;
    assert.ok(e.analysis.themes.some((t) => t.theme === 'work'), JSON.stringify(e.analysis.themes));
  }
  const s = await insights(token);
  assert.equal(s.counts.entries, 3);
  const work = s.rumination.find((r) => r.theme === 'work');
  assert.ok(work, JSON.stringify(s.rumination));
  assert.equal(work.entries, 3);
  assert.equal(typeof work.reading, 'string');
  assert.equal(typeof work.suggestion, 'string');
  assert.match(work.from, /^\d{4}-\d{2}-\d{2}$/);
});

test('bad ranges are refused naming the field', async () => {
  const { token } = await anonymous(srv.url);
  const get = (q) => call('GET', `/api/v1/insights${q}`, { token });
  assertError(await get('?from=2026-03-10&to=2026-03-01'), 400, 'invalid_argument', 'from');
  assertError(await get('?from=2020-01-01&to=2024-01-01'), 400, 'invalid_argument', 'from');
  assertError(await get('?from=2026-13-01'), 400, 'invalid_argument', 'from');
  assertError(await get('?to=yesterday'), 400, 'invalid_argument', 'to');
  // Exactly three years (1,096 days) is allowed; a full time is accepted too.
  const ok = expectStatus(await get('?from=2023-01-02&to=2026-01-01'), 200);
  assert.equal(ok.days.length, 1096);
  expectStatus(await get(`?from=${iso(daysAgo(10))}&to=${iso(daysAgo(1) + 5 * HOUR)}`), 200);
  assertError(await call('GET', '/api/v1/insights'), 401, 'unauthenticated');
});
