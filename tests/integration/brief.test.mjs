// Therapy sessions, the pre-session brief and the note draft over HTTP (docs/api.md "Therapy
// sessions, the brief, note drafts"; docs/clinician.md): sections follow the client's shares,
// every statement names its sources, unshared words never appear, the iCalendar import
// skips what it already has and names the line of malformed text, and the note draft holds
// only measured or shared facts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous } from '../support/api.mjs';
import { signedInStaff } from '../support/totp.mjs';

const HIGH = 'I have the pills counted out and I am going to take them tonight.';
const SECRET = 'My marzipan lighthouse secret stays with me alone.';
const AGENDA = 'the argument with my brother about the flat';
const SHARED_TEXT = 'Work was exhausting this week and my boss kept shouting at the whole team.';
const DAY = 86_400_000;

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token });

const staff = () => signedInStaff(srv);

async function client() {
  const made = await anonymous(srv.url, { country: 'GB' });
  return { token: made.token, id: made.user.id, handle: made.user.handle };
}

async function link(who, doctor, share) {
  const { code } = expectStatus(await call('POST', '/api/v1/clinician/invitations', { token: doctor.token }), 201);
  return expectStatus(await call('POST', '/api/v1/links', { token: who.token, body: { code, share } }), 201).link;
}

const section = (brief, id) => brief.sections.find((s) => s.id === id);
const texts = (s) => s.statements.map((x) => x.text).join('\n');
const isoDate = (t) => new Date(t).toISOString().slice(0, 10);

function ics(events) {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
    ...events.flatMap(([uid, start]) => ['BEGIN:VEVENT', `UID:${uid}`, `DTSTART:${start}`, 'SUMMARY:Therapy', 'END:VEVENT']),
    'END:VCALENDAR', ''].join('\r\n');
}
const icsTime = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

test('the brief: each section from its share, every statement with its sources, unshared words absent', async () => {
  const doctor = await staff();
  const me = await client();
  // Two check-ins in the two weeks before the link (mean 5.5), to compare with.
  const before1 = new Date(Date.now() - 3 * DAY).toISOString();
  const before2 = new Date(Date.now() - 2 * DAY).toISOString();
  const b1 = expectStatus(await call('POST', '/api/v1/checkins', { token: me.token, body: { valence: 5, energy: 3, at: before1 } }), 201).checkin;
  const b2 = expectStatus(await call('POST', '/api/v1/checkins', { token: me.token, body: { valence: 6, energy: 3, at: before2 } }), 201).checkin;
  await link(me, doctor, { mood: true, assessments: true, entries: true, safety_alerts: true });

  const checkins = [];
  for (const valence of [2, 3, 2]) {
    checkins.push(expectStatus(await call('POST', '/api/v1/checkins', { token: me.token, body: { valence, energy: 2 } }), 201).checkin);
  }
  // PHQ-9 8 -> 15: +7, RC = 7 / (sqrt 2 x 2.5) = 1.98 > 1.96, a reliable worsening.
  const phq1 = expectStatus(await call('POST', '/api/v1/assessments', { token: me.token, body: { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] } }), 201).assessment;
  const phq2 = expectStatus(await call('POST', '/api/v1/assessments', { token: me.token, body: { instrument: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 1, 0] } }), 201).assessment;
  assert.equal(phq2.change.reliable, 'deterioration');
  const prep = expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: {
    kind: 'session_prep', shared: true, fields: { want_to_discuss: AGENDA, questions: 'How do I say no without a fight?' } } }), 201).entry;
  const shared = expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text: SHARED_TEXT, shared: true } }), 201).entry;
  expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text: SECRET } }), 201);
  const risky = expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text: HIGH } }), 201);
  assert.equal(risky.safety.tier, 'high');

  const base = `/api/v1/clinician/clients/${me.id}`;
  const brief = expectStatus(await call('GET', `${base}/brief`, { token: doctor.token }), 200).brief;
  assert.deepEqual(brief.client, { id: me.id, handle: me.handle });
  assert.equal(brief.session, null, 'no session recorded: the period ends now');
  assert.ok(Date.parse(brief.period.from) <= Date.parse(checkins[0].at));
  assert.deepEqual(brief.sections.map((s) => s.id), ['mood', 'scores', 'themes', 'entries', 'risk', 'homework', 'agenda']);
  for (const s of brief.sections) {
    assert.equal(typeof s.title, 'string');
    for (const st of s.statements) {
      for (const src of st.sources) {
        assert.ok(['checkin', 'entry', 'assessment', 'alert', 'assignment'].includes(src.kind), src.kind);
        assert.match(src.at, /^\d{4}-\d{2}-\d{2}T/);
      }
    }
  }

  const mood = section(brief, 'mood');
  assert.equal(mood.shared, true);
  assert.match(mood.statements[0].text, /^Mood averaged 2\.3\/7 over 3 check-ins \(down from 5\.5 over 2 check-ins in the two weeks before\)/);
  assert.deepEqual(mood.statements[0].sources.map((s) => s.id).sort(), [b1.id, b2.id, ...checkins.map((c) => c.id)].sort());
  assert.ok(mood.statements[0].sources.every((s) => s.kind === 'checkin'));

  const scores = section(brief, 'scores');
  assert.match(texts(scores), /PHQ-9 on \d{4}-\d{2}-\d{2}: 15 of 27 \(Moderately severe\)\./);
  const change = scores.statements.find((s) => /reliable worsening/.test(s.text));
  assert.ok(change, texts(scores));
  assert.match(change.text, /rose 7 points from 8 to 15/);
  assert.deepEqual(change.sources.map((s) => s.id), [phq1.id, phq2.id]);

  const themes = section(brief, 'themes');
  const work = themes.statements.find((s) => s.text.includes('“work”'));
  assert.ok(work, texts(themes));
  assert.deepEqual(work.sources.map((s) => s.id), [shared.id]);

  const entries = section(brief, 'entries');
  const extract = entries.statements.find((s) => s.text.includes('Work was exhausting'));
  assert.ok(extract, texts(entries));
  assert.deepEqual(extract.sources, [{ kind: 'entry', id: shared.id, at: shared.created_at }]);

  const risk = section(brief, 'risk');
  assert.equal(risk.statements.length, 1, texts(risk));
  assert.match(risk.statements[0].text, /^High alert on .* from a journal entry: .*Not yet acknowledged\./);
  assert.equal(risk.statements[0].sources[0].kind, 'alert');

  const homework = section(brief, 'homework');
  assert.equal(homework.shared, false, 'goals are not shared');
  assert.deepEqual(homework.statements, []);

  const agenda = section(brief, 'agenda');
  assert.equal(agenda.statements[0].text, `Wants to talk about (written ${isoDate(prep.created_at)}): “${AGENDA}”`);
  assert.deepEqual(agenda.statements[0].sources, [{ kind: 'entry', id: prep.id, at: prep.created_at }]);
  assert.match(agenda.statements[1].text, /^Questions \(written .*\): “How do I say no without a fight\?”$/);

  const all = JSON.stringify(brief);
  for (const w of ['marzipan', 'lighthouse', 'pills', 'tonight']) assert.ok(!all.includes(w), `the brief carries unshared "${w}"`);

  // Acknowledging the alert shows who handled it.
  const alertId = risk.statements[0].sources[0].id;
  expectStatus(await call('POST', `/api/v1/clinician/alerts/${alertId}/acknowledge`, { token: doctor.token }), 200);
  const after = expectStatus(await call('GET', `${base}/brief`, { token: doctor.token }), 200).brief;
  assert.match(texts(section(after, 'risk')), new RegExp(`Acknowledged by ${doctor.handle} at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\.`));

  // A category the client stops sharing empties its section at once.
  const links = expectStatus(await call('GET', '/api/v1/links', { token: me.token }), 200).links;
  expectStatus(await call('PATCH', `/api/v1/links/${links[0].id}`, { token: me.token, body: { share: { assessments: true } } }), 200);
  const narrowed = expectStatus(await call('GET', `${base}/brief`, { token: doctor.token }), 200).brief;
  for (const id of ['mood', 'themes', 'entries', 'risk', 'agenda']) {
    assert.equal(section(narrowed, id).shared, false, id);
    assert.deepEqual(section(narrowed, id).statements, [], id);
  }
  assert.equal(section(narrowed, 'scores').shared, true);
  assert.ok(!JSON.stringify(narrowed).includes('brother'));

  const log = expectStatus(await call('GET', '/api/v1/me/access-log', { token: me.token }), 200).accesses;
  assert.ok(log.some((a) => a.category === 'brief' && a.who.id === doctor.id), JSON.stringify(log));
});

test('sessions: recorded by hand, imported from iCalendar without duplicates, errors name the field and line', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { mood: true });
  const base = `/api/v1/clinician/clients/${me.id}/sessions`;
  assertError(await call('POST', base, { token: doctor.token, body: { at: 'next tuesday' } }), 400, 'invalid_argument', 'at');
  assertError(await call('POST', base, { token: doctor.token, body: { at: '1999-12-31T10:00:00Z' } }), 400, 'invalid_argument', 'at');
  assertError(await call('POST', base, { token: doctor.token, body: { at: new Date(Date.now() + 800 * DAY).toISOString() } }), 400, 'invalid_argument', 'at');
  assertError(await call('POST', base, { token: doctor.token, body: {} }), 400, 'invalid_argument', 'at');
  const at = new Date(Date.now() + 7 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const made = expectStatus(await call('POST', base, { token: doctor.token, body: { at } }), 201).session;
  assert.deepEqual({ at: made.at, source: made.source }, { at, source: 'manual' });

  const t1 = Date.now() + 14 * DAY - (Date.now() % 1000);
  const t2 = t1 + 7 * DAY;
  const text = ics([['s1@clinic.example', icsTime(t1)], ['s2@clinic.example', icsTime(t2)]]);
  const first = expectStatus(await call('POST', `${base}/import`, { token: doctor.token, body: { ics: text } }), 200);
  assert.equal(first.imported, 2);
  assert.deepEqual(first.skipped, []);
  assert.deepEqual(first.sessions.map((s) => s.source), ['manual', 'ics', 'ics']);
  assert.equal(first.sessions[1].at, new Date(t1).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const again = expectStatus(await call('POST', `${base}/import`, { token: doctor.token, body: { ics: text } }), 200);
  assert.equal(again.imported, 0);
  assert.deepEqual(again.skipped.map((s) => [s.uid, s.reason]), [['s1@clinic.example', 'already imported'], ['s2@clinic.example', 'already imported']]);
  assert.equal(again.sessions.length, 3);

  const bad = assertError(await call('POST', `${base}/import`, { token: doctor.token,
    body: { ics: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis line has no colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' } }), 400, 'invalid_argument', 'ics');
  assert.match(bad.message, /^line 3: a line without a colon/i);
  assertError(await call('POST', `${base}/import`, { token: doctor.token, body: { ics: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:2026-12-01\nEND:VEVENT\nEND:VCALENDAR\n' } }), 400, 'invalid_argument', 'ics');
  assertError(await call('POST', `${base}/import`, { token: doctor.token, body: {} }), 400, 'invalid_argument', 'ics');

  const listed = expectStatus(await call('GET', base, { token: doctor.token }), 200).sessions;
  assert.deepEqual(listed.map((s) => s.id), again.sessions.map((s) => s.id));
  assert.ok(listed.every((s, i) => i === 0 || Date.parse(listed[i - 1].at) <= Date.parse(s.at)), 'oldest first');

  // The brief defaults to the next upcoming session; ?session= picks one.
  const brief = expectStatus(await call('GET', `/api/v1/clinician/clients/${me.id}/brief`, { token: doctor.token }), 200).brief;
  assert.equal(brief.session.id, made.id);
  assert.equal(brief.period.to, made.at);
  const later = expectStatus(await call('GET', `/api/v1/clinician/clients/${me.id}/brief?session=${listed[2].id}`, { token: doctor.token }), 200).brief;
  assert.equal(later.period.from, listed[1].at);
  assert.equal(later.period.to, listed[2].at);
  assertError(await call('GET', `/api/v1/clinician/clients/${me.id}/brief?session=nope`, { token: doctor.token }), 404, 'not_found');

  // Others cannot see or change the pair's sessions.
  const stranger = await staff();
  assertError(await call('GET', base, { token: stranger.token }), 404, 'not_found');
  assertError(await call('POST', base, { token: stranger.token, body: { at } }), 404, 'not_found');
  assertError(await call('GET', base, { token: me.token }), 403, 'permission_denied');
  assertError(await call('DELETE', `${base}/${made.id}`, { token: stranger.token }), 404, 'not_found');
  expectStatus(await call('DELETE', `${base}/${made.id}`, { token: doctor.token }), 204);
  assertError(await call('DELETE', `${base}/${made.id}`, { token: doctor.token }), 404, 'not_found');
  assert.equal(expectStatus(await call('GET', base, { token: doctor.token }), 200).sessions.length, 2);
  const log = expectStatus(await call('GET', '/api/v1/me/access-log', { token: me.token }), 200).accesses;
  assert.ok(log.some((a) => a.category === 'sessions'), JSON.stringify(log));
});

test('the note draft: SOAP and DAP with the scores and the client\'s quoted words, nothing where nothing is shared', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { assessments: true, entries: true, mood: true });
  expectStatus(await call('POST', '/api/v1/assessments', { token: me.token, body: { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] } }), 201);
  expectStatus(await call('POST', '/api/v1/assessments', { token: me.token, body: { instrument: 'phq9', answers: [2, 2, 2, 2, 2, 2, 2, 1, 0] } }), 201);
  const prep = expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: {
    kind: 'session_prep', shared: true, fields: { want_to_discuss: AGENDA } } }), 201).entry;
  expectStatus(await call('POST', '/api/v1/entries', { token: me.token, body: { text: SECRET } }), 201);
  const base = `/api/v1/clinician/clients/${me.id}`;
  const session = expectStatus(await call('POST', `${base}/sessions`, { token: doctor.token,
    body: { at: new Date(Date.now() + DAY).toISOString() } }), 201).session;

  const soap = expectStatus(await call('GET', `${base}/sessions/${session.id}/note?format=soap`, { token: doctor.token }), 200).note;
  assert.equal(soap.format, 'soap');
  assert.equal(soap.draft, true);
  assert.deepEqual(soap.sections.map((s) => s.name), ['Subjective', 'Objective', 'Assessment', 'Plan']);
  const part = (note, name) => note.sections.find((s) => s.name === name).lines.map((l) => l.text).join('\n');
  assert.ok(part(soap, 'Subjective').includes(`(written ${isoDate(prep.created_at)}): “${AGENDA}”`), part(soap, 'Subjective'));
  assert.deepEqual(soap.sections[0].lines[0].sources, [{ kind: 'entry', id: prep.id, at: prep.created_at }]);
  assert.match(part(soap, 'Objective'), /PHQ-9 on \d{4}-\d{2}-\d{2}: 15 of 27 \(Moderately severe\)/);
  assert.match(part(soap, 'Assessment'), /in the Moderately severe band: 15 of 27/);
  assert.match(part(soap, 'Assessment'), /reliable worsening/);
  assert.match(soap.text, new RegExp(`^DRAFT — for the clinician to edit\nClient: ${me.handle}\nSession: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\n`));
  assert.ok(soap.text.includes(AGENDA));
  assert.ok(!JSON.stringify(soap).includes('marzipan'));

  const dap = expectStatus(await call('GET', `${base}/sessions/${session.id}/note?format=dap`, { token: doctor.token }), 200).note;
  assert.deepEqual(dap.sections.map((s) => s.name), ['Data', 'Assessment', 'Plan']);
  assert.ok(part(dap, 'Data').includes(AGENDA));
  assert.match(part(dap, 'Data'), /15 of 27/);
  assert.match(dap.text, /Format: DAP/);

  assertError(await call('GET', `${base}/sessions/${session.id}/note?format=narrative`, { token: doctor.token }), 400, 'invalid_argument', 'format');
  assertError(await call('GET', `${base}/sessions/nope/note`, { token: doctor.token }), 404, 'not_found');

  // A client who shares nothing: every part says so, and nothing is invented.
  const quiet = await client();
  expectStatus(await call('POST', '/api/v1/assessments', { token: quiet.token, body: { instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 0] } }), 201);
  await link(quiet, doctor, {});
  const qs = expectStatus(await call('POST', `/api/v1/clinician/clients/${quiet.id}/sessions`, { token: doctor.token,
    body: { at: new Date(Date.now() + DAY).toISOString() } }), 201).session;
  const empty = expectStatus(await call('GET', `/api/v1/clinician/clients/${quiet.id}/sessions/${qs.id}/note`, { token: doctor.token }), 200).note;
  assert.equal(empty.format, 'soap', 'SOAP by default');
  for (const s of empty.sections) {
    assert.deepEqual(s.lines, [{ text: 'No shared data for this part.', sources: [] }], s.name);
  }
  for (const w of ['normal', 'euthymic', 'no risk', '24 of 27']) assert.ok(!empty.text.includes(w), w);
  const log = expectStatus(await call('GET', '/api/v1/me/access-log', { token: quiet.token }), 200).accesses;
  assert.ok(log.some((a) => a.category === 'note' && a.who.id === doctor.id), JSON.stringify(log));
});

test('homework in the brief and the note: completion from the client\'s own marks', async () => {
  const doctor = await staff();
  const me = await client();
  await link(me, doctor, { goals: true });
  const base = `/api/v1/clinician/clients/${me.id}`;
  const due = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
  const walk = expectStatus(await call('POST', `${base}/assignments`, { token: doctor.token, body: { kind: 'custom', title: 'Walk after lunch', due } }), 201).assignment;
  const call2 = expectStatus(await call('POST', `${base}/assignments`, { token: doctor.token, body: { kind: 'custom', title: 'Call a friend', due } }), 201).assignment;
  expectStatus(await call('PATCH', `/api/v1/assignments/${walk.id}`, { token: me.token, body: { done: true, note: 'three times this week' } }), 200);
  const session = expectStatus(await call('POST', `${base}/sessions`, { token: doctor.token, body: { at: new Date(Date.now() + DAY).toISOString() } }), 201).session;

  const brief = expectStatus(await call('GET', `${base}/brief`, { token: doctor.token }), 200).brief;
  const homework = section(brief, 'homework');
  assert.equal(homework.shared, true);
  assert.equal(homework.statements[0].text, '1 of 2 assignments done; 1 open.');
  assert.deepEqual(homework.statements[0].sources.map((s) => s.id).sort(), [walk.id, call2.id].sort());
  assert.ok(homework.statements.some((s) => s.text.includes('“Walk after lunch” (custom), due') && s.text.includes('The client\'s note: “three times this week”')), texts(homework));

  const note = expectStatus(await call('GET', `${base}/sessions/${session.id}/note`, { token: doctor.token }), 200).note;
  const lines = (name) => note.sections.find((s) => s.name === name).lines.map((l) => l.text);
  assert.deepEqual(lines('Objective'), ['Homework: 1 of 2 assignments done.']);
  assert.deepEqual(lines('Plan'), [`Open homework: “Call a friend” (custom), due ${due}.`]);
  assert.deepEqual(lines('Subjective'), ['No shared data for this part.']);
  assert.deepEqual(lines('Assessment'), ['No shared data for this part.']);
});
