// The safety layer over HTTP: risk found in a write comes back in the same response with the
// person's own country's resources, the item is stored first, alerts reach a linked clinician
// only with consent, the screener and the safety plan, resources, and the outbound notice.
// Rule ids refer to docs/safety.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, runCli, repoRoot } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous, STRONG_PASSWORD, unique } from '../support/api.mjs';
import { createStaff, totpCode } from '../support/totp.mjs';

const HIGH = 'I have the pills counted out and I am going to take them tonight.';
const IDIOM = 'This exam is killing me lol, I could murder a pizza.';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token });
const person = async (country) => (await anonymous(srv.url, country ? { country } : {})).token;
const numbers = (safety) => safety.resources.map((r) => r.phone ?? r.sms);

async function clinician() {
  const email = `${unique('doc')}@example.org`;
  const staff = await createStaff(srv.dataDir, { login: email, password: STRONG_PASSWORD });
  const login = expectStatus(await call('POST', '/api/v1/auth/login', { body: { login: email, password: STRONG_PASSWORD, totp: totpCode(staff.secret) } }), 200);
  return login.token;
}

async function link(clientToken, doctorToken, share) {
  const { code } = expectStatus(await call('POST', '/api/v1/clinician/invitations', { token: doctorToken }), 201);
  return expectStatus(await call('POST', '/api/v1/links', { token: clientToken, body: { code, share } }), 201).link;
}

test('SAFE-052/080: a high-risk entry is stored and answered with the US crisis card in the same response', async () => {
  const token = await person('US');
  const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: HIGH } }), 201);
  assert.equal(res.safety.tier, 'high');
  assert.equal(res.safety.country, 'US');
  assert.equal(res.safety.resources[0].kind, 'emergency', 'the emergency number comes first');
  assert.equal(res.safety.resources[0].phone, '911');
  const lines = numbers(res.safety);
  assert.ok(lines.includes('988'), lines.join());
  const text = res.safety.resources.find((r) => r.sms === '741741');
  assert.equal(text?.sms_keyword, 'HOME');
  assert.deepEqual(res.safety.actions.slice(0, 2), ['call_emergency', 'crisis_lines']);
  assert.ok(res.safety.actions.includes('safety_plan'));
  assert.ok(res.safety.message.length > 20);
  assert.ok(res.safety.reasons.some((r) => r.rule === 'SAFE-001' && r.code === 'preparatory'));
  assert.equal(res.safety.clinician_alerted, false, 'nobody is linked');
  // The words are saved, with the tier kept beside them.
  const got = expectStatus(await call('GET', `/api/v1/entries/${res.entry.id}`, { token }), 200);
  assert.equal(got.entry.text, HIGH);
  assert.equal(got.entry.safety.tier, 'high');
  const list = expectStatus(await call('GET', '/api/v1/entries', { token }), 200);
  assert.equal(list.entries[0].id, res.entry.id);
});

test('an idiom gets no safety response and no tier', async () => {
  const token = await person('US');
  const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: IDIOM } }), 201);
  assert.equal(res.safety, undefined, JSON.stringify(res.safety));
  assert.equal(res.entry.safety, undefined);
  const note = expectStatus(await call('POST', '/api/v1/checkins', { token, body: { valence: 2, energy: 3, note: 'dying to see the new film' } }), 201);
  assert.equal(note.safety, undefined);
});

test('a UK person sees UK numbers; a person without a country gets the international directory', async () => {
  const uk = expectStatus(await call('POST', '/api/v1/entries', { token: await person('GB'), body: { text: HIGH } }), 201);
  assert.deepEqual(numbers(uk.safety).slice(0, 3), ['999', '116 123', '85258']);
  const nowhere = expectStatus(await call('POST', '/api/v1/entries', { token: await person(), body: { text: HIGH } }), 201);
  assert.equal(nowhere.safety.country, '');
  assert.ok(nowhere.safety.resources.some((r) => /findahelpline/.test(r.url ?? '')), JSON.stringify(nowhere.safety.resources));
  // Changing the country changes the next response.
  const token = await person('US');
  expectStatus(await call('PATCH', '/api/v1/me', { token, body: { country: 'AU' } }), 200);
  const au = expectStatus(await call('POST', '/api/v1/checkins', { token, body: { valence: 1, energy: 1, note: HIGH } }), 201);
  assert.equal(au.safety.tier, 'high');
  assert.equal(au.safety.resources[0].phone, '000');
  assert.ok(numbers(au.safety).includes('13 11 14'));
});

test('SAFE-053/054: someone else at risk gets resources for helping them; abuse gets abuse support', async () => {
  const token = await person('US');
  const other = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: 'My brother is cutting himself and I do not know what to do.' } }), 201);
  assert.equal(other.safety.tier, 'low');
  assert.ok(other.safety.actions.includes('helping_others'), other.safety.actions.join());
  assert.ok(other.safety.resources.some((r) => r.kind === 'helping_others'));
  const abuse = expectStatus(await call('POST', '/api/v1/entries', { token: await person('US'), body: { text: 'My husband hits me and I am scared to go home.' } }), 201);
  assert.ok(abuse.safety.actions.includes('abuse_support'), abuse.safety.actions.join());
  assert.ok(abuse.safety.resources.some((r) => r.kind === 'abuse' && /799-7233/.test(r.phone)), JSON.stringify(abuse.safety.resources));
});

test('SAFE-010: a second moderate signal within 72 hours raises the tier to high', async () => {
  const token = await person('US');
  const first = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: 'Sometimes I wish I could go to sleep and not wake up.' } }), 201);
  assert.equal(first.safety.tier, 'moderate');
  assert.ok(first.safety.actions.includes('screener'));
  const second = expectStatus(await call('POST', '/api/v1/checkins', { token, body: { valence: 1, energy: 1, note: 'I keep thinking about killing myself.' } }), 201);
  assert.equal(second.safety.tier, 'high');
  assert.ok(second.safety.reasons.some((r) => r.rule === 'SAFE-010'), JSON.stringify(second.safety.reasons));
});

test('SAFE-081: alerts reach a linked clinician only with consent, carry no words, and can be acknowledged', async () => {
  const doctor = await clinician();
  const client = await person('US');
  const l = await link(client, doctor, { safety_alerts: true, mood: true });
  assert.equal(l.share.safety_alerts, true);
  assert.equal(l.share.entries, false, 'absent share keys are not shared');

  const words = 'I wrote goodbye letters to everyone and I will end my life tonight.';
  const res = expectStatus(await call('POST', '/api/v1/entries', { token: client, body: { text: words } }), 201);
  assert.equal(res.safety.tier, 'high');
  assert.equal(res.safety.clinician_alerted, true);

  const listed = expectStatus(await call('GET', '/api/v1/clinician/alerts?status=open', { token: doctor }), 200);
  assert.equal(listed.alerts.length, 1);
  const alert = listed.alerts[0];
  assert.deepEqual(Object.keys(alert).sort(), ['acknowledged_at', 'acknowledged_by', 'client', 'created_at', 'id', 'item_id', 'reasons', 'source', 'tier']);
  assert.equal(alert.item_id, res.entry.id);
  assert.equal(alert.source, 'entry');
  assert.equal(alert.tier, 'high');
  for (const w of ['goodbye', 'letters', 'tonight', 'life']) assert.ok(!JSON.stringify(alert).includes(w), `alert carries "${w}"`);

  // Nobody else sees or acknowledges it.
  const stranger = await clinician();
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/clinician/alerts', { token: stranger }), 200).alerts, []);
  assertError(await call('POST', `/api/v1/clinician/alerts/${alert.id}/acknowledge`, { token: stranger }), 404, 'not_found');
  assertError(await call('GET', '/api/v1/clinician/alerts', { token: client }), 403, 'permission_denied');

  const acked = expectStatus(await call('POST', `/api/v1/clinician/alerts/${alert.id}/acknowledge`, { token: doctor }), 200).alert;
  assert.ok(acked.acknowledged_at);
  assert.equal(typeof acked.acknowledged_by.handle, 'string');
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/clinician/alerts?status=open', { token: doctor }), 200).alerts, []);

  // The operator's list shows it by id and codes only.
  const cli = await runCli(['alerts', 'list', '--data-dir', srv.dataDir]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.ok(cli.stdout.includes(alert.id));
  assert.ok(!cli.stdout.includes('goodbye'));

  // Consent withdrawn: effective at once, for old and new alerts.
  expectStatus(await call('PATCH', `/api/v1/links/${l.id}`, { token: client, body: { share: { safety_alerts: false } } }), 200);
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/clinician/alerts', { token: doctor }), 200).alerts, []);
  const after = expectStatus(await call('POST', '/api/v1/entries', { token: client, body: { text: HIGH } }), 201);
  assert.equal(after.safety.clinician_alerted, false);
  expectStatus(await call('DELETE', `/api/v1/links/${l.id}`, { token: client }), 204);
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/links', { token: client }), 200).links, []);
});

test('clinic policy off: no alert even with consent', async () => {
  const off = await startServer({ env: { INTERLUDE_CLINICIAN_ALERTS: 'false' } });
  try {
    const staff = await createStaff(off.dataDir, { login: 'off@example.org', password: STRONG_PASSWORD });
    const doctor = expectStatus(await api(off.url, 'POST', '/api/v1/auth/login', { body: { login: 'off@example.org', password: STRONG_PASSWORD, totp: totpCode(staff.secret) } }), 200).token;
    const client = (await anonymous(off.url, { country: 'US' })).token;
    const { code } = expectStatus(await api(off.url, 'POST', '/api/v1/clinician/invitations', { token: doctor }), 201);
    expectStatus(await api(off.url, 'POST', '/api/v1/links', { token: client, body: { code, share: { safety_alerts: true } } }), 201);
    const res = expectStatus(await api(off.url, 'POST', '/api/v1/entries', { token: client, body: { text: HIGH } }), 201);
    assert.equal(res.safety.tier, 'high');
    assert.equal(res.safety.clinician_alerted, false);
  } finally {
    await off.stop();
  }
});

test('links: bad codes and share settings are refused by name; only clients link, only clinicians invite', async () => {
  const doctor = await clinician();
  const client = await person('US');
  assertError(await call('POST', '/api/v1/links', { token: client, body: { code: 'AAAA-BBBB-CCCC-DDDD' } }), 400, 'invalid_argument', 'code');
  const { code } = expectStatus(await call('POST', '/api/v1/clinician/invitations', { token: doctor }), 201);
  assertError(await call('POST', '/api/v1/links', { token: client, body: { code, share: { diary: true } } }), 400, 'invalid_argument', 'share.diary');
  assertError(await call('POST', '/api/v1/links', { token: client, body: { code, share: { mood: 'yes' } } }), 400, 'invalid_argument', 'share.mood');
  assertError(await call('POST', '/api/v1/clinician/invitations', { token: client }), 403, 'permission_denied');
  assertError(await call('POST', '/api/v1/links', { token: doctor, body: { code } }), 403, 'permission_denied');
  // The refused attempts did not use up the code; typed in lower case with spaces it still works.
  expectStatus(await call('POST', '/api/v1/links', { token: client, body: { code: code.toLowerCase().replaceAll('-', ' ') } }), 201);
  assertError(await call('POST', '/api/v1/links', { token: await person(), body: { code } }), 400, 'invalid_argument', 'code');
});

test('the screener: skip rule enforced by name, triage per C-SSRS, results kept', async () => {
  const token = await person('GB');
  const questions = expectStatus(await call('GET', '/api/v1/safety/screener'), 200).questions;
  assert.deepEqual(questions.map((q) => q.id), ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6_recent']);
  assertError(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: true, q2: true, q6: false } } }), 400, 'invalid_argument', 'answers.q3');
  assertError(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: true, q2: false, q3: true, q6: false } } }), 400, 'invalid_argument', 'answers.q3');
  assertError(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: 'yes', q2: false, q6: false } } }), 400, 'invalid_argument', 'answers.q1');
  assertError(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: false, q2: false, q6: true } } }), 400, 'invalid_argument', 'answers.q6_recent');
  assertError(await call('POST', '/api/v1/screenings', { token, body: {} }), 400, 'invalid_argument', 'answers');

  const none = expectStatus(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: false, q2: false, q6: false } } }), 201);
  assert.equal(none.safety.tier, 'none');
  assert.equal(none.screening.tier, 'none');
  const low = expectStatus(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: true, q2: false, q6: false } } }), 201);
  assert.equal(low.safety.tier, 'low');
  const moderate = expectStatus(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: true, q2: false, q6: true, q6_recent: false } } }), 201);
  assert.equal(moderate.safety.tier, 'moderate');
  const high = expectStatus(await call('POST', '/api/v1/screenings', { token, body: { answers: { q1: true, q2: true, q3: true, q4: true, q5: false, q6: false } } }), 201);
  assert.equal(high.safety.tier, 'high');
  assert.equal(high.safety.resources[0].phone, '999');
  const list = expectStatus(await call('GET', '/api/v1/screenings', { token }), 200).screenings;
  assert.equal(list.length, 4);
  assert.equal(list[0].id, high.screening.id);
  assert.equal(list[0].answers.q4, true);
});

test('the safety plan: empty at first, saved whole, errors name the step', async () => {
  const token = await person('US');
  const empty = expectStatus(await call('GET', '/api/v1/safety-plan', { token }), 200).plan;
  assert.equal(empty.updated_at, null);
  assert.deepEqual(Object.keys(empty.steps).sort(), ['coping_strategies', 'distraction', 'making_safe', 'people_to_ask', 'professionals', 'warning_signs']);
  const plan = {
    steps: { warning_signs: ['Not sleeping', '  '], coping_strategies: ['Walk the dog'], people_to_ask: ['Sam 07700 900123'] },
    reasons_for_living: ['My niece'],
  };
  const saved = expectStatus(await call('PUT', '/api/v1/safety-plan', { token, body: plan }), 200).plan;
  assert.deepEqual(saved.steps.warning_signs, ['Not sleeping'], 'blank items are dropped');
  const again = expectStatus(await call('GET', '/api/v1/safety-plan', { token }), 200).plan;
  assert.deepEqual(again.steps, saved.steps);
  assert.deepEqual(again.reasons_for_living, ['My niece']);
  assertError(await call('PUT', '/api/v1/safety-plan', { token, body: { steps: { hobbies: [] } } }), 400, 'invalid_argument', 'steps.hobbies');
  assertError(await call('PUT', '/api/v1/safety-plan', { token, body: { steps: { distraction: ['x'.repeat(501)] } } }), 400, 'invalid_argument', 'steps.distraction');
  assertError(await call('PUT', '/api/v1/safety-plan', { token, body: { steps: { distraction: [3] } } }), 400, 'invalid_argument', 'steps.distraction');
  // Refused saves changed nothing.
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/safety-plan', { token }), 200).plan.steps, saved.steps);
});

test('a linked clinician reads the safety plan only while it is shared', async () => {
  const doctor = await clinician();
  const client = await person('GB');
  const plan = { steps: { people_to_ask: ['Leah 07700 900123'] }, reasons_for_living: ['the boat'] };
  expectStatus(await call('PUT', '/api/v1/safety-plan', { token: client, body: plan }), 200);
  const clientId = expectStatus(await call('GET', '/api/v1/me', { token: client }), 200).user.id;
  const path = `/api/v1/clinician/clients/${clientId}/safety-plan`;
  assertError(await call('GET', path, { token: doctor }), 404, 'not_found');  // not linked
  const l = await link(client, doctor, { mood: true });
  assertError(await call('GET', path, { token: doctor }), 403, 'permission_denied');  // linked, not shared
  expectStatus(await call('PATCH', `/api/v1/links/${l.id}`, { token: client, body: { share: { safety_plan: true } } }), 200);
  const seen = expectStatus(await call('GET', path, { token: doctor }), 200).plan;
  assert.deepEqual(seen.steps.people_to_ask, ['Leah 07700 900123']);
  assert.deepEqual(seen.reasons_for_living, ['the boat']);
  assertError(await call('GET', path, { token: await clinician() }), 404, 'not_found');  // another clinician
  assertError(await call('GET', path, { token: client }), 403, 'permission_denied');
  expectStatus(await call('DELETE', `/api/v1/links/${l.id}`, { token: client }), 204);
  assertError(await call('GET', path, { token: doctor }), 404, 'not_found');  // revoked at once
});

test('resources are public, per country, with a clear error for a malformed country', async () => {
  const gb = expectStatus(await call('GET', '/api/v1/safety/resources?country=GB'), 200);
  assert.equal(gb.country, 'GB');
  assert.ok(gb.resources.some((r) => r.kind === 'abuse'));
  const fr = expectStatus(await call('GET', '/api/v1/safety/resources?country=FR'), 200);
  assert.equal(fr.country, null);
  assert.ok(fr.resources.some((r) => r.kind === 'directory'));
  assertError(await call('GET', '/api/v1/safety/resources?country=gb'), 400, 'invalid_argument', 'country');
});

test('a clinic overrides a country\'s resources from <data-dir>/helplines', async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { initDataDir } = await import('../support/integration.mjs');
  const dir = await initDataDir();
  mkdirSync(join(dir, 'helplines'));
  writeFileSync(join(dir, 'helplines', 'US.txt'), 'emergency\tEmergency services\tphone=911\ncrisis\tClinic on-call line\tphone=555 0100\thours=24/7\n');
  const own = await startServer({ dataDir: dir });
  try {
    const us = expectStatus(await api(own.url, 'GET', '/api/v1/safety/resources?country=US'), 200);
    assert.deepEqual(us.resources.map((r) => r.name), ['Emergency services', 'Clinic on-call line']);
  } finally {
    await own.stop();
  }
});

test('the outbound notice says only that an alert is waiting', async () => {
  const received = [];
  const hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { received.push({ method: req.method, url: req.url, body }); res.writeHead(204).end(); });
  });
  await new Promise((r) => hook.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${hook.address().port}/hooks/interlude`;
  const noticed = await startServer({ env: { INTERLUDE_ALERT_WEBHOOK_URL: url, INTERLUDE_PUBLIC_URL: 'https://clinic.example' } });
  try {
    const staff = await createStaff(noticed.dataDir, { login: 'hook@example.org', password: STRONG_PASSWORD });
    const doctor = expectStatus(await api(noticed.url, 'POST', '/api/v1/auth/login', { body: { login: 'hook@example.org', password: STRONG_PASSWORD, totp: totpCode(staff.secret) } }), 200).token;
    const client = (await anonymous(noticed.url, { country: 'US' })).token;
    const { code } = expectStatus(await api(noticed.url, 'POST', '/api/v1/clinician/invitations', { token: doctor }), 201);
    expectStatus(await api(noticed.url, 'POST', '/api/v1/links', { token: client, body: { code, share: { safety_alerts: true } } }), 201);
    const res = expectStatus(await api(noticed.url, 'POST', '/api/v1/entries', { token: client, body: { text: HIGH } }), 201);
    assert.equal(res.safety.clinician_alerted, true);
    for (let i = 0; i < 200 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    assert.equal(received.length, 1);
    assert.equal(received[0].method, 'POST');
    assert.equal(received[0].url, '/hooks/interlude');
    assert.deepEqual(JSON.parse(received[0].body), { text: 'An Interlude safety alert is waiting for review.', link: 'https://clinic.example/clinician/alerts' });
  } finally {
    await noticed.stop();
    hook.close();
  }
});

test('a malformed webhook URL stops the server at start with a message naming the setting', async () => {
  const { initDataDir } = await import('../support/integration.mjs');
  const dir = await initDataDir();
  const r = await runCli(['serve', '--data-dir', dir, '--listen', '127.0.0.1:0'], { env: { INTERLUDE_ALERT_WEBHOOK_URL: 'https://example.org/x' }, timeoutMs: 30_000 });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /alert_webhook_url/);
});

test('SAFE-060: every safety.* string of the web app passes the safe-messaging checker', async () => {
  const catalogue = readFileSync(join(repoRoot, 'web', 'src', 'i18n', 'en.ts'), 'utf8');
  const strings = [...catalogue.matchAll(/^\s*'safety\.[^']+':\s*'((?:[^'\\]|\\.)*)'/gm)].map((m) => m[1].replace(/\\'/g, "'"));
  assert.ok(strings.length >= 10, `found ${strings.length} safety strings`);
  // Every safety.* key must have been read: a key in another form (plural object, double
  // quotes, several lines) would otherwise escape the check.
  const keys = [...catalogue.matchAll(/^\s*'safety\.[^']+':/gm)].length;
  assert.equal(strings.length, keys, 'every safety.* message is a one-line single-quoted string the test can read');
  const { spawnSync } = await import('node:child_process');
  const { binaryPath } = await import('../support/integration.mjs');
  const r = spawnSync(binaryPath(), ['safety', 'check-text'], { input: strings.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, `violations:\n${r.stdout}`);
  // And the checker does catch a violation through the same command.
  const bad = spawnSync(binaryPath(), ['safety', 'check-text'], { input: 'He committed suicide last year.\n', encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /SAFE-\d+/);
});
