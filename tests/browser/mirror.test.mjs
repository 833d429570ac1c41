// Reflections after writing, in the browser: a terse entry gets a short reflection in the
// writer's register (few words), a long formal paragraph a longer one without contractions;
// every sentence carries a known act and a question stands apart; the card says it is
// automated and links to the setting, which focuses the choice; "Just listen" brings no
// question or invitation; "Off" brings no reflection at all (editor, quick write, check-in
// note); a risky entry shows the safety card and no reflection competing with it; axe
// finds nothing on the card or the settings section. Wording is the server's: the tests
// assert on structure, acts and counts, never on exact sentences.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';

const skip = skipReason();
const ACTS = ['simple_reflection', 'complex_reflection', 'affirmation', 'question', 'invitation', 'summary', 'information'];
const CARD = '[data-testid="reflection"]';
const SAFETY = '[data-testid="safety-card"]';
const TERSE = 'Bad day. Fight with Sam.';
const FORMAL =
  'This afternoon I attended a meeting with my manager regarding the quarterly review, and I found it considerably more difficult than I had anticipated. ' +
  'Although I had prepared thoroughly, I was unable to express my concerns about the workload with the clarity I had intended, and I subsequently felt ' +
  'disappointed in myself for the remainder of the day. I would like to understand why these conversations continue to affect me so strongly, ' +
  'and I intend to approach the next one with greater composure.';
const HIGH = "I have the pills counted out and I'm going to take them tonight";
const CONTRACTION = /\b[A-Za-z]+['’](s|t|re|ve|ll|d|m)\b/i;

const words = (s) => s.trim().split(/\s+/).filter(Boolean).length;

async function personIn(app, contextOptions = {}) {
  const { context, page } = await app.page(contextOptions);
  const { errors } = watchConsole(page);
  await startAnonymously(page, app.srv.url);
  assert.equal((await callApi(page, app.srv.url, 'PATCH', '/me', { country: 'US' })).status, 200);
  return { context, page, errors };
}

/** Writes an entry in the full editor and saves it; waits until the save finished. */
async function writeEntry(page, baseUrl, text) {
  await visit(page, baseUrl, '/journal/new');
  await page.getByLabel('Your entry').fill(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/journal\/(?!new)[^/]+$/);
  await page.getByText('Saved.', { exact: true }).waitFor();
}

/** The reflection on screen: its visible text and the act of each sentence. */
async function readReflection(page) {
  const card = page.locator(CARD);
  await card.waitFor();
  const text = (await card.getByTestId('reflection-text').innerText()).replace(/\s+/g, ' ').trim();
  const acts = await card.locator('[data-act]').evaluateAll((els) => els.map((e) => e.getAttribute('data-act')));
  const visible = await card.getByTestId('reflection-text').isVisible();
  return { card, text, acts, visible };
}

describe('reflections after writing', { skip }, () => {
  const app = useApp();

  test('a terse entry gets a short reflection; a long formal one a longer one with no contractions', async () => {
    const { context, page, errors } = await personIn(app);
    const me = await callApi(page, app.srv.url, 'GET', '/me');
    assert.equal(me.body.reflections, 'on', 'reflections are on by default');

    await writeEntry(page, app.srv.url, TERSE);
    const terse = await readReflection(page);
    assert.ok(terse.visible, 'the reflection text is visible');
    assert.ok(terse.text.length > 0, 'the reflection says something');
    assert.ok(words(terse.text) <= 15, `a terse writer gets a terse reply (${words(terse.text)} words: "${terse.text}")`);
    assert.ok(terse.acts.length >= 1 && terse.acts.every((a) => ACTS.includes(a)), `known acts: ${terse.acts}`);
    assert.ok(terse.acts.filter((a) => a === 'question').length <= 1, 'at most one question');
    // Clearly automated, with the way to change it; below the saved form, not above the page.
    const cardText = await terse.card.textContent();
    assert.match(cardText, /automatically|not a person/i);
    assert.equal(await terse.card.getByRole('link', { name: 'Turn off / change' }).count(), 1);
    assert.ok(await terse.card.evaluate((el) => !!el.closest('[aria-live]')), 'announced politely');
    await axeClean(page, 'editor with a reflection');

    await writeEntry(page, app.srv.url, FORMAL);
    const formal = await readReflection(page);
    assert.notEqual(formal.text, terse.text, 'a new reflection for the new entry');
    assert.ok(words(formal.text) > words(terse.text), `a formal writer gets a longer reply (${words(formal.text)} vs ${words(terse.text)} words)`);
    assert.doesNotMatch(formal.text, CONTRACTION, `no contractions for a formal writer: "${formal.text}"`);
    assert.ok(formal.acts.every((a) => ACTS.includes(a)));
    // A question or invitation, when there is one, is set apart from the rest.
    for (const act of ['question', 'invitation']) {
      const n = await formal.card.locator(`[data-act="${act}"]`).count();
      if (n) assert.equal(await formal.card.locator(`.reflection-${act} [data-act="${act}"]`).count(), n, `${act} in its own block`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('quick write and a check-in note are reflected too', async () => {
    const { context, page } = await personIn(app);
    await page.getByLabel('What is on your mind?').fill('Long shift at work today and my feet hurt, but I finished the report.');
    await page.getByRole('button', { name: 'Save to journal' }).click();
    await page.getByText('Saved to your journal.').waitFor();
    const quick = await readReflection(page);
    assert.ok(quick.text.length > 0 && quick.acts.every((a) => ACTS.includes(a)));

    await visit(page, app.srv.url, '/today');
    assert.equal(await page.locator(CARD).count(), 0, 'nothing before writing');
    await page.getByRole('radio', { name: 'A bit unpleasant', exact: true }).check();
    await page.getByRole('radio', { name: 'Low', exact: true }).check();
    await page.getByText('Add sleep or a note (optional)').click();
    await page.getByLabel('Anything to add? (optional)').fill('Tired and a bit lonely tonight, missing my friends.');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved.').waitFor();
    const note = await readReflection(page);
    assert.ok(note.text.length > 0);
    // Without a note there is nothing to reflect.
    await page.getByRole('radio', { name: 'Neutral', exact: true }).check();
    await page.getByRole('radio', { name: 'Medium', exact: true }).check();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/checkins') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    const res = await answered;
    assert.equal(res.status(), 201);
    assert.equal((await res.json()).reflection ?? null, null, 'the server reflects nothing without a note');
    await page.waitForFunction(() => /^Check-in saved\./.test(document.querySelector('.checkin .status')?.textContent ?? ''));
    assert.equal(await page.locator(CARD).count(), 0, 'no reflection for a check-in without a note');
    await context.close();
  });

  test('the card leads to the setting; "Just listen" asks nothing; "Off" shows no reflection', async () => {
    const { context, page } = await personIn(app);
    await writeEntry(page, app.srv.url, 'I keep wondering whether I should leave my job, and I go round in circles about it.');
    const first = await readReflection(page);
    assert.ok(first.text.length > 0);

    // "Turn off / change" opens Settings at the choice, with focus there.
    await first.card.getByRole('link', { name: 'Turn off / change' }).click();
    await page.waitForURL('**/settings#reflections');
    await settle(page);
    await page.waitForFunction(() => document.activeElement?.id === 'reflections');
    const group = page.getByRole('group', { name: 'Reflections after I write' });
    for (const name of ['On', 'Just listen', 'Help me think', 'Off']) assert.equal(await group.getByRole('radio', { name, exact: true }).count(), 1, name);
    assert.equal(await group.getByRole('radio', { name: 'On', exact: true }).isChecked(), true);
    await axeClean(page, 'settings with the reflections choice');

    await group.getByRole('radio', { name: 'Just listen', exact: true }).check();
    await page.getByRole('button', { name: 'Save reflections choice' }).click();
    await page.getByText(/Saved\. Reflections: Just listen\./).waitFor();
    assert.equal((await callApi(page, app.srv.url, 'GET', '/me')).body.reflections, 'just_listen');
    for (const text of ['I keep wondering whether I should leave my job. I always think everyone at work is judging me.', 'Bad day. Fight with Sam.']) {
      await writeEntry(page, app.srv.url, text);
      const r = await readReflection(page);
      assert.ok(r.text.length > 0, 'still reflected');
      assert.ok(!r.acts.includes('question') && !r.acts.includes('invitation'), `just listen: no question or invitation (${r.acts})`);
    }

    await visit(page, app.srv.url, '/settings');
    await page.getByRole('group', { name: 'Reflections after I write' }).getByRole('radio', { name: 'Off', exact: true }).check();
    await page.getByRole('button', { name: 'Save reflections choice' }).click();
    await page.getByText(/Saved\. Reflections: Off\./).waitFor();
    assert.equal((await callApi(page, app.srv.url, 'GET', '/me')).body.reflections, 'off');
    // The choice is kept across a reload.
    await page.reload();
    await settle(page);
    assert.equal(await page.getByRole('radio', { name: 'Off', exact: true }).isChecked(), true);

    await writeEntry(page, app.srv.url, TERSE);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator(CARD).count(), 0, 'no reflection in the editor when off');
    await visit(page, app.srv.url, '/today');
    await page.getByLabel('What is on your mind?').fill('Another long day, but I made it through.');
    await page.getByRole('button', { name: 'Save to journal' }).click();
    await page.getByText('Saved to your journal.').waitFor();
    assert.equal(await page.locator(CARD).count(), 0, 'no reflection after a quick write when off');
    // The server agrees: the write carries no reflection.
    const r = await callApi(page, app.srv.url, 'POST', '/entries', { text: TERSE, kind: 'free', fields: {} });
    assert.equal(r.status, 201);
    assert.equal(r.body.reflection ?? null, null);
    await context.close();
  });

  test('a risky entry shows the safety card, focused, and no reflection competing with it', async () => {
    const { context, page } = await personIn(app);
    await writeEntry(page, app.srv.url, HIGH);
    await page.locator(SAFETY).waitFor();
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), SAFETY);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator(CARD).count(), 0, 'no reflection card beside a high-tier safety card');
    await context.close();
  });
});
