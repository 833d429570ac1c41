// Coping exercises in the browser: the library lists at least 25 and filters; suggestions
// come with reasons; cautions show before starting; the breathing guide runs (circle
// animated, "Breathe in" then "Breathe out", pause and resume) and with reduced motion has
// no animation at all, only words and a progress bar; grounding goes 5-4-3-2-1 with Back
// and Next; the thought record names a thinking trap while "I always mess everything up"
// is typed and saves a thought_record entry; "Did this help?" Yes is stored and the
// suggestions still load; the activity planner adds an activity and marks it done with
// moods; axe finds nothing on these pages (desktop, 360 px, dark).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, navTo, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';

const skip = skipReason();
const TRAPS = [
  'all_or_nothing',
  'overgeneralization',
  'mental_filter',
  'discounting_positive',
  'mind_reading',
  'fortune_telling',
  'catastrophizing',
  'magnification',
  'emotional_reasoning',
  'should_statements',
  'labeling',
  'personalization',
  'blaming',
];

async function personIn(app, contextOptions = {}) {
  const { context, page } = await app.page(contextOptions);
  const { errors } = watchConsole(page);
  await startAnonymously(page, app.srv.url);
  return { context, page, errors };
}

async function library(page, baseUrl) {
  const r = await callApi(page, baseUrl, 'GET', '/exercises');
  assert.equal(r.status, 200, 'GET /exercises');
  return r.body.items;
}

const firstOfKind = (items, kind) => {
  const e = items.find((x) => x.kind === kind);
  assert.ok(e, `an exercise of kind ${kind}`);
  return e;
};

/** Opens an exercise's page, checks the cautions come before Start, and starts it. */
async function startExercise(page, baseUrl, ex) {
  await visit(page, baseUrl, `/exercises/${encodeURIComponent(ex.id)}`);
  assert.equal((await page.locator('main h1').textContent()).trim(), ex.title);
  if (ex.cautions.length) {
    const cautions = page.getByTestId('cautions');
    await cautions.waitFor();
    const text = await cautions.textContent();
    for (const c of ex.cautions) assert.ok(text.includes(c), `caution shown: ${c}`);
    const before = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="cautions"]');
      const s = [...document.querySelectorAll('main button')].find((b) => b.textContent === 'Start');
      return !!(c && s && c.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(before, 'cautions come before Start');
  }
  await page.getByRole('button', { name: 'Start', exact: true }).click();
}

describe('exercises', { skip }, () => {
  const app = useApp();

  test('the library lists at least 25 exercises, filters by kind and word; suggestions have reasons', async () => {
    const { context, page, errors } = await personIn(app);
    const items = await library(page, app.srv.url);
    assert.ok(items.length >= 25, `at least 25 exercises (${items.length})`);
    await navTo(page, 'Exercises');
    const list = page.getByTestId('exercise-item');
    await list.first().waitFor();
    assert.equal(await list.count(), items.length, 'every exercise is listed');
    await page.getByText(`${items.length} exercises shown`).waitFor();

    await page.getByLabel('Kind of exercise').selectOption('breathing');
    const breathing = items.filter((e) => e.kind === 'breathing').length;
    assert.equal(await list.count(), breathing);
    assert.equal(await page.locator('[data-testid="exercise-item"]:not([data-kind="breathing"])').count(), 0);
    await page.getByLabel('Kind of exercise').selectOption('');
    await page.getByLabel('Search by word').fill('grounding');
    assert.ok((await list.count()) >= 1 && (await list.count()) < items.length);
    await page.getByLabel('Search by word').fill('zzzz no such thing');
    await page.getByText('No exercises match. Try another word or kind.').waitFor();
    await page.getByLabel('Search by word').fill('');

    const sugg = page.getByTestId('suggestion');
    await sugg.first().waitFor();
    assert.ok((await sugg.count()) >= 1);
    assert.ok((await sugg.first().locator('.reasons li').count()) >= 1, 'a suggestion says why');
    await axeClean(page, '/exercises');
    // Open one from the list.
    await sugg.first().getByRole('link').click();
    await settle(page);
    assert.match(new URL(page.url()).pathname, /^\/exercises\/[^/]+$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the breathing guide runs, pauses and resumes; "Finish now" asks whether it helped', async () => {
    const { context, page } = await personIn(app);
    const ex = firstOfKind(await library(page, app.srv.url), 'breathing');
    await startExercise(page, app.srv.url, ex);
    const guide = page.getByTestId('breathing');
    await page.waitForFunction(() => document.querySelector('[data-testid="breathing"]')?.getAttribute('data-state') === 'running');
    const circle = guide.getByTestId('breath-circle');
    const playState = () => circle.evaluate((el) => el.getAnimations().map((a) => a.playState).join());
    const scale = () => circle.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    assert.equal(await playState(), 'running', 'the circle is animated');
    const s1 = await scale();
    await page.waitForTimeout(1500);
    assert.ok((await scale()) > s1 + 0.05, 'the circle grows while breathing in');
    assert.equal((await guide.getByTestId('breath-word').textContent()).trim(), 'Breathe in');
    assert.equal(await guide.getByTestId('breath-word').getAttribute('aria-live'), 'polite');
    // About 4 s in, then out.
    await page.waitForFunction(() => document.querySelector('[data-testid="breath-word"]')?.textContent === 'Breathe out', null, { timeout: 6000 });
    assert.match(await guide.textContent(), /left/);
    // Pause: the circle and the countdown stop.
    const settled = (state) =>
      page.waitForFunction((st) => document.querySelector('[data-testid="breath-circle"]')?.getAnimations().map((a) => a.playState).join() === st, state, { timeout: 2000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await settled('paused');
    const frozen = await guide.getByTestId('breath-count').textContent();
    await page.waitForTimeout(1300);
    assert.equal(await guide.getByTestId('breath-count').textContent(), frozen, 'the countdown holds while paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await settled('running');
    await page.getByRole('button', { name: 'Finish now' }).click();
    await page.getByTestId('exercise-feedback').waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Did this help?');
    await context.close();
  });

  test('with reduced motion the breathing guide has no animation: words, countdown and a progress bar', async () => {
    const { context, page } = await personIn(app);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const ex = firstOfKind(await library(page, app.srv.url), 'breathing');
    await startExercise(page, app.srv.url, ex);
    const guide = page.getByTestId('breathing');
    await page.waitForFunction(() => document.querySelector('[data-testid="breathing"]')?.getAttribute('data-state') === 'running');
    assert.equal(await guide.getByTestId('breath-circle').count(), 0, 'no scaling circle');
    assert.equal((await guide.getByTestId('breath-word').textContent()).trim(), 'Breathe in');
    const bar = guide.getByTestId('breath-progress');
    await bar.waitFor();
    const v1 = Number(await bar.getAttribute('value'));
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="breath-progress"]')?.getAttribute('value')) > v, v1, { timeout: 3000 });
    const running = await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
    assert.equal(running, 0, 'no running animations on the page');
    await axeClean(page, 'breathing, reduced motion');
    await context.close();
  });

  test('grounding goes 5-4-3-2-1 with Back and Next; "Yes, it helped" is kept and suggestions still load', async () => {
    const { context, page } = await personIn(app);
    const ex = firstOfKind(await library(page, app.srv.url), 'grounding');
    await startExercise(page, app.srv.url, ex);
    const heading = () => page.locator('.grounding-step').textContent();
    const steps = ['5 things you can see', '4 things you can touch', '3 things you can hear', '2 things you can smell', '1 thing you can taste'];
    assert.equal(await heading(), steps[0]);
    await page.getByLabel('Write them here (optional)').fill('lamp, window, mug, book, plant');
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await heading(), steps[1]);
    await page.waitForFunction(() => document.activeElement?.classList.contains('grounding-step'), null, { timeout: 2000 });
    assert.equal(await page.getByTestId('grounding-progress').textContent(), 'Step 2 of 5');
    await page.getByRole('button', { name: 'Back' }).click();
    assert.equal(await heading(), steps[0]);
    assert.equal(await page.getByLabel('Write them here (optional)').inputValue(), 'lamp, window, mug, book, plant', 'kept on Back');
    for (let i = 1; i < 5; i++) {
      await page.getByRole('button', { name: 'Next' }).click();
      assert.equal(await heading(), steps[i]);
    }
    await axeClean(page, 'grounding');
    await page.getByRole('button', { name: 'Finish' }).click();
    const fb = page.getByTestId('exercise-feedback');
    await fb.waitFor();
    await fb.getByRole('button', { name: 'Yes', exact: true }).click();
    await page.getByText('Thank you. Interlude will keep this in mind').waitFor();
    const hist = await callApi(page, app.srv.url, 'GET', '/exercises/history');
    assert.equal(hist.status, 200);
    assert.ok(hist.body.items.some((h) => h.exercise_id === ex.id && h.helped === true), 'the answer is stored');
    await visit(page, app.srv.url, '/exercises');
    await page.getByTestId('suggestion').first().waitFor();
    assert.equal(await page.getByText('Suggestions could not be loaded').count(), 0);
    await context.close();
  });

  test('the thought record names a thinking trap while typing and saves a thought_record entry', async () => {
    const { context, page, errors } = await personIn(app);
    const ex = firstOfKind(await library(page, app.srv.url), 'thought_record');
    await startExercise(page, app.srv.url, ex);
    await page.getByLabel('Situation — what happened?').fill('I forgot to send the report my team needed this morning.');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('How strong is the feeling right now? (0–100, optional)').fill('80');
    await page.getByRole('button', { name: 'Next' }).click();
    const thought = page.getByLabel('The thought that came up');
    await thought.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    let asked = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/analysis/distortions')) asked++;
    });
    await thought.pressSequentially('I always mess everything up', { delay: 20 });
    const traps = page.getByTestId('traps');
    await traps.waitFor({ timeout: 5000 });
    assert.ok(asked >= 1 && asked <= 3, `debounced: ${asked} request(s) while typing`);
    const found = await traps.locator('li[data-trap]').evaluateAll((els) => els.map((e) => e.getAttribute('data-trap')));
    assert.ok(found.length >= 1 && found.every((x) => TRAPS.includes(x)), `named traps: ${found}`);
    assert.ok(found.some((x) => ['overgeneralization', 'all_or_nothing', 'labeling'].includes(x)), `"always ... everything" is a known trap: ${found}`);
    const line = await traps.locator('li').first().textContent();
    assert.match(line, / — \S/, 'each with a one-line explanation');
    assert.ok(await traps.evaluate((el) => !!el.closest('[aria-live]')), 'announced politely');
    await axeClean(page, 'thought record with traps');
    // Nothing of it was stored by the helper.
    assert.equal((await callApi(page, app.srv.url, 'GET', '/entries')).body.entries.length, 0);

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('What supports this thought?').fill('The report was late.');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('What does not fit with it?').fill('I sent the last ten on time, and my manager thanked me last week.');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('A more balanced thought').fill('I made one mistake this morning, and I usually get these things right.');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('How strong is the feeling now? (0–100, optional)').fill('45');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Your thought record' }).waitFor();
    await page.getByRole('button', { name: 'Save to my journal' }).click();
    await page.getByText('Saved to your journal as a thought record.').waitFor();
    const { body } = await callApi(page, app.srv.url, 'GET', '/entries');
    assert.equal(body.entries.length, 1);
    const e = body.entries[0];
    assert.equal(e.kind, 'thought_record');
    assert.equal(e.text, 'I made one mistake this morning, and I usually get these things right.');
    assert.equal(e.fields.automatic_thought, 'I always mess everything up');
    assert.equal(e.fields.situation, 'I forgot to send the report my team needed this morning.');
    assert.equal(e.fields.mood_before, 80);
    assert.equal(e.fields.mood_after, 45);
    await page.getByTestId('exercise-feedback').waitFor();
    await page.getByRole('link', { name: 'Open it in your journal' }).click();
    await page.waitForURL(/\/journal\/[^/]+$/);
    await settle(page);
    // The editor opens it as a thought record, with the fields filled in.
    await page.getByLabel('The thought that came up').waitFor();
    assert.equal(await page.getByLabel('Kind of entry').inputValue(), 'thought_record');
    assert.equal(await page.getByLabel('The thought that came up').inputValue(), 'I always mess everything up');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the activity planner adds an activity for this week and marks it done with moods', async () => {
    const { context, page } = await personIn(app);
    const ex = firstOfKind(await library(page, app.srv.url), 'activity_planner');
    await startExercise(page, app.srv.url, ex);
    await page.getByTestId('planner').waitFor();
    // A time later today keeps it in this week's plan whatever the weekday.
    const soon = new Date(Date.now() + 5 * 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    const local = `${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}T${pad(soon.getHours())}:${pad(soon.getMinutes())}`;
    await page.getByRole('button', { name: 'Add to my plan' }).click();
    await page.getByText('Write what you will do.').waitFor();
    await page.getByLabel('What will you do?').fill('A ten-minute walk in the park');
    await page.getByLabel('When', { exact: true }).fill(local);
    await page.getByLabel('Kind of activity').selectOption('pleasure');
    await page.getByRole('button', { name: 'Add to my plan' }).click();
    await page.getByText('Added “A ten-minute walk in the park” to your plan.').waitFor();
    const item = page.getByTestId('activity').filter({ hasText: 'A ten-minute walk in the park' });
    await item.waitFor();
    assert.equal(await item.getAttribute('data-done'), 'false');
    let api = await callApi(page, app.srv.url, 'GET', '/activities');
    assert.equal(api.body.items.length, 1);
    assert.equal(api.body.items[0].category, 'pleasure');
    assert.equal(Math.abs(Date.parse(api.body.items[0].planned_for) - Date.parse(new Date(local).toISOString())) < 60_000, true, 'planned for the chosen time');
    await axeClean(page, 'activity planner');

    await item.getByRole('button', { name: 'Mark “A ten-minute walk in the park” as done' }).click();
    await page.getByLabel('Mood before (0–10, optional)').fill('3');
    await page.getByLabel('Mood after (0–10, optional)').fill('6');
    await page.getByRole('button', { name: 'Save as done' }).click();
    await page.getByText('Marked “A ten-minute walk in the park” as done.').waitFor();
    assert.equal(await item.getAttribute('data-done'), 'true');
    assert.match(await item.textContent(), /Mood 3 → 6/);
    api = await callApi(page, app.srv.url, 'GET', '/activities');
    assert.deepEqual([api.body.items[0].done, api.body.items[0].mood_before, api.body.items[0].mood_after], [true, 3, 6]);
    // Kept across a reload.
    await page.reload();
    await settle(page);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByTestId('activity').filter({ hasText: 'A ten-minute walk in the park' }).waitFor();
    assert.equal(await page.getByTestId('activity').first().getAttribute('data-done'), 'true');
    await page.getByRole('button', { name: 'I am done planning' }).click();
    await page.getByTestId('exercise-feedback').waitFor();
    await context.close();
  });

  test('a steps exercise and the pages at 360 px and in dark mode pass axe', async () => {
    const { context, page } = await personIn(app, { viewport: { width: 360, height: 780 }, colorScheme: 'dark' });
    const items = await library(page, app.srv.url);
    const steps = firstOfKind(items, 'steps');
    await startExercise(page, app.srv.url, steps);
    const list = page.getByTestId('steps');
    await list.waitFor();
    assert.equal(await list.locator('ol > li').count(), steps.steps.length);
    await axeClean(page, 'steps (dark 360px)');
    await page.getByRole('button', { name: 'I have done this' }).click();
    await page.getByTestId('exercise-feedback').getByRole('button', { name: 'No', exact: true }).click();
    await page.getByText('Thank you for saying.').waitFor();
    await visit(page, app.srv.url, '/exercises');
    await page.getByTestId('exercise-item').first().waitFor();
    await axeClean(page, '/exercises (dark 360px)');
    const breathing = firstOfKind(items, 'breathing');
    await startExercise(page, app.srv.url, breathing);
    await page.getByTestId('breathing').waitFor();
    await axeClean(page, 'breathing (dark 360px)');
    // Signed out, the library is still there (it is public), without suggestions.
    const anon = await app.page();
    await visit(anon.page, app.srv.url, '/exercises');
    await anon.page.getByTestId('exercise-item').first().waitFor();
    assert.equal(await anon.page.getByTestId('suggestions').count(), 0);
    await axeClean(anon.page, '/exercises signed out');
    await anon.context.close();
    await context.close();
  });
});
