// Measurement-based care and insights in the browser: a PHQ-9 answered one question at a
// time with the keyboard at phone width (progress, Back, the band in words); a PHQ-9 with
// item 9 above 0 brings the crisis card and moves focus to it; a positive GAD-2 offers the
// GAD-7; the questionnaires page saves a schedule and lists past results, and Today shows
// the gentle reminder exactly when something is due; the insights page draws its charts
// with a reading and a table alternative for a person with a month of check-ins, and says
// "not enough data yet" for a new person; axe finds nothing on these pages (light, dark,
// 360 px). Dates are always relative to now: nothing asserts on the wall clock.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';

const skip = skipReason();
const CARD = '[data-testid="safety-card"]';
const PHONE = { viewport: { width: 360, height: 780 } };
const active = (page, expr) => page.evaluate(`(() => { const el = document.activeElement; return ${expr}; })()`);

async function personIn(app, country, contextOptions = {}) {
  const { context, page } = await app.page(contextOptions);
  await startAnonymously(page, app.srv.url);
  if (country) assert.equal((await callApi(page, app.srv.url, 'PATCH', '/me', { country })).status, 200);
  return { context, page };
}

async function instrument(page, baseUrl, id) {
  const r = await callApi(page, baseUrl, 'GET', '/instruments');
  assert.equal(r.status, 200, 'GET /instruments');
  const inst = r.body.instruments.find((i) => i.id === id);
  assert.ok(inst, `instrument ${id} listed`);
  return inst;
}

const bandOf = (inst, total) => inst.bands.find((b) => total >= b.min && total <= b.max);

/** Answers every question on screen by clicking the option with this value (per item). */
async function answerByClicks(page, inst, values, functional = 0) {
  for (let i = 0; i < inst.items.length; i++) {
    await page.locator('.care-question').filter({ hasText: inst.items[i].text }).waitFor();
    const label = inst.options.find((o) => o.value === values[i]).label;
    await page.getByRole('radio', { name: label, exact: true }).check();
    await page.getByRole('button', { name: i === inst.items.length - 1 && !needsFunctional(inst, values) ? 'See my result' : 'Next' }).click();
  }
  if (needsFunctional(inst, values)) {
    await page.getByText('One last question').waitFor();
    await page.getByRole('radio', { name: inst.functional_item.options.find((o) => o.value === functional).label, exact: true }).check();
    await page.getByRole('button', { name: 'See my result' }).click();
  }
  await page.getByTestId('care-result').waitFor();
}
const needsFunctional = (inst, values) => !!inst.functional_item && values.some((v) => v > 0);

/** About 30 days of check-ins, two a day, through the API with past times; "walk" on some
 * days (better mood), "work" on others. Returns how many were written. */
async function seedMonth(page, baseUrl) {
  const tz = -new Date().getTimezoneOffset();
  let n = 0;
  for (let d = 29; d >= 0; d--) {
    for (const hoursAgo of [2, 11]) {
      const at = new Date(Date.now() - d * 86400000 - hoursAgo * 3600000).toISOString();
      const walk = d % 3 === 0;
      const body = { at, tz_offset_min: tz, valence: walk ? 6 : 3 + (d % 2), energy: walk ? 4 : 2, emotions: [], tags: walk ? ['walk'] : ['work'] };
      const r = await callApi(page, baseUrl, 'POST', '/checkins', body);
      assert.equal(r.status, 201, `POST /checkins ${JSON.stringify(r.body)}`);
      n++;
    }
  }
  return n;
}

async function seedPhq9(page, baseUrl, answers) {
  const r = await callApi(page, baseUrl, 'POST', '/assessments', { instrument: 'phq9', answers });
  assert.equal(r.status, 201, `POST /assessments ${JSON.stringify(r.body)}`);
  return r.body.assessment;
}

describe('questionnaires', { skip }, () => {
  const app = useApp();

  test('a PHQ-9 one question at a time by keyboard at phone width, with Back, then the band', async () => {
    const { context, page } = await personIn(app, 'US', PHONE);
    const { errors } = watchConsole(page);
    const inst = await instrument(page, app.srv.url, 'phq9');
    assert.equal(inst.items.length, 9);
    await visit(page, app.srv.url, '/questionnaires/phq9');

    const question = () => page.locator('.care-question').textContent();
    /** Tab to the answers (the first option of an unanswered group), move down `down` times. */
    async function answerByKeys(down) {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        if (await active(page, "el?.type === 'radio'")) break;
      }
      assert.equal(await active(page, "el?.type"), 'radio', 'Tab reaches the answers');
      if (down === 0) await page.keyboard.press('Space');
      for (let k = 0; k < down; k++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      assert.match(await active(page, 'el?.textContent'), /^(Next|See my result)$/, 'Next comes right after the answers');
      await page.keyboard.press('Enter');
    }

    // Items 1-8: "Several days" (1); item 9: "Not at all" (0). Total 8.
    const answers = [1, 1, 1, 1, 1, 1, 1, 1, 0];
    for (let i = 0; i < 9; i++) {
      assert.equal((await page.getByTestId('care-progress').textContent()).trim(), `${i + 1} of 9`);
      assert.equal((await question()).trim(), inst.items[i].text);
      // One question at a time: a single group with the instrument's options.
      assert.equal(await page.locator('.care-step fieldset').count(), 1);
      assert.equal(await page.getByRole('radio').count(), inst.options.length);
      if (i === 0) assert.ok((await page.locator('main').textContent()).includes('two weeks'), 'the time frame is stated');
      await answerByKeys(answers[i]);
      if (i === 1) {
        // Back from question 3 to question 2: the answer is kept.
        await page.locator('.care-question').filter({ hasText: inst.items[2].text }).waitFor();
        await page.waitForFunction(() => document.activeElement?.classList.contains('care-question'));
        await page.getByRole('button', { name: 'Back' }).click();
        await page.locator('.care-question').filter({ hasText: inst.items[1].text }).waitFor();
        assert.equal(await page.getByRole('radio', { name: inst.options[1].label, exact: true }).isChecked(), true);
        await page.getByRole('button', { name: 'Next' }).click();
      }
      if (i < 8) {
        await page.locator('.care-question').filter({ hasText: inst.items[i + 1].text }).waitFor();
        // Focus follows to the new question.
        await page.waitForFunction(() => document.activeElement?.classList.contains('care-question'));
      }
    }
    // The functional question (not in the total) comes last, as answers were above 0.
    if (inst.functional_item) {
      await page.getByText('One last question').waitFor();
      await answerByKeys(0);
    }
    const result = page.getByTestId('care-result');
    await result.waitFor();
    const text = await result.textContent();
    assert.equal((await result.locator('.score-num').textContent()).trim(), '8');
    assert.match(text, /out of 27/);
    assert.ok(text.includes(bandOf(inst, 8).label), `band "${bandOf(inst, 8).label}" in words`);
    await page.waitForFunction(() => document.activeElement?.id === 'result-title');
    assert.equal(await page.locator(CARD).count(), 0, 'no crisis card when item 9 is 0');
    const saved = (await callApi(page, app.srv.url, 'GET', '/assessments?instrument=phq9')).body.assessments;
    assert.equal(saved.length, 1);
    assert.deepEqual(saved[0].answers, answers);
    assert.equal(saved[0].total, 8);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('item 9 above 0 brings the crisis card, focused, whatever the total', async () => {
    const { context, page } = await personIn(app, 'US', PHONE);
    const inst = await instrument(page, app.srv.url, 'phq9');
    await visit(page, app.srv.url, '/questionnaires/phq9');
    await answerByClicks(page, inst, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const card = page.locator(CARD);
    await card.waitFor();
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), CARD);
    assert.ok((await card.locator('a[href^="tel:"]').count()) >= 1, 'a line to call');
    assert.doesNotMatch(await card.textContent(), /SAFE-\d|item9|item_9/);
    // The low total is still shown, and item 9 is not hidden by it.
    assert.equal((await page.getByTestId('care-result').locator('.score-num').textContent()).trim(), '1');
    assert.match(await page.getByTestId('care-result').textContent(), /out of 27/);
    await context.close();
  });

  test('a positive GAD-2 offers the GAD-7', async () => {
    const { context, page } = await personIn(app, 'US');
    const gad2 = await instrument(page, app.srv.url, 'gad2');
    await visit(page, app.srv.url, '/questionnaires/gad2');
    await answerByClicks(page, gad2, [2, 2]);
    const offer = page.getByRole('link', { name: /GAD-7/ });
    await offer.waitFor();
    await offer.click();
    await page.waitForURL('**/questionnaires/gad7');
    await settle(page);
    const gad7 = await instrument(page, app.srv.url, 'gad7');
    assert.equal((await page.locator('.care-question').textContent()).trim(), gad7.items[0].text);
    assert.equal((await page.getByTestId('care-progress').textContent()).trim(), `1 of ${gad7.items.length}`);
    // A negative GAD-2 offers nothing more.
    await visit(page, app.srv.url, '/questionnaires/gad2');
    await answerByClicks(page, gad2, [0, 1]);
    assert.equal(await page.getByRole('link', { name: /Take the GAD-7/ }).count(), 0);
    await context.close();
  });

  test('the questionnaires page saves a schedule and lists results; Today reminds only when due', async () => {
    const { context, page } = await personIn(app, 'US');
    await seedPhq9(page, app.srv.url, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    await visit(page, app.srv.url, '/questionnaires');
    assert.equal(await page.getByTestId('history-item').count(), 1);
    // Turn everything off: nothing is due, and Today has no reminder.
    for (const s of (await callApi(page, app.srv.url, 'GET', '/assessments/schedule')).body.schedule) {
      const name = s.instrument.toUpperCase().replace(/(\d)/, '-$1'); // phq9 -> PHQ-9
      if (s.frequency === 'off') continue;
      await page.getByLabel(`How often: ${name}`).selectOption('off');
      await page.getByText(`Saved: ${name} schedule.`).waitFor();
    }
    const off = (await callApi(page, app.srv.url, 'GET', '/assessments/schedule')).body;
    assert.ok(off.schedule.every((s) => s.frequency === 'off'), JSON.stringify(off));
    await visit(page, app.srv.url, '/today');
    assert.equal(await page.getByTestId('care-reminder').count(), 0);
    // GAD-7 weekly and never answered: due, so Today shows the line and it leads there.
    await visit(page, app.srv.url, '/questionnaires');
    await page.getByLabel('How often: GAD-7').selectOption('weekly');
    await page.getByText('Saved: GAD-7 schedule.').waitFor();
    const weekly = (await callApi(page, app.srv.url, 'GET', '/assessments/schedule')).body.schedule.find((s) => s.instrument === 'gad7');
    assert.equal(weekly.frequency, 'weekly');
    if (weekly.state === 'due' || weekly.state === 'overdue') {
      await visit(page, app.srv.url, '/today');
      const line = page.getByTestId('care-reminder');
      await line.waitFor();
      assert.match(await line.textContent(), /A check-in questionnaire is due/);
      await line.getByRole('link').click();
      await page.waitForURL('**/questionnaires/gad7');
    }
    await context.close();
  });
});

describe('insights', { skip }, () => {
  const app = useApp();

  test('a month of check-ins: charts with readings and table alternatives', async () => {
    const { context, page } = await personIn(app, 'US');
    const { errors } = watchConsole(page);
    const n = await seedMonth(page, app.srv.url);
    await seedPhq9(page, app.srv.url, [2, 2, 2, 2, 2, 2, 2, 1, 0]);
    await seedPhq9(page, app.srv.url, [0, 1, 0, 1, 0, 0, 1, 0, 0]);
    await visit(page, app.srv.url, '/insights');
    assert.equal(await page.getByTestId('insights-empty').count(), 0);

    // Mood over time: a chart, its reading, and the same numbers as a table.
    const mood = page.getByTestId('insights-mood');
    await mood.getByTestId('chart-mood').locator('canvas').waitFor();
    assert.ok(Number(await mood.getByTestId('chart-mood').getAttribute('data-days')) >= 25);
    assert.ok((await mood.getByTestId('reading-trend').textContent()).trim().length > 10, 'trend reading');
    assert.ok((await mood.getByTestId('reading-variability').textContent()).trim().length > 10, 'variability reading');
    const moodTable = mood.getByTestId('table-mood');
    await moodTable.locator('summary').click();
    const rows = await moodTable.locator('tbody tr').count();
    assert.ok(rows >= 25 && rows <= 31, `a row per day with check-ins (${rows})`);
    // Every check-in in the range is counted (the oldest may fall just before it).
    const counted = (await moodTable.locator('tbody tr td:nth-child(5)').allTextContents()).reduce((a, b) => a + Number(b), 0);
    assert.ok(counted >= n - 4 && counted <= n, `${counted} of ${n} check-ins in the table`);

    // Weekday x time of day: numbers in the grid, and the table.
    const heat = page.getByTestId('insights-heatmap');
    assert.ok((await heat.locator('.heat-cell:not(.empty):not(.blank)').count()) > 0);
    await heat.getByTestId('table-heatmap').locator('summary').click();
    assert.equal(await heat.getByTestId('table-heatmap').locator('tbody tr').count(), 8, 'seven days and "All"');

    // Tags: "walk" goes with better mood, with the caveat.
    const tags = page.getByTestId('insights-tags');
    assert.ok((await tags.locator('.caveat').textContent()).trim().length > 10, 'association caveat');
    assert.match(await tags.textContent(), /walk/);
    await tags.getByTestId('table-tags').locator('summary').click();
    assert.ok((await tags.getByTestId('table-tags').locator('tbody tr').count()) >= 1);

    // PHQ-9 scores: a chart with bands, a reliable-change marker, and the table.
    const scores = page.getByTestId('scores-phq9');
    const chart = scores.getByTestId('chart-scores-phq9');
    await chart.locator('canvas').waitFor();
    assert.equal(await chart.getAttribute('data-points'), '2');
    assert.ok(Number(await chart.getAttribute('data-bands')) >= 4);
    assert.equal(await chart.getAttribute('data-reliable'), '1', 'the fall of 13 points is a reliable improvement');
    await scores.getByTestId('table-scores-phq9').locator('summary').click();
    assert.equal(await scores.getByTestId('table-scores-phq9').locator('tbody tr').count(), 2);

    // Another range redraws from the server.
    const reload = page.waitForResponse((r) => r.url().includes('/api/v1/insights?'));
    await page.getByRole('radio', { name: 'Last 90 days' }).check();
    await reload;
    await mood.getByTestId('chart-mood').locator('canvas').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a new person sees "not enough data yet"', async () => {
    const { context, page } = await personIn(app, 'US');
    await visit(page, app.srv.url, '/insights');
    const empty = page.getByTestId('insights-empty');
    await empty.waitFor();
    assert.match(await empty.textContent(), /Not enough data yet/);
    assert.equal(await page.locator('canvas').count(), 0);
    assert.equal(await empty.getByRole('link', { name: 'Check in on Today' }).count(), 1);
    // The main navigation leads here.
    await visit(page, app.srv.url, '/today');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await page.waitForURL('**/insights');
    await context.close();
  });
});

describe('axe on the care and insights pages', { skip }, () => {
  const app = useApp();
  let state;
  before(async () => {
    const { context, page } = await personIn(app, 'US');
    await seedMonth(page, app.srv.url);
    await seedPhq9(page, app.srv.url, [2, 2, 2, 2, 2, 2, 2, 1, 0]);
    await seedPhq9(page, app.srv.url, [0, 1, 0, 1, 0, 0, 1, 0, 0]);
    state = await context.storageState();
    await context.close();
  });

  for (const mode of [
    { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
    { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
    { name: 'light 360px', colorScheme: 'light', viewport: { width: 360, height: 780 } },
    { name: 'dark 360px', colorScheme: 'dark', viewport: { width: 360, height: 780 } },
  ]) {
    test(mode.name, async () => {
      const { context, page } = await app.page({ storageState: state, colorScheme: mode.colorScheme, viewport: mode.viewport });
      await visit(page, app.srv.url, '/questionnaires');
      await axeClean(page, `/questionnaires (${mode.name})`);
      await visit(page, app.srv.url, '/questionnaires/phq2');
      await axeClean(page, `/questionnaires/phq2 (${mode.name})`);
      const phq2 = await instrument(page, app.srv.url, 'phq2');
      await page.getByRole('radio', { name: phq2.options[3].label, exact: true }).check();
      await axeClean(page, `/questionnaires/phq2 answered (${mode.name})`);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('radio', { name: phq2.options[2].label, exact: true }).check();
      await page.getByRole('button', { name: 'See my result' }).click();
      await page.getByTestId('care-result').waitFor();
      // A positive PHQ-2 offers the PHQ-9.
      await page.getByRole('link', { name: /PHQ-9/ }).first().waitFor();
      await axeClean(page, `PHQ-2 result (${mode.name})`);
      await visit(page, app.srv.url, '/insights');
      await page.getByTestId('chart-mood').locator('canvas').waitFor();
      await page.getByTestId('chart-scores-phq9').locator('canvas').waitFor();
      for (const s of await page.locator('details.table-alt summary').all()) await s.click();
      await axeClean(page, `/insights (${mode.name})`);
      await context.close();
    });
  }
});
