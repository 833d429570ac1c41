// The safety layer in the browser: a risky entry or check-in note brings up the safety card
// (crisis numbers for the person's country, focus moved into it, announced), the entry is
// still saved; an idiom does not; the safety plan is one keyboard step from every page and
// keeps what was saved; the screener follows its skip rule and shows the right card; the
// help page lists the server's resources; and axe finds nothing on the new screens.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';

const skip = skipReason();

const HIGH = "I have the pills counted out and I'm going to take them tonight";
const IDIOM = 'this exam is killing me lol';
const CARD = '[data-testid="safety-card"]';

/** Signs up anonymously and sets the person's country; lands on /today. */
async function personIn(app, country, contextOptions = {}) {
  const { context, page } = await app.page(contextOptions);
  await startAnonymously(page, app.srv.url);
  if (country) assert.equal((await callApi(page, app.srv.url, 'PATCH', '/me', { country })).status, 200);
  return { context, page };
}

/** Writes an entry in the full editor and saves it; waits for the save to finish. */
async function writeEntry(page, baseUrl, text) {
  await visit(page, baseUrl, '/journal/new');
  await page.getByLabel('Your entry').fill(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/journal\/(?!new)[^/]+$/);
  await page.getByText('Saved.', { exact: true }).waitFor();
}

/** True when the focused element is the card or inside it. */
const focusInCard = (page) => page.evaluate((sel) => !!document.activeElement?.closest(sel), CARD);

describe('safety card after writing', { skip }, () => {
  const app = useApp();

  test('a high-risk entry (US): crisis card first, focused, announced; the entry is saved', async () => {
    const { context, page } = await personIn(app, 'US');
    const { errors } = watchConsole(page);
    await writeEntry(page, app.srv.url, HIGH);
    const card = page.locator(CARD);
    await card.waitFor();
    // Emergency number and the 988 line, as one-tap links.
    assert.equal(await card.locator('a[href="tel:911"]').count(), 1, 'call 911');
    assert.ok((await card.locator('a[href="tel:988"]').count()) >= 1, 'call 988');
    assert.ok((await card.locator('a[href^="sms:988"]').count()) >= 1, 'text 988');
    assert.equal(await card.locator('a[href="sms:741741?&body=HOME"]').count(), 1, 'text HOME to 741741');
    assert.match(await card.textContent(), /911/);
    assert.match(await card.textContent(), /988/);
    // The emergency number comes before the server's message; the safety plan is offered.
    const html = await card.innerHTML();
    assert.ok(html.indexOf('tel:911') < html.indexOf('class="lead"'), 'emergency number first');
    assert.equal(await card.getByRole('link', { name: 'Open my safety plan' }).count(), 1);
    // No clinical codes shown to the person.
    assert.doesNotMatch(await card.textContent(), /suicidal_ideation|preparatory|SAFE-\d|intent\b/);
    // Focus moved to the card, which sits in a live region (or is an alert).
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), CARD);
    assert.ok(await focusInCard(page));
    assert.ok(await card.evaluate((el) => !!el.closest('[role="alert"], [aria-live]')), 'announced');
    // The entry is in the journal.
    await visit(page, app.srv.url, '/journal');
    await page.getByText(HIGH.slice(0, 40)).first().waitFor(); // untitled entries show their first words
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a high-risk quick write (GB): 999, Samaritans 116 123 and Shout 85258', async () => {
    const { context, page } = await personIn(app, 'GB');
    await page.getByLabel('What is on your mind?').fill(HIGH);
    await page.getByRole('button', { name: 'Save to journal' }).click();
    const card = page.locator(CARD);
    await card.waitFor();
    const text = await card.textContent();
    for (const n of ['999', '116 123', '85258']) assert.ok(text.includes(n), `shows ${n}`);
    assert.equal(await card.locator('a[href="tel:999"]').count(), 1);
    assert.ok((await card.locator('a[href="tel:116123"]').count()) >= 1);
    assert.equal(await card.locator('a[href="sms:85258?&body=SHOUT"]').count(), 1);
    assert.doesNotMatch(text, /\b911\b|\b988\b/, 'no US numbers for a person in the UK');
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), CARD);
    await page.getByText('Saved to your journal.').waitFor();
    await visit(page, app.srv.url, '/journal');
    await page.getByText(HIGH.slice(0, 40)).first().waitFor(); // untitled entries show their first words
    await context.close();
  });

  test('a check-in note with risk shows the card too', async () => {
    const { context, page } = await personIn(app, 'US');
    await page.getByRole('radio', { name: 'Very unpleasant', exact: true }).check();
    await page.getByRole('radio', { name: 'Very low', exact: true }).check();
    await page.getByText('Add sleep or a note (optional)').click();
    await page.getByLabel('Anything to add? (optional)').fill(HIGH);
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved.').waitFor();
    const card = page.locator(CARD);
    await card.waitFor();
    assert.equal(await card.locator('a[href="tel:911"]').count(), 1);
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), CARD);
    await context.close();
  });

  test('an idiom ("this exam is killing me lol") shows no card', async () => {
    const { context, page } = await personIn(app, 'US');
    await writeEntry(page, app.srv.url, IDIOM);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator(CARD).count(), 0);
    // Quick write too.
    await visit(page, app.srv.url, '/today');
    await page.getByLabel('What is on your mind?').fill(IDIOM);
    await page.getByRole('button', { name: 'Save to journal' }).click();
    await page.getByText('Saved to your journal.').waitFor();
    assert.equal(await page.locator(CARD).count(), 0);
    await context.close();
  });
});

describe('safety plan', { skip }, () => {
  const app = useApp();

  test('one keyboard step from every main page; saving and reloading keeps it', async () => {
    const { context, page } = await personIn(app, 'US');
    for (const path of ['/today', '/journal', '/journal/new', '/mood', '/settings', '/help', '/screener']) {
      await visit(page, app.srv.url, path);
      let reached = false;
      // Skip link, the helpline link, then the safety plan: early in the tab order.
      for (let i = 0; i < 4 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.textContent === 'My safety plan');
      }
      assert.ok(reached, `${path}: "My safety plan" within 4 Tab presses`);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/safety-plan');
      await settle(page);
      assert.equal(await page.locator('main h1').textContent(), 'My safety plan');
    }
    // The help link is just as close.
    await visit(page, app.srv.url, '/mood');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'In crisis? Find a helpline');

    await visit(page, app.srv.url, '/safety-plan');
    for (const title of ['Warning signs', 'Things I can do on my own', 'People and places that take my mind off things', 'People I can ask for help', 'Professionals and services I can contact', 'Making where I am safer', 'My reasons for living']) {
      await page.getByRole('heading', { name: title }).waitFor();
    }
    await page.getByRole('textbox', { name: 'Warning sign 1' }).fill('Not sleeping, staying in my room');
    await page.getByRole('button', { name: 'Add a warning sign' }).click();
    // Focus moves to the new line.
    await page.waitForFunction(() => document.activeElement?.id === 'plan-warning_signs-1');
    await page.keyboard.type('Skipping meals');
    await page.getByRole('textbox', { name: 'Person 1' }).fill('My sister, 555 0100');
    await page.getByRole('textbox', { name: 'Reason 1' }).fill('My dog');
    await page.getByRole('button', { name: 'Add a reason' }).click();
    await page.getByRole('textbox', { name: 'Reason 2' }).fill('to remove');
    await page.getByRole('button', { name: 'Remove Reason 2' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Reason 2' }).count(), 0);
    await page.getByRole('button', { name: 'Save my plan' }).click();
    await page.getByText('Your safety plan is saved.').waitFor();

    await page.reload();
    await settle(page);
    await page.getByRole('textbox', { name: 'Warning sign 1' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Warning sign 1' }).inputValue(), 'Not sleeping, staying in my room');
    assert.equal(await page.getByRole('textbox', { name: 'Warning sign 2' }).inputValue(), 'Skipping meals');
    assert.equal(await page.getByRole('textbox', { name: 'Person 1' }).inputValue(), 'My sister, 555 0100');
    assert.equal(await page.getByRole('textbox', { name: 'Reason 1' }).inputValue(), 'My dog');
    assert.equal(await page.getByRole('textbox', { name: 'Reason 2' }).count(), 0);
    const api = await callApi(page, app.srv.url, 'GET', '/safety-plan');
    assert.deepEqual(api.body.plan.steps.warning_signs, ['Not sleeping, staying in my room', 'Skipping meals']);
    assert.deepEqual(api.body.plan.reasons_for_living, ['My dog']);
    assert.match(await page.getByText(/If you link Interlude with a clinician/).textContent(), /share this plan/);

    // Printing shows only the plan.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.plan-print').isVisible(), true);
    assert.equal(await page.locator('.plan-edit').isVisible(), false);
    assert.equal(await page.locator('.crisis-bar').isVisible(), false);
    assert.match(await page.locator('.plan-print').textContent(), /Skipping meals/);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });
});

describe('screener', { skip }, () => {
  const app = useApp();

  /** Answers the question on screen; returns its text. */
  async function answer(page, yes) {
    const q = (await page.locator('.screener-q h2').textContent()).trim();
    await page.locator('.screener-q').getByRole('button', { name: yes ? 'Yes' : 'No', exact: true }).click();
    return q;
  }

  test('yes to q2 and q4 gives the high card; the skip rule and Back work', async () => {
    const { context, page } = await personIn(app, 'US');
    const { questions } = (await callApi(page, app.srv.url, 'GET', '/safety/screener')).body;
    const text = Object.fromEntries(questions.map((q) => [q.id, q.text]));
    await visit(page, app.srv.url, '/screener');
    assert.match(await page.locator('main').textContent(), /not a diagnosis/);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(() => document.activeElement?.closest('.screener-q'));

    const asked = [];
    asked.push(await answer(page, true)); // q1
    // Back returns to q1 with its answer undone.
    await page.getByRole('button', { name: 'Back' }).click();
    assert.equal((await page.locator('.screener-q h2').textContent()).trim(), text.q1);
    asked.length = 0;
    asked.push(await answer(page, false)); // q1
    asked.push(await answer(page, true)); // q2
    asked.push(await answer(page, false)); // q3
    asked.push(await answer(page, true)); // q4
    asked.push(await answer(page, false)); // q5
    asked.push(await answer(page, false)); // q6
    assert.deepEqual(asked, [text.q1, text.q2, text.q3, text.q4, text.q5, text.q6]);
    const card = page.locator(CARD);
    await card.waitFor();
    assert.match(await card.locator('h2').textContent(), /Help is here, right now/);
    assert.equal(await card.locator('a[href="tel:911"]').count(), 1);
    assert.equal(await card.getByRole('link', { name: 'Open my safety plan' }).count(), 1);
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), CARD);
    const { body } = await callApi(page, app.srv.url, 'GET', '/screenings');
    assert.equal(body.screenings[0].tier, 'high');
    assert.deepEqual(body.screenings[0].answers, { q1: false, q2: true, q3: false, q4: true, q5: false, q6: false });
    await context.close();
  });

  test('no to q2 skips q3-q5; all no gives the thank-you line and the safety plan', async () => {
    const { context, page } = await personIn(app, 'US');
    const { questions } = (await callApi(page, app.srv.url, 'GET', '/safety/screener')).body;
    const text = Object.fromEntries(questions.map((q) => [q.id, q.text]));
    await visit(page, app.srv.url, '/screener');
    await page.getByRole('button', { name: 'Start' }).click();
    const asked = [await answer(page, false), await answer(page, false), await answer(page, false)];
    assert.deepEqual(asked, [text.q1, text.q2, text.q6]);
    await page.getByText('Thank you for taking the time to answer.', { exact: false }).waitFor();
    assert.equal(await page.locator(CARD).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Open my safety plan' }).count(), 1);
    await context.close();
  });
});

describe('help page uses the server list', { skip }, () => {
  const app = useApp();

  test("the person's country, and any other chosen on the page", async () => {
    const { context, page } = await personIn(app, 'GB');
    await visit(page, app.srv.url, '/help');
    await page.locator('a[href="tel:116123"]').first().waitFor();
    assert.equal(await page.locator('.emergency a[href="tel:999"]').count(), 1);
    assert.equal(await page.getByLabel('Show helplines for').inputValue(), 'GB');
    await page.getByLabel('Show helplines for').selectOption('US');
    await page.locator('a[href="tel:988"]').first().waitFor();
    assert.equal(await page.locator('.emergency a[href="tel:911"]').count(), 1);
    assert.equal(await page.locator('a[href="sms:741741?&body=HOME"]').count(), 1);
    // Offline: the list kept from before is still shown.
    await page.route('**/api/v1/safety/resources**', (route) => route.abort());
    await page.getByLabel('Show helplines for').selectOption('GB');
    await page.getByText('the one saved on this device').waitFor();
    assert.equal(await page.locator('.emergency a[href="tel:999"]').count(), 1);
    // Never fetched and offline: the built-in numbers.
    await page.getByLabel('Show helplines for').selectOption('AU');
    await page.getByText('these are the main numbers we know of').waitFor();
    assert.ok((await page.locator('a[href="tel:000"]').count()) >= 1);
    await context.close();
  });
});

describe('axe on the safety screens', { skip }, () => {
  const app = useApp();
  let state;
  before(async () => {
    const { context, page } = await personIn(app, 'US');
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
      const { context, page } = await app.page({ colorScheme: mode.colorScheme, viewport: mode.viewport, storageState: state });
      const url = app.srv.url;
      await visit(page, url, '/safety-plan');
      await page.getByRole('textbox', { name: 'Warning sign 1' }).waitFor();
      await axeClean(page, `/safety-plan (${mode.name})`);
      await visit(page, url, '/screener');
      await axeClean(page, `/screener intro (${mode.name})`);
      await page.getByRole('button', { name: 'Start' }).click();
      await page.locator('.screener-q h2').waitFor();
      await axeClean(page, `/screener question (${mode.name})`);
      await writeEntry(page, url, HIGH);
      await page.locator(CARD).waitFor();
      await axeClean(page, `editor with the safety card (${mode.name})`);
      await visit(page, url, '/today');
      await page.getByLabel('What is on your mind?').fill(HIGH);
      await page.getByRole('button', { name: 'Save to journal' }).click();
      await page.locator(CARD).waitFor();
      await axeClean(page, `today with the safety card (${mode.name})`);
      await visit(page, url, '/help');
      await page.locator('a[href="tel:988"]').first().waitFor();
      await axeClean(page, `/help from the server (${mode.name})`);
      await context.close();
    });
  }
});
