// End-to-end flow in a real browser against the real server: start anonymously, save the
// recovery code, check in, write, reload, export, delete the account, and fail to sign in;
// plus the recovery-code safeguards, long writing, titles, greetings, help and sign-in throttling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { watchConsole } from '../support/browser.mjs';
import {
  callApi,
  checkIn,
  confirmCode,
  createAnonymous,
  navTo,
  settle,
  skipReason,
  startAnonymously,
  useApp,
  visit,
} from '../support/app.mjs';

const skip = skipReason();

describe('anonymous journey', { skip }, () => {
  const app = useApp();

  test('start, check in, write, export, delete, sign-in fails', async () => {
    const { context, page } = await app.page({ acceptDownloads: true });
    const srv = app.srv;
    const { errors } = watchConsole(page);

    // Welcome page says what Interlude is and is not, and links to help.
    await visit(page, srv.url, '/');
    await assert.doesNotReject(page.getByText('Not a therapist. It does not diagnose or treat anything.').waitFor());
    await assert.doesNotReject(page.getByRole('link', { name: 'In crisis? Find a helpline' }).first().waitFor());

    // Start anonymously; the code must be confirmed as saved before going on.
    await page.getByRole('link', { name: 'Start anonymously' }).click();
    await page.getByRole('button', { name: 'Create my private space' }).click();
    const handle = (await page.getByTestId('handle').textContent()).trim();
    const code = (await page.getByTestId('recovery-code').textContent()).trim();
    assert.ok(handle.length > 3, 'handle shown');
    assert.ok(code.length >= 8, 'recovery code shown');
    await assert.doesNotReject(page.getByText('it is shown only once').waitFor());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Please confirm that you have saved your recovery code first.').waitFor();
    await confirmCode(page);
    await page.waitForURL('**/today');
    await settle(page);

    // A first visit is not greeted with "back".
    await page.getByText(`Welcome, ${handle}.`).waitFor();
    assert.equal(await page.getByText('Welcome back').count(), 0);

    // Mood check-in: Save comes right after the two scales; words and tags are optional extras.
    await page.getByRole('radio', { name: /A bit pleasant/ }).check();
    await page.getByRole('radio', { name: /Medium/ }).check();
    await page.getByText('Add feelings and tags (optional)').click();
    const firstChip = page.locator('.emotion-groups .chip input').first();
    if (await firstChip.count()) await firstChip.check();
    await page.getByLabel('Your own tags, separated by commas').fill('Walk, tea');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved.').waitFor();
    // It is listed under "Earlier today".
    const earlier = page.getByRole('region', { name: 'Earlier today' });
    await earlier.getByText('Feeling: A bit pleasant').waitFor();

    // Quick write.
    const words = `The river was quiet this morning ${Date.now()}`;
    await page.getByLabel('What is on your mind?').fill(words);
    await page.getByRole('button', { name: 'Save to journal' }).click();
    await page.getByText('Saved to your journal.').waitFor();

    // Reload: the entry is in the journal, and now it is "Welcome back".
    await page.reload();
    await settle(page);
    await page.getByText(`Welcome back, ${handle}.`).waitFor();
    await navTo(page, 'Journal');
    await page.getByText(words).first().waitFor();

    // Mood page lists the check-in.
    await navTo(page, 'Mood');
    await page.getByText('Feeling: A bit pleasant').first().waitFor();

    // Export downloads JSON containing the entry.
    await navTo(page, 'Settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.ok(JSON.stringify(exported).includes(words), 'export contains the entry text');
    assert.ok(Array.isArray(exported.entries), 'export has entries');

    // Delete the account with a typed confirmation.
    await page.getByRole('button', { name: 'Delete my account forever' }).click();
    await page.getByText('Please type DELETE exactly to confirm.').waitFor();
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByLabel('Password or recovery code (if you have one)').fill(code);
    await page.getByRole('button', { name: 'Delete my account forever' }).click();
    await page.waitForURL(`${srv.url}/`);
    await page.getByText('Your account and everything in it has been deleted.').waitFor();

    // Signing in with the old handle and code fails, with the error shown.
    await visit(page, srv.url, '/signin');
    await page.getByLabel('E-mail or handle').fill(handle);
    await page.getByLabel('Password or recovery code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('.error-text:not(.empty)');
    await alert.waitFor();
    assert.ok((await alert.textContent()).trim().length > 0, 'an error message is shown');
    assert.match(page.url(), /\/signin/);
    assert.deepEqual(errors, [], 'no uncaught page errors');
    await context.close();
  });

  test('the recovery code cannot be lost before it is confirmed', async () => {
    const { context, page } = await app.page();
    const { code } = await createAnonymous(page, app.srv.url);

    // Reload: the same code is shown again.
    await page.reload();
    await settle(page);
    assert.equal((await page.getByTestId('recovery-code').textContent()).trim(), code);

    // Any signed-in page, or back to the welcome page, leads back to the code.
    for (const path of ['/today', '/journal', '/']) {
      await page.goto(`${app.srv.url}${path}`);
      await page.waitForURL('**/start');
      assert.equal((await page.getByTestId('recovery-code').textContent()).trim(), code, `from ${path}`);
    }
    // The helpline page stays reachable.
    await visit(page, app.srv.url, '/help');
    assert.match(page.url(), /\/help$/);

    await page.goto(`${app.srv.url}/start`);
    await confirmCode(page);
    await page.waitForURL('**/today');
    await settle(page);
    await page.reload();
    await settle(page);
    assert.match(page.url(), /\/today$/, 'once confirmed, the code screen is gone');
    assert.equal(await page.getByTestId('recovery-code').count(), 0);
    await context.close();
  });

  test('Settings makes a new recovery code, shown until confirmed', async () => {
    const { context, page } = await app.page();
    const { handle, code } = await startAnonymously(page, app.srv.url);
    await navTo(page, 'Settings');
    await page.getByRole('button', { name: 'Make a new recovery code' }).click();
    const shown = page.getByTestId('recovery-code');
    await shown.waitFor();
    const fresh = (await shown.textContent()).trim();
    assert.notEqual(fresh, code);
    // A reload keeps it on screen until it is confirmed.
    await page.reload();
    await settle(page);
    assert.equal((await page.getByTestId('recovery-code').textContent()).trim(), fresh);
    await confirmCode(page);
    await page.getByText('Your new recovery code is ready to use.').waitFor();

    // The new code signs in; the old one does not.
    assert.equal((await callApi(page, app.srv.url, 'POST', '/auth/login', { login: handle, password: code })).status, 401);
    assert.equal((await callApi(page, app.srv.url, 'POST', '/auth/login', { login: handle, password: fresh })).status, 200);
    await context.close();
  });

  test('long writing is counted, never cut, and blocked only while over the limit', async () => {
    const { context, page } = await app.page();
    await startAnonymously(page, app.srv.url);
    const box = page.getByLabel('What is on your mind?');
    assert.equal(await box.getAttribute('maxlength'), null, 'no hard maxlength');

    // 19,999 letters and one emoji: 20,000 code points (20,001 UTF-16 units).
    const ok = `${'a'.repeat(19_999)}😀`;
    await box.fill(`${ok}b`);
    await page.getByText('20,001 of 20,000 characters').waitFor();
    await page.getByText('This is longer than the 20,000-character limit').waitFor();
    let posted = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/entries') && posted++);
    await page.getByRole('button', { name: 'Save to journal' }).click();
    assert.equal((await box.inputValue()).length, 20_002, 'nothing was cut');
    assert.equal(posted, 0, 'not sent while over the limit');

    await box.fill(ok);
    await page.getByText('20,000 of 20,000 characters').waitFor();
    assert.equal(await page.getByText('This is longer than').count(), 0);
    await page.getByRole('button', { name: 'Save to journal' }).click();
    await page.getByText('Saved to your journal.').waitFor();
    const { body } = await callApi(page, app.srv.url, 'GET', '/entries?limit=1');
    assert.equal(body.entries[0].text, ok);

    // The editor has the same count and no maxlength.
    await visit(page, app.srv.url, '/journal/new');
    assert.equal(await page.getByLabel('Your entry').getAttribute('maxlength'), null);
    await page.getByLabel('Your entry').fill('x'.repeat(20_010));
    await page.getByText('20,010 of 20,000 characters').waitFor();
    await context.close();
  });

  test('untitled entries are named at a word boundary with an ellipsis', async () => {
    const { context, page } = await app.page();
    await startAnonymously(page, app.srv.url);
    const text = 'Some days the quiet feels heavy and other days it feels like rest, and today was both';
    assert.equal((await callApi(page, app.srv.url, 'POST', '/entries', { text, kind: 'free', fields: {} })).status, 201);
    await visit(page, app.srv.url, '/journal');
    const name = (await page.locator('.entry h3 a').first().textContent()).trim();
    assert.equal(name, 'Some days the quiet feels heavy and other days it feels like…');
    await context.close();
  });

  test('journal pages with "Load more"', async () => {
    const { context, page } = await app.page();
    await startAnonymously(page, app.srv.url);
    // 23 entries through the API with the page's own session.
    for (let i = 1; i <= 23; i++) {
      const res = await callApi(page, app.srv.url, 'POST', '/entries', { text: `Entry number ${i}`, kind: 'free', fields: {} });
      assert.equal(res.status, 201);
    }
    await visit(page, app.srv.url, '/journal');
    const items = page.locator('.entry');
    assert.equal(await items.count(), 20);
    await page.getByText('Entry number 23', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Entry number 1', { exact: true }).waitFor();
    assert.equal(await items.count(), 23);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    await context.close();
  });

  test('editor: structured entry, edit, delete with confirmation', async () => {
    const { context, page } = await app.page();
    await startAnonymously(page, app.srv.url);
    await visit(page, app.srv.url, '/journal/new');
    await page.getByLabel('Kind of entry').selectOption('thought_record');
    await page.getByLabel('Situation — what happened?').fill('A message went unanswered');
    await page.getByLabel('The thought that came up').fill('They must be upset with me');
    await page.getByLabel('Mood before (0–100, optional)').fill('30');
    await page.getByLabel('Title (optional)').fill('Unanswered');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.waitForURL(/\/journal\/(?!new)[^/]+$/);

    await page.reload();
    await settle(page);
    assert.equal(await page.getByLabel('Situation — what happened?').inputValue(), 'A message went unanswered');
    await page.getByLabel('A more balanced thought').fill('They may just be busy');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Delete entry' }).click();
    await page.getByText('Delete this entry? This cannot be undone.').waitFor();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.waitForURL('**/journal');
    await page.getByText('Entry deleted.').waitFor();
    assert.equal(await page.getByText('Unanswered').count(), 0);
    await context.close();
  });

  test('mood charts: two scales, a range choice, and breaks across gaps', async () => {
    const { context, page } = await app.page({ viewport: { width: 360, height: 780 } });
    await startAnonymously(page, app.srv.url);
    const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString();
    for (const [n, valence, energy] of [[40, 2, 2], [10, 3, 2], [9, 4, 3], [2, 5, 4], [0, 6, 4]]) {
      const r = await callApi(page, app.srv.url, 'POST', '/checkins', { at: daysAgo(n), valence, energy, emotions: [], tags: [], tz_offset_min: 0 });
      assert.equal(r.status, 201);
    }
    await visit(page, app.srv.url, '/mood');
    await page.locator('.chart-box canvas').nth(1).waitFor();
    assert.equal(await page.locator('.chart-box canvas').count(), 2, 'pleasantness and energy charts');
    await page.getByRole('img', { name: /daily average pleasantness/ }).waitFor();
    await page.getByRole('img', { name: /daily average energy/ }).waitFor();
    // Last 2 weeks: four check-ins listed; the one 40 days ago is not.
    assert.equal(await page.locator('.checkin-item').count(), 4);
    await page.getByRole('radio', { name: 'Last 3 months' }).check();
    await page.locator('.checkin-item').nth(4).waitFor();
    await page.getByRole('radio', { name: 'All', exact: true }).check();
    assert.equal(await page.locator('.checkin-item').count(), 5);
    // All: five days, with breaks in the line across the 30-day and 7-day gaps (not the 2-day one).
    await page.waitForFunction(() => document.querySelector('.chart-box')?.dataset.days === '5');
    assert.equal(await page.locator('.chart-box').first().getAttribute('data-breaks'), '2');
    // Readable at 360 px: the charts fit the screen.
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.chart-box canvas')].map((c) => c.getBoundingClientRect().right)));
    assert.ok(widest <= 360, `charts fit in 360 px (right edge ${widest})`);
    await context.close();
  });

  test('sign up: honest recovery copy, errors by field, greeted by e-mail name', async () => {
    const { context, page } = await app.page();
    await visit(page, app.srv.url, '/signup');
    await page.getByText('a forgotten password cannot be reset by e-mail yet').waitFor();
    assert.equal(await page.getByText('Use an e-mail address you can get to').count(), 0);
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your password needs at least 10 characters.').waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), 'true');

    const local = `person${Date.now()}`;
    const email = `${local}@example.org`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a calm green river at dawn');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/today');
    await settle(page);
    await page.getByText(`Welcome, ${local}.`).waitFor();
    // No recovery code for e-mail accounts.
    await navTo(page, 'Settings');
    assert.equal(await page.getByRole('button', { name: 'Make a new recovery code' }).count(), 0);

    // The same e-mail again: 409, shown on the e-mail field.
    const other = await app.page();
    const p2 = other.page;
    await visit(p2, app.srv.url, '/signup');
    await p2.getByLabel('E-mail').fill(email);
    await p2.getByLabel('Password', { exact: true }).fill('another long passphrase here');
    await p2.getByRole('button', { name: 'Create account' }).click();
    await p2.locator('#su-email-error').waitFor();
    assert.equal(await p2.getByLabel('E-mail').getAttribute('aria-invalid'), 'true');
    await other.context.close();
    await context.close();
  });

  test('help: tappable emergency numbers, own country first, findahelpline near the top', async () => {
    const { context, page } = await app.page();
    await visit(page, app.srv.url, '/help');
    // No country known: findahelpline.com is the first helpline; emergency numbers are links.
    assert.match(await page.locator('.helplines:not(.emergency) li').first().textContent(), /findahelpline\.com/);
    for (const n of ['911', '999', '112', '000']) {
      assert.ok((await page.locator(`.emergency a[href="tel:${n}"]`).count()) >= 1, `tel:${n}`);
    }

    await startAnonymously(page, app.srv.url);
    assert.equal((await callApi(page, app.srv.url, 'PATCH', '/me', { country: 'GB' })).status, 200);
    await visit(page, app.srv.url, '/help');
    // The server's list for the person's country (GET /safety/resources), findahelpline after it.
    await page.locator('.helplines.resources').first().waitFor();
    const firstEmergency = page.locator('.emergency li').first();
    assert.equal(await firstEmergency.locator('a[href="tel:999"]').count(), 1);
    const lines = page.locator('.helplines:not(.emergency) li');
    assert.match(await lines.first().textContent(), /Samaritans/);
    assert.match(await page.locator('.helplines:not(.emergency)').first().locator('xpath=..').textContent(), /findahelpline\.com/);
    await context.close();
  });
});

describe('throttled sign-in', { skip }, () => {
  const app = useApp();

  test('429 shows our own words, the wait, and the helpline link', async () => {
    const { context, page } = await app.page();
    await visit(page, app.srv.url, '/signin');
    await page.getByLabel('E-mail or handle').fill('no-such-person-1234');
    await page.getByLabel('Password or recovery code').fill('not the right one');
    const paused = page.getByText('Sign-in is paused for a little while');
    for (let i = 0; i < 8 && !(await paused.count()); i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await answered;
    }
    await paused.waitFor();
    assert.match(await paused.textContent(), /Please try again in \d+ (second|minute)s?\./);
    const help = page.locator('.notice').getByRole('link', { name: 'In crisis? Find a helpline' });
    assert.equal(await help.count(), 1);
    await context.close();
  });
});
