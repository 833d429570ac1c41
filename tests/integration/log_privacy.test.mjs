// No personal text in logs (issue 8, DESIGN "Privacy by construction"): a server at log level
// debug with JSON logs receives a sentinel sentence through every route that takes text (the
// route table in src/api/api.cc), in every string field, as a sign-up login and password, in
// invalid JSON, in query strings, paths and headers, and inside high-risk writing so that the
// safety path logs too. Then the server is stopped and its whole output (stdout and stderr) is
// searched for the sentinel in every form it could take: as sent, lower case, upper case,
// JSON-escaped, URL-encoded, hex and base64. Every log line must also be a JSON object.
// Self-check so the test can fail: the captured output holds one http.request line per
// request made, and the events of the writes (entry.created, safety.alert_raised, ...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { startServer } from '../support/integration.mjs';
import { api, expectStatus, anonymous, register, freshAddress, STRONG_PASSWORD, unique } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

const TOKEN = `Sentinel${randomBytes(6).toString('hex')}`;
// Quotes, a backslash, a non-ASCII letter and a newline: its JSON-escaped form differs from it.
const S = `${TOKEN} "purple" elephant \\ café\nsecond line`;
const HIGH = 'I have the pills counted out and I am going to take them tonight.';

/** Every form the sentinel could take in a log line. */
function forms() {
  const out = new Set([TOKEN, TOKEN.toLowerCase(), TOKEN.toUpperCase(), 'purple" elephant', 'purple\\" elephant',
    JSON.stringify(S).slice(1, -1), encodeURIComponent(S), encodeURIComponent(TOKEN),
    Buffer.from(TOKEN).toString('hex'), Buffer.from(TOKEN).toString('hex').toUpperCase()]);
  // base64 at each of the three alignments (drop the edge characters that depend on neighbours).
  for (let pad = 0; pad < 3; pad += 1) {
    const b = Buffer.from('x'.repeat(pad) + TOKEN).toString('base64');
    out.add(b.slice(4, -4));
  }
  return [...out];
}

/** A raw HTTP/1.1 request (any method, any path bytes); resolves to the first response line. */
function raw(url, text) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect(Number(u.port), u.hostname, () => sock.end(text));
    let got = '';
    sock.on('data', (d) => { got += d.toString('latin1'); });
    sock.on('close', () => resolve(got.split('\r\n')[0]));
    sock.on('error', () => resolve(got.split('\r\n')[0] || 'error'));
    sock.setTimeout(10_000, () => sock.destroy());
  });
}

test('a sentinel sentence sent through every text-taking route appears in no log line, and every line is JSON', { timeout: 300_000 }, async (t) => {
  const srv = await startServer({ env: { INTERLUDE_LOG_LEVEL: 'debug', INTERLUDE_LOG_JSON: 'true', INTERLUDE_TRUSTED_PROXIES: '127.0.0.1' } });
  let requests = 0;
  const statuses = [];
  const call = async (method, path, opts = {}) => {
    requests += 1;
    const res = await api(srv.url, method, path, opts);
    statuses.push(`${res.status} ${method} ${path.slice(0, 60)}`);
    return res;
  };
  const rawCall = async (text) => {
    requests += 1;
    const line = await raw(srv.url, text);
    statuses.push(`${line} (raw)`);
    return line;
  };
  const json = (res, status, what) => expectStatus(res, status, what);
  let output = '';
  try {
    // ---- accounts (public routes) ----
    const anon = await call('POST', '/api/v1/auth/anonymous', { body: { country: 'GB' } }).then((r) => json(r, 201));
    const me = anon.token;
    await call('POST', '/api/v1/auth/anonymous', { body: { country: S } });
    await call('POST', '/api/v1/auth/anonymous', { body: { [S]: 1 } });
    const email = `${TOKEN.toLowerCase()}@example.org`;
    const reg = await call('POST', '/api/v1/auth/register', { body: { email, password: `${S} long enough` } });
    json(reg, 201, 'register with the sentinel as e-mail and password');
    await call('POST', '/api/v1/auth/register', { body: { email: S, password: S } });
    await call('POST', '/api/v1/auth/register', { body: { email: `${unique('p')}@example.org`, password: TOKEN } });
    const login = await call('POST', '/api/v1/auth/login', { body: { login: email, password: `${S} long enough` }, localAddress: freshAddress() });
    json(login, 200, 'login with the sentinel as login and password');
    const regToken = login.json.token;
    await call('POST', '/api/v1/auth/login', { body: { login: email, password: S }, localAddress: freshAddress() });
    await call('POST', '/api/v1/auth/login', { body: { login: S, password: S, totp: S }, localAddress: freshAddress() });
    await call('POST', '/api/v1/auth/setup', { body: { login: S, code: S, password: S } });

    // ---- me ----
    await call('PATCH', '/api/v1/me', { token: me, body: { country: S } });
    await call('PATCH', '/api/v1/me', { token: me, body: { reflections: S } });
    await call('PATCH', '/api/v1/me', { token: me, body: { [TOKEN]: S } });
    await call('POST', '/api/v1/me/password', { token: regToken, body: { current_password: S, new_password: `${S} another` } });
    json(await call('POST', '/api/v1/me/password', { token: regToken, body: { current_password: `${S} long enough`, new_password: `${S} renewed` } }), 204, 'password change to the sentinel');
    await call('POST', '/api/v1/me/recovery-code', { token: me, body: { password: S } });
    const doomed = await anonymous(srv.url);
    requests += 1;
    await call('DELETE', '/api/v1/me', { token: doomed.token, body: { password: S, recovery_code: S } });

    // ---- staff: admin creates a clinician named by the sentinel; two-factor codes ----
    const admin = await signedInStaff(srv, { role: 'admin', clinic: unique('Clinic') });
    requests += 1; // its sign-in
    await call('POST', '/api/v1/admin/clinicians', { token: admin.token, body: { email: `${TOKEN.toLowerCase()}.doc@example.org` } });
    await call('POST', '/api/v1/admin/clinicians', { token: admin.token, body: { email: S } });
    const doctor = await signedInStaff(srv);
    requests += 1;
    await call('POST', '/api/v1/me/two-factor/recovery-codes', { token: doctor.token, body: { password: S } });

    // ---- entries, every kind and field ----
    const entry = json(await call('POST', '/api/v1/entries', { token: me, body: { text: S, title: S, shared: true } }), 201, 'entry').entry;
    const kinds = {
      gratitude: { items: [S, S] },
      thought_record: { situation: S, automatic_thought: `${S} I always fail`, evidence_for: S, evidence_against: S, balanced_thought: S, mood_before: 80, mood_after: 40 },
      session_prep: { want_to_discuss: S, since_last_session: S, questions: S },
      after_session: { takeaways: S, homework: S, feelings: S },
    };
    for (const [kind, fields] of Object.entries(kinds)) {
      json(await call('POST', '/api/v1/entries', { token: me, body: { kind, text: S, title: S, fields } }), 201, `entry ${kind}`);
    }
    await call('POST', '/api/v1/entries', { token: me, body: { kind: S, text: S } });
    await call('POST', '/api/v1/entries', { token: me, body: { text: S, fields: { [TOKEN]: S } } });
    await call('POST', '/api/v1/entries', { token: me, body: { text: S, [TOKEN]: S } });
    json(await call('PUT', `/api/v1/entries/${entry.id}`, { token: me, body: { text: `${S} edited`, title: S, shared: true } }), 200, 'PUT entry');
    await call('PATCH', `/api/v1/entries/${entry.id}`, { token: me, body: { shared: S } });
    await call('PATCH', `/api/v1/entries/${entry.id}`, { token: me, body: { shared: true, text: S } });
    // The safety path: high-risk words with the sentinel, no link yet, then with a clinician.
    json(await call('POST', '/api/v1/entries', { token: me, body: { text: `${HIGH} ${S}` } }), 201, 'high-risk entry');

    // ---- links, then the clinician side ----
    const { code } = json(await call('POST', '/api/v1/clinician/invitations', { token: doctor.token, body: {} }), 201, 'invitation');
    await call('POST', '/api/v1/clinician/invitations', { token: doctor.token, body: { note: S } });
    await call('POST', '/api/v1/links', { token: me, body: { code: S, share: { entries: true } } });
    await call('POST', '/api/v1/links', { token: me, body: { code, share: { [TOKEN]: true } } });
    const link = json(await call('POST', '/api/v1/links', { token: me, body: { code, share: { safety_alerts: true, mood: true, goals: true, entries: true, assessments: true, conversations: true, safety_plan: true } } }), 201, 'link').link;
    await call('PATCH', `/api/v1/links/${link.id}`, { token: me, body: { share: { entries: S } } });
    await call('PATCH', `/api/v1/links/${link.id}`, { token: me, body: { share: { [TOKEN]: true } } });
    const high = json(await call('POST', '/api/v1/entries', { token: me, body: { text: `${HIGH} ${S}` } }), 201, 'high-risk entry with a linked clinician');
    assert.equal(high.safety?.clinician_alerted, true, 'the alert path ran');
    json(await call('PUT', `/api/v1/entries/${high.entry.id}`, { token: me, body: { text: `${S} ${HIGH}` } }), 200);

    // ---- check-ins ----
    json(await call('POST', '/api/v1/checkins', { token: me, body: { valence: 3, energy: 2, note: S, tags: [TOKEN.toLowerCase(), 'walk'] } }), 201, 'check-in');
    json(await call('POST', '/api/v1/checkins', { token: me, body: { valence: 1, energy: 1, note: `${HIGH} ${S}` } }), 201, 'high-risk check-in');
    await call('POST', '/api/v1/checkins', { token: me, body: { valence: 3, energy: 2, emotions: [S], tags: [S], at: S } });
    await call('GET', `/api/v1/checkins?from=${encodeURIComponent(S)}&to=${TOKEN}`, { token: me });

    // ---- questionnaires, schedule, screenings, safety plan ----
    await call('POST', '/api/v1/assessments', { token: me, body: { instrument: S, answers: [S] } });
    json(await call('POST', '/api/v1/assessments', { token: me, body: { instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 3], functional: 2 } }), 201, 'assessment');
    await call('GET', `/api/v1/assessments?instrument=${TOKEN}`, { token: me });
    await call('PUT', '/api/v1/assessments/schedule', { token: me, body: { instrument: S, frequency: S, next_session_at: S } });
    await call('POST', '/api/v1/screenings', { token: me, body: { answers: { q1: S, q2: true, [TOKEN]: true } } });
    json(await call('POST', '/api/v1/screenings', { token: me, body: { answers: { q1: true, q2: false, q6: true, q6_recent: true } } }), 201, 'screening');
    const steps = Object.fromEntries(['warning_signs', 'coping_strategies', 'distraction', 'people_to_ask', 'professionals', 'making_safe'].map((k) => [k, [S]]));
    json(await call('PUT', '/api/v1/safety-plan', { token: me, body: { steps, reasons_for_living: [S] } }), 200, 'safety plan');
    await call('PUT', '/api/v1/safety-plan', { token: me, body: { steps: { [TOKEN]: [S] }, reasons_for_living: S } });

    // ---- companion ----
    const conv = json(await call('POST', '/api/v1/conversations', { token: me, body: {} }), 201, 'conversation');
    await call('POST', '/api/v1/conversations', { token: me, body: { title: S } });
    json(await call('POST', `/api/v1/conversations/${conv.id}/messages`, { token: me, body: { text: S, hour: 23 } }), 200, 'message');
    json(await call('POST', `/api/v1/conversations/${conv.id}/messages`, { token: me, body: { text: `${HIGH} ${S}` } }), 200, 'high-risk message');
    await call('POST', `/api/v1/conversations/${conv.id}/messages`, { token: me, body: { text: S, hour: S } });
    json(await call('PATCH', `/api/v1/conversations/${conv.id}`, { token: me, body: { share_summary: true } }), 200);
    await call('PATCH', `/api/v1/conversations/${conv.id}`, { token: me, body: { share_summary: S } });

    // ---- exercises, activities, thought-record helper ----
    const exercises = json(await call('GET', '/api/v1/exercises'), 200).items;
    await call('POST', `/api/v1/exercises/${exercises[0].id}/feedback`, { token: me, body: { helped: true, conversation_id: S } });
    await call('POST', `/api/v1/exercises/${exercises[0].id}/feedback`, { token: me, body: { helped: S } });
    await call('POST', `/api/v1/exercises/${TOKEN.toLowerCase()}/feedback`, { token: me, body: { helped: true } });
    await call('GET', `/api/v1/exercises/suggestions?hour=${TOKEN}`, { token: me });
    const act = json(await call('POST', '/api/v1/activities', { token: me, body: { title: S, planned_for: '2026-12-01', category: 'mastery' } }), 201, 'activity');
    await call('POST', '/api/v1/activities', { token: me, body: { title: S, planned_for: S, category: S } });
    json(await call('PATCH', `/api/v1/activities/${act.id}`, { token: me, body: { title: `${S} again`, done: true } }), 200);
    await call('GET', `/api/v1/activities?from=${TOKEN}`, { token: me });
    json(await call('POST', '/api/v1/analysis/distortions', { token: me, body: { text: `${S} I always ruin everything` } }), 200);

    // ---- the clinician's writes and reads ----
    const base = `/api/v1/clinician/clients/${anon.user.id}`;
    json(await call('POST', `${base}/sessions`, { token: doctor.token, body: { at: '2026-12-03T10:00:00Z' } }), 201, 'session');
    await call('POST', `${base}/sessions`, { token: doctor.token, body: { at: S } });
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', `UID:${TOKEN}@example.org`, 'DTSTART:20261210T100000Z',
      `SUMMARY:${S.replace('\n', ' ')}`, `DESCRIPTION:${TOKEN} notes`, `LOCATION:${TOKEN}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    json(await call('POST', `${base}/sessions/import`, { token: doctor.token, body: { ics } }), 200, 'ics import');
    await call('POST', `${base}/sessions/import`, { token: doctor.token, body: { ics: `BEGIN:${TOKEN}\r\n${S}` } });
    await call('POST', `${base}/sessions/import`, { token: doctor.token, body: { ics: ics.replace('DTSTART:20261210T100000Z', `DTSTART:${TOKEN}`) } });
    const asg = json(await call('POST', `${base}/assignments`, { token: doctor.token, body: { kind: 'custom', title: S, instructions: S, due: new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10) } }), 201, 'assignment').assignment;
    await call('POST', `${base}/assignments`, { token: doctor.token, body: { kind: 'prompt', instructions: S, due: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) } });
    await call('POST', `${base}/assignments`, { token: doctor.token, body: { kind: S, ref: S, title: S, due: S } });
    json(await call('PATCH', `/api/v1/assignments/${asg.id}`, { token: me, body: { done: true, note: S } }), 200, 'homework note');
    await call('PATCH', `/api/v1/assignments/${asg.id}`, { token: me, body: { done: S, note: S } });
    const alerts = json(await call('GET', '/api/v1/clinician/alerts?status=open', { token: doctor.token }), 200).alerts;
    assert.ok(alerts.length > 0, 'alerts were raised');
    await call('POST', `/api/v1/clinician/alerts/${alerts[0].id}/acknowledge`, { token: doctor.token, body: { note: S } });
    json(await call('POST', `/api/v1/clinician/alerts/${alerts[0].id}/acknowledge`, { token: doctor.token, body: {} }), 200, 'acknowledge');
    for (const p of ['', '/entries', '/checkins', '/insights', '/assessments', '/conversations', '/alerts', '/safety-plan', '/brief', '/sessions', '/assignments']) {
      json(await call('GET', base + p, { token: doctor.token }), 200, `clinician read ${p}`);
    }
    await call('GET', `${base}/entries?before=${encodeURIComponent(S)}`, { token: doctor.token });
    await call('GET', `${base}/brief?session=${TOKEN.toLowerCase()}`, { token: doctor.token });
    await call('GET', `/api/v1/clinician/clients/${TOKEN.toLowerCase()}/entries`, { token: doctor.token });

    // ---- reads of what was written (they decrypt it), export ----
    json(await call('GET', `/api/v1/entries/${entry.id}`, { token: me }), 200);
    json(await call('GET', '/api/v1/me/export', { token: me }), 200);
    json(await call('GET', '/api/v1/me/fhir', { token: me }), 200);

    // ---- malformed requests, query strings, paths, headers ----
    await call('POST', '/api/v1/entries', { token: me, body: `{"text": "${TOKEN} purple elephant` });
    await call('POST', '/api/v1/entries', { token: me, body: `{"text": "${TOKEN}", }` });
    await call('POST', '/api/v1/entries', { token: me, body: Buffer.concat([Buffer.from(`{"text":"${TOKEN}`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) });
    await call('POST', '/api/v1/entries', { token: me, body: `text=${TOKEN}`, contentType: 'application/x-www-form-urlencoded' });
    await call('POST', '/api/v1/entries', { token: me, body: JSON.stringify([S]) });
    await call('GET', `/api/v1/entries?before=${encodeURIComponent(S)}&limit=${TOKEN}&${TOKEN}=${TOKEN}`, { token: me });
    await call('GET', `/api/v1/entries?${TOKEN}%ff=1`, { token: me });
    await call('GET', `/api/v1/entries/${TOKEN.toLowerCase()}`, { token: me });
    await call('GET', `/api/v1/entries/${encodeURIComponent(S)}`, { token: me });
    await call('GET', `/api/v1/${TOKEN}/entries`, { token: me });
    await call('GET', `/${TOKEN}.html`);
    await call('GET', `/static/../../${TOKEN}`);
    await call('GET', '/api/v1/me', { headers: { Authorization: `Bearer ${TOKEN}` } });
    await call('GET', '/api/v1/me', { cookie: `interlude_session=${TOKEN}` });
    await call('GET', '/api/v1/health', {
      headers: {
        'User-Agent': `${TOKEN} purple elephant`, 'X-Forwarded-For': `${TOKEN}, 10.0.0.1`, Referer: `https://${TOKEN}.example/`,
        'X-Request-Id': TOKEN, 'Accept-Language': TOKEN, 'X-Forwarded-Proto': TOKEN, [`X-${TOKEN}`]: TOKEN,
      },
    });
    await call('POST', '/api/v1/auth/anonymous', { body: {}, headers: { Origin: `https://${TOKEN}.example`, 'X-Forwarded-For': TOKEN } });
    await call('POST', '/api/v1/entries', { token: me, body: { text: S }, headers: { 'Content-Type': `application/json; charset=${TOKEN}` } });
    await rawCall(`${TOKEN.toUpperCase()} /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    await rawCall(`GET /api/v1/${TOKEN} ${TOKEN}\r\nHost: x\r\nConnection: close\r\n\r\n`);
    await rawCall(`GET /api/v1/health HTTP/1.1\r\nHost: ${TOKEN}\r\n${TOKEN}: ${S.replace('\n', ' ')}\r\nConnection: close\r\n\r\n`);
    await rawCall(`POST /api/v1/entries HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${me}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz${TOKEN}\r\n${TOKEN}\r\n0\r\n\r\n`);
    await rawCall(`GET /api/v1/health?${TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Length: ${TOKEN}\r\nConnection: close\r\n\r\n`);

    // The metrics page is scraped by others: it must not carry the sentinel either.
    const metrics = await call('GET', '/metrics');
    if (metrics.status === 200) {
      for (const f of forms()) assert.ok(!metrics.text.includes(f), `/metrics carries the sentinel (${f})`);
    }

    const fivexx = statuses.filter((s) => /^5\d\d /.test(s));
    assert.deepEqual(fivexx, [], 'no request failed with a server error');
  } finally {
    const { code } = await srv.stop();
    output = srv.output();
    t.diagnostic(`server exit code ${code}; ${requests} requests; ${output.split('\n').length} output lines`);
  }

  // ---- the proof ----
  const lines = output.split('\n').filter((l) => l.length > 0);
  // Self-check: this is the log we think it is (debug level, JSON, the request lines).
  const events = [];
  const notJson = [];
  for (const l of lines) {
    // The listening banner is a plain line on stdout (tests and operators read it); every
    // other line must be a JSON object.
    if (/^interlude listening on http:\/\/127\.0\.0\.1:\d+/.test(l)) continue;
    try {
      const obj = JSON.parse(l);
      assert.equal(typeof obj, 'object');
      events.push(obj);
    } catch {
      notJson.push(l.slice(0, 200));
    }
  }
  assert.deepEqual(notJson, [], 'every log line is a JSON object');
  const count = (name) => events.filter((e) => e.event === name).length;
  const httpLines = count('http.request');
  t.diagnostic(`${lines.length} lines: ${httpLines} http.request, ${count('entry.created')} entry.created, ${count('safety.alert_raised')} safety.alert_raised`);
  assert.ok(httpLines >= requests - 10, `one http.request line per API request (${httpLines} lines for about ${requests} requests)`);
  assert.ok(count('entry.created') >= 6, 'the entry writes are logged');
  assert.ok(count('safety.alert_raised') >= 1, 'the safety path logged');
  assert.ok(events.every((e) => typeof e.level === 'string' && typeof e.event === 'string'), 'each line has level and event');

  const hits = [];
  for (const f of forms()) {
    for (const l of lines) if (l.includes(f)) hits.push(`${JSON.stringify(f)} in: ${l.slice(0, 300)}`);
  }
  assert.deepEqual(hits, [], `the sentinel appears in ${hits.length} log lines`);
});
