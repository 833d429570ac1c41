// End-to-end flow in a real browser against the real server: start anonymously, save the
// recovery code, check in, write, reload, export, delete the account, and fail to sign in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startTestServer } from '../support/server.mjs';
import { launchBrowser, watchConsole } from '../support/browser.mjs';
import { settle, skipReason } from '../support/app.mjs';

const skip = skipReason();

describe('anonymous journey', { skip }, () => {
  let srv;
  let browser;
  before(async () => {
    srv = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  test('start, check in, write, export, delete, sign-in fails', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const { errors } = watchConsole(page);

    // Welcome page says what Interlude is and is not, and links to help.
    await page.goto(`${srv.url}/`);
    await settle(page);
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
    await page.getByLabel('I have saved my handle and recovery code somewhere safe').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/today');
    await settle(page);

    // Mood check-in.
    await page.getByRole('radio', { name: /A bit pleasant/ }).check();
    await page.getByRole('radio', { name: /Medium/ }).check();
    const firstChip = page.locator('.emotion-groups .chip input').first();
    if (await firstChip.count()) await firstChip.check();
    await page.getByLabel('Your own tags, separated by commas').fill('Walk, tea');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved.').waitFor();

    // Quick write.
    const words = `The river was quiet this morning ${Date.now()}`;
    await page.getByLabel('What is on your mind?').fill(words);
    await page.getByRole('button', { name: 'Save to journal' }).click();
    await page.getByText('Saved to your journal.').waitFor();

    // Reload: the entry is in the journal.
    await page.reload();
    await settle(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await settle(page);
    await page.getByText(words).first().waitFor();

    // Mood page lists the check-in.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mood' }).click();
    await settle(page);
    await page.getByText('Feeling: A bit pleasant').first().waitFor();

    // Export downloads JSON containing the entry.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await settle(page);
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
    await page.goto(`${srv.url}/signin`);
    await settle(page);
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

  test('editor: structured entry, edit, delete with confirmation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { startAnonymously } = await import('../support/app.mjs');
    await startAnonymously(page, srv.url);
    await page.goto(`${srv.url}/journal/new`);
    await settle(page);
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

  test('journal pages with "Load more"', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { startAnonymously } = await import('../support/app.mjs');
    await startAnonymously(page, srv.url);
    // 23 entries through the API with the page's own session.
    for (let i = 1; i <= 23; i++) {
      const res = await page.request.post(`${srv.url}/api/v1/entries`, {
        headers: { Origin: srv.url, 'Content-Type': 'application/json' },
        data: { text: `Entry number ${i}`, kind: 'free', fields: {} },
      });
      assert.equal(res.status(), 201);
    }
    await page.goto(`${srv.url}/journal`);
    await settle(page);
    const items = page.locator('.entry');
    assert.equal(await items.count(), 20);
    await page.getByText('Entry number 23', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Entry number 1', { exact: true }).waitFor();
    assert.equal(await items.count(), 23);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    await context.close();
  });

  test('sign up shows the server error by its field', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${srv.url}/signup`);
    await settle(page);
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your password needs at least 10 characters.').waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), 'true');

    const email = `person${Date.now()}@example.org`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a calm green river at dawn');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/today');

    // The same e-mail again: 409, shown on the e-mail field.
    const other = await browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(`${srv.url}/signup`);
    await settle(p2);
    await p2.getByLabel('E-mail').fill(email);
    await p2.getByLabel('Password', { exact: true }).fill('another long passphrase here');
    await p2.getByRole('button', { name: 'Create account' }).click();
    await p2.locator('#su-email-error').waitFor();
    assert.equal(await p2.getByLabel('E-mail').getAttribute('aria-invalid'), 'true');
    await other.close();
    await context.close();
  });
});
