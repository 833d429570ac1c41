// The mirror over HTTP: reflections on entries and check-ins (style, modes, safety first),
// the companion conversation (what it is, safety taking the turn, storage, deletion),
// coping exercises (library, suggestions with reasons, answers), behavioural-activation plans
// and the thought-record helper. See docs/api.md, docs/mirror.md and docs/coping.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import { api, assertError, expectStatus, anonymous } from '../support/api.mjs';

const ACTS = new Set(['simple_reflection', 'complex_reflection', 'affirmation', 'question',
  'invitation', 'summary', 'information']);
const HIGH = 'I have the pills counted out and I am going to take them tonight.';
const FORMAL = 'I have been considerably preoccupied with the restructuring at my workplace. ' +
  'Although my manager has assured me that my position is secure, I find that I am unable to ' +
  'concentrate in the evenings, and I have been sleeping poorly as a consequence. I would like ' +
  'to understand why this uncertainty affects me so strongly.';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const call = (method, path, { body, token } = {}) => api(srv.url, method, path, { body, token });
const person = async () => (await anonymous(srv.url, { country: 'GB' })).token;
const words = (s) => s.trim().split(/\s+/).filter(Boolean).length;

function assertReply(reply) {
  assert.ok(reply, 'a reply is present');
  assert.equal(typeof reply.text, 'string');
  assert.ok(reply.sentences.length >= 1 && reply.sentences.length <= 3, JSON.stringify(reply));
  for (const s of reply.sentences) {
    assert.ok(ACTS.has(s.act), `unknown act ${s.act}`);
    assert.ok(s.text.length > 0);
    assert.equal(s.template_id, undefined, 'template ids stay inside');
  }
  assert.equal(reply.text, reply.sentences.map((s) => s.text).join(' '));
  assert.ok(reply.sentences.filter((s) => s.act === 'question').length <= 1, 'at most one question');
}

test('an entry is answered with a reflection that follows a terse writer', async () => {
  const token = await person();
  const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: 'Bad day. Fight with Sam.' } }), 201);
  assertReply(res.reflection);
  assert.ok(words(res.reflection.text) <= 15, `terse entry, terse reply: "${res.reflection.text}"`);
  assert.equal(res.safety, undefined);
});

test('a formal paragraph gets a longer reply without contractions', async () => {
  const token = await person();
  const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: FORMAL } }), 201);
  assertReply(res.reflection);
  assert.ok(words(res.reflection.text) >= 12, res.reflection.text);
  assert.doesNotMatch(res.reflection.text, /\b\w+'(s|re|ve|ll|d|m|t)\b|n't\b/i, 'formal writer, no contractions');
});

test('a distortion is met with an invitation to look again, not agreement (help me think)', async () => {
  const token = await person();
  expectStatus(await call('PATCH', '/api/v1/me', { token, body: { reflections: 'help_me_think' } }), 200);
  const res = expectStatus(await call('POST', '/api/v1/entries',
    { token, body: { text: 'I always mess everything up. I am such a failure.' } }), 201);
  assertReply(res.reflection);
  const acts = res.reflection.sentences.map((s) => s.act);
  assert.ok(acts.includes('invitation') || acts.includes('question'), acts.join());
  assert.doesNotMatch(res.reflection.text, /you are (such )?a failure/i);
});

test('reflection settings: just listen asks nothing, off gives none, bad values are refused and change nothing', async () => {
  const token = await person();
  const me = expectStatus(await call('GET', '/api/v1/me', { token }), 200);
  assert.equal(me.reflections, 'on');
  const bad = await call('PATCH', '/api/v1/me', { token, body: { reflections: 'loud' } });
  assertError(bad, 400, 'invalid_argument');
  assert.equal(bad.json.error.field, 'reflections');
  assert.equal(expectStatus(await call('GET', '/api/v1/me', { token }), 200).reflections, 'on');

  expectStatus(await call('PATCH', '/api/v1/me', { token, body: { reflections: 'just_listen' } }), 200);
  for (const text of ['I always mess everything up and nobody will ever want me around.',
    'Work was long and my boss ignored my idea again. I felt invisible all afternoon.']) {
    const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text } }), 201);
    assertReply(res.reflection);
    for (const s of res.reflection.sentences) assert.ok(!['question', 'invitation'].includes(s.act), s.act);
  }
  const off = expectStatus(await call('PATCH', '/api/v1/me', { token, body: { reflections: 'off' } }), 200);
  assert.equal(off.reflections, 'off');
  const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: 'Long day at work.' } }), 201);
  assert.equal(res.reflection, null);
});

test('replies vary: the same entry eight times never repeats a reply', async () => {
  const token = await person();
  const seen = new Set();
  for (let i = 0; i < 8; i++) {
    const res = expectStatus(await call('POST', '/api/v1/entries',
      { token, body: { text: 'Felt anxious before the meeting with my manager, my chest was tight.' } }), 201);
    assertReply(res.reflection);
    assert.ok(!seen.has(res.reflection.text), `repeated: ${res.reflection.text}`);
    seen.add(res.reflection.text);
  }
});

test('SAFE-086: at high risk the reflection is a brief acknowledgement after the crisis card', async () => {
  const token = await person();
  const res = expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: HIGH } }), 201);
  assert.equal(res.safety.tier, 'high');
  assertReply(res.reflection);
  for (const s of res.reflection.sentences) assert.ok(!['question', 'invitation'].includes(s.act), s.act);
  assert.doesNotMatch(res.reflection.text, /pills/i, 'risk words are not quoted back');
});

test('a check-in with a note gets a reflection; one without a note does not', async () => {
  const token = await person();
  const withNote = expectStatus(await call('POST', '/api/v1/checkins',
    { token, body: { valence: 2, energy: 2, note: 'Tired and lonely after the weekend.' } }), 201);
  assertReply(withNote.reflection);
  const bare = expectStatus(await call('POST', '/api/v1/checkins', { token, body: { valence: 5, energy: 3 } }), 201);
  assert.equal(bare.reflection, null);
});

test('the companion says what it is, answers in turns, and keeps the conversation sealed per person', async () => {
  const token = await person();
  const made = expectStatus(await call('POST', '/api/v1/conversations', { token, body: {} }), 201);
  assert.equal(made.messages.length, 1);
  assert.equal(made.messages[0].role, 'companion');
  assert.match(made.messages[0].text, /automated|not a (real )?person|not a therapist/i);
  const path = `/api/v1/conversations/${made.id}/messages`;
  const real = expectStatus(await call('POST', path, { token, body: { text: 'are you a real person?' } }), 200);
  assert.equal(real.message.text, 'are you a real person?');
  assert.match(real.reply.text, /automated|not a (real )?person|not human|a program/i);
  assert.doesNotMatch(real.reply.text, /\bI am (a )?(real )?(human|person)\b/i);
  for (const text of ["I've been so anxious about work, my chest gets tight before meetings.",
    'It is mostly the Monday meeting, I worry I will say something stupid.',
    'What should I do?']) {
    const turn = expectStatus(await call('POST', path, { token, body: { text } }), 200);
    assert.equal(turn.reply.role, 'companion');
    assertReply(turn.reply);
  }
  const got = expectStatus(await call('GET', `/api/v1/conversations/${made.id}`, { token }), 200);
  assert.equal(got.messages.length, 9);
  assert.deepEqual(got.messages.map((m) => m.role).slice(0, 3), ['companion', 'user', 'companion']);
  assert.equal(got.companion, undefined, 'internal state stays inside');
  assert.ok(got.summary.length > 0, 'a summary is kept');
  const list = expectStatus(await call('GET', '/api/v1/conversations', { token }), 200);
  assert.equal(list.items[0].id, made.id);
  assert.equal(list.items[0].messages, 9);

  // Someone else cannot see it, and cannot write to it.
  const other = await person();
  assertError(await call('GET', `/api/v1/conversations/${made.id}`, { token: other }), 404, 'not_found');
  assertError(await call('POST', path, { token: other, body: { text: 'hello' } }), 404, 'not_found');

  const shared = expectStatus(await call('PATCH', `/api/v1/conversations/${made.id}`, { token, body: { share_summary: true } }), 200);
  assert.equal(shared.share_summary, true);
  expectStatus(await call('DELETE', `/api/v1/conversations/${made.id}`, { token }), 204);
  assertError(await call('GET', `/api/v1/conversations/${made.id}`, { token }), 404, 'not_found');
});

test('companion messages: blank, too long, wrong type and unknown ids are refused and nothing is added', async () => {
  const token = await person();
  const made = expectStatus(await call('POST', '/api/v1/conversations', { token, body: {} }), 201);
  const path = `/api/v1/conversations/${made.id}/messages`;
  for (const [body, field] of [[{ text: '   ' }, 'text'], [{}, 'text'], [{ text: 5 }, 'text'],
    [{ text: 'x'.repeat(4001) }, 'text'], [{ text: 'hi', hour: 24 }, 'hour'], [{ text: 'hi', mood: 1 }, 'mood']]) {
    const res = await call('POST', path, { token, body });
    assertError(res, 400, 'invalid_argument');
    assert.equal(res.json.error.field, field, JSON.stringify(body));
  }
  const got = expectStatus(await call('GET', `/api/v1/conversations/${made.id}`, { token }), 200);
  assert.equal(got.messages.length, 1, 'nothing was added by refused messages');
  assertError(await call('POST', '/api/v1/conversations/nope/messages', { token, body: { text: 'hi' } }), 404, 'not_found');
  assertError(await call('POST', '/api/v1/conversations', {}), 401, 'unauthenticated');
});

test('SAFE-040/086: risk said over two messages is caught and the safety layer takes the turn', async () => {
  const token = await person();
  const made = expectStatus(await call('POST', '/api/v1/conversations', { token, body: {} }), 201);
  const path = `/api/v1/conversations/${made.id}/messages`;
  const first = expectStatus(await call('POST', path, { token, body: { text: 'I want to die.' } }), 200);
  assert.ok(first.reply.safety, 'ideation alone already brings the card');
  const turn = expectStatus(await call('POST', path, { token, body: { text: 'I have the pills.' } }), 200);
  assert.equal(turn.reply.safety.tier, 'high');
  assert.equal(turn.reply.safety.country, 'GB');
  assert.ok(turn.reply.safety.resources.some((r) => r.phone === '116 123'), 'Samaritans for GB');
  assert.deepEqual(turn.reply.sentences.map((s) => s.act), ['information']);
  assert.equal(turn.reply.text, turn.reply.safety.message);
  const got = expectStatus(await call('GET', `/api/v1/conversations/${made.id}`, { token }), 200);
  assert.equal(got.messages.at(-1).safety.tier, 'high', 'the card is kept with the turn');
  // The next ordinary message is answered by the companion again, and the screener stays offered.
  const next = expectStatus(await call('POST', path, { token, body: { text: 'never mind, forget it' } }), 200);
  assert.ok(next.reply.safety, 'SAFE-041: a retraction does not close a high turn');
});

test('SAFE-042: carrying on with a plan in the next message, without naming it, stays high', async () => {
  const token = await person();
  const made = expectStatus(await call('POST', '/api/v1/conversations', { token, body: {} }), 201);
  const path = `/api/v1/conversations/${made.id}/messages`;
  const first = expectStatus(await call('POST', path, { token, body: { text: 'I have been saving up my pills.' } }), 200);
  assert.equal(first.reply.safety.tier, 'high');
  const next = expectStatus(await call('POST', path, { token, body: { text: 'I am going to take them all tonight.' } }), 200);
  assert.equal(next.reply.safety.tier, 'high');
  assert.ok(next.reply.safety.reasons.some((r) => r.rule === 'SAFE-042'), JSON.stringify(next.reply.safety.reasons));
  assert.deepEqual(next.reply.sentences.map((s) => s.act), ['information'], 'the safety layer takes the turn');
});

test('the exercise library, suggestions with reasons, and "did this help?" answers', async () => {
  const lib = expectStatus(await call('GET', '/api/v1/exercises'), 200);
  assert.ok(lib.items.length >= 25, `${lib.items.length} exercises`);
  const kinds = new Set(lib.items.map((e) => e.kind));
  for (const k of ['breathing', 'grounding', 'thought_record', 'activity_planner']) assert.ok(kinds.has(k), k);
  for (const e of lib.items) {
    assert.ok(e.steps.length > 0 && e.minutes > 0 && e.source && e.evidence, e.id);
  }
  const tipp = lib.items.find((e) => e.source === 'TIPP' && /water/i.test(e.summary));
  assert.ok(tipp?.cautions.some((c) => /heart/i.test(c)), 'cold water carries its caution');
  const one = expectStatus(await call('GET', `/api/v1/exercises/${lib.items[0].id}`), 200);
  assert.equal(one.exercise.id, lib.items[0].id);
  assertError(await call('GET', '/api/v1/exercises/no-such'), 404, 'not_found');

  const token = await person();
  expectStatus(await call('POST', '/api/v1/entries', { token, body: { text: 'So anxious and panicky today, my heart keeps racing.' } }), 201);
  const s = expectStatus(await call('GET', '/api/v1/exercises/suggestions?hour=14', { token }), 200);
  assert.equal(s.items.length, 3);
  for (const item of s.items) assert.ok(item.reasons.length > 0 && item.title, JSON.stringify(item));
  // Suggestions are drawn afresh each time (Thompson sampling), so the fit is checked over the
  // ten best: calming exercises are among them, and the reasons name the feeling.
  const ten = expectStatus(await call('GET', '/api/v1/exercises/suggestions?hour=14&count=10', { token }), 200);
  assert.ok(ten.items.some((i) => ['breathing', 'grounding'].includes(i.kind)),
    `anxiety brings calming exercises: ${ten.items.map((i) => i.id)}`);
  assert.ok(ten.items.some((i) => i.reasons.some((r) => /anxious|worr/i.test(r))),
    ten.items.map((i) => i.reasons.join(' ')).join(' | '));
  assertError(await call('GET', '/api/v1/exercises/suggestions?hour=25', { token }), 400, 'invalid_argument');

  const id = lib.items.find((e) => e.kind === 'breathing').id;
  const bad = await call('POST', `/api/v1/exercises/${id}/feedback`, { token, body: {} });
  assertError(bad, 400, 'invalid_argument');
  assert.equal(bad.json.error.field, 'helped');
  assertError(await call('POST', '/api/v1/exercises/no-such/feedback', { token, body: { helped: true } }), 404, 'not_found');
  for (let i = 0; i < 3; i++) {
    const fb = expectStatus(await call('POST', `/api/v1/exercises/${id}/feedback`, { token, body: { helped: true } }), 201);
    assert.equal(fb.exercise_id, id);
    assert.equal(fb.helped, true);
  }
  const history = expectStatus(await call('GET', '/api/v1/exercises/history', { token }), 200);
  assert.equal(history.items.length, 3);
  // Once it has helped, a suggestion of it says so.
  let said = false;
  for (let i = 0; i < 10 && !said; i++) {
    const again = expectStatus(await call('GET', '/api/v1/exercises/suggestions?count=10', { token }), 200);
    const mine = again.items.find((x) => x.id === id);
    if (mine) said = mine.reasons.some((r) => /3 of/.test(r) || /helped you/i.test(r));
  }
  assert.ok(said, 'the reason names what the person said');
});

test('behavioural activation: plan, validate, mark done with mood, delete', async () => {
  const token = await person();
  for (const [body, field] of [[{ planned_for: '2026-12-01T09:00:00Z' }, 'title'],
    [{ title: 'Walk' }, 'planned_for'], [{ title: 'Walk', planned_for: 'soon' }, 'planned_for'],
    [{ title: 'Walk', planned_for: '2026-12-01T09:00:00Z', category: 'chores' }, 'category'],
    [{ title: '  ', planned_for: '2026-12-01T09:00:00Z' }, 'title']]) {
    const res = await call('POST', '/api/v1/activities', { token, body });
    assertError(res, 400, 'invalid_argument');
    assert.equal(res.json.error.field, field, JSON.stringify(body));
  }
  const later = expectStatus(await call('POST', '/api/v1/activities',
    { token, body: { title: 'Call Gran', planned_for: '2026-12-02T18:00', category: 'values' } }), 201);
  const sooner = expectStatus(await call('POST', '/api/v1/activities',
    { token, body: { title: 'Walk in the park', planned_for: '2026-12-01T09:00:00Z', category: 'pleasure' } }), 201);
  assert.equal(later.planned_for, '2026-12-02T18:00', 'kept as written');
  assert.equal(sooner.done, false);
  const list = expectStatus(await call('GET', '/api/v1/activities', { token }), 200);
  assert.deepEqual(list.items.map((a) => a.title), ['Walk in the park', 'Call Gran'], 'in time order');
  const badMood = await call('PATCH', `/api/v1/activities/${sooner.id}`, { token, body: { mood_after: 11 } });
  assertError(badMood, 400, 'invalid_argument');
  assert.equal(badMood.json.error.field, 'mood_after');
  const done = expectStatus(await call('PATCH', `/api/v1/activities/${sooner.id}`,
    { token, body: { done: true, mood_before: 3, mood_after: 6 } }), 200);
  assert.deepEqual([done.done, done.mood_before, done.mood_after, done.title], [true, 3, 6, 'Walk in the park']);
  expectStatus(await call('DELETE', `/api/v1/activities/${later.id}`, { token }), 204);
  assert.equal(expectStatus(await call('GET', '/api/v1/activities', { token }), 200).items.length, 1);
  const other = await person();
  assertError(await call('PATCH', `/api/v1/activities/${sooner.id}`, { token: other, body: { done: false } }), 404, 'not_found');
});

test('the thought-record helper names thinking traps and keeps nothing', async () => {
  const token = await person();
  const found = expectStatus(await call('POST', '/api/v1/analysis/distortions',
    { token, body: { text: 'I always mess everything up.' } }), 200);
  const types = found.distortions.map((d) => d.type);
  assert.ok(types.includes('overgeneralization') || types.includes('all_or_nothing'), types.join());
  const d = found.distortions[0];
  assert.equal('I always mess everything up.'.slice(d.evidence.start, d.evidence.end), d.evidence.text);
  const plain = expectStatus(await call('POST', '/api/v1/analysis/distortions',
    { token, body: { text: 'I bought milk on the way home.' } }), 200);
  assert.deepEqual(plain.distortions, []);
  assertError(await call('POST', '/api/v1/analysis/distortions', { token, body: {} }), 400, 'invalid_argument');
  const entries = expectStatus(await call('GET', '/api/v1/entries', { token }), 200);
  assert.equal(entries.entries.length, 0, 'nothing stored');
});

test('the export carries conversations, exercise answers and activities', async () => {
  const token = await person();
  expectStatus(await call('POST', '/api/v1/conversations', { token, body: {} }), 201);
  expectStatus(await call('POST', '/api/v1/activities', { token, body: { title: 'Swim', planned_for: '2026-12-03' } }), 201);
  const exp = expectStatus(await call('GET', '/api/v1/me/export', { token }), 200);
  assert.equal(exp.conversations.length, 1);
  assert.equal(exp.activities[0].title, 'Swim');
  assert.deepEqual(exp.exercise_answers, []);
  assert.equal(exp.unreadable_items, 0);
});
