// Offline: an entry written without a connection (or with the server down) is kept on
// the device, shown as "Not sent yet", and sent once the connection is back. The app
// shell also opens offline from the service worker cache.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startTestServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { settle, skipReason, startAnonymously } from '../support/app.mjs';

const skip = skipReason();
const NOT_SENT = 'Not sent yet — saved on this device, will retry.';

async function drafts(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]'));
}

describe('offline writing', { skip }, () => {
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

  test('browser offline: kept, shown as not sent, sent when online', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startAnonymously(page, srv.url);
    // Let the service worker take control so the shell can open offline.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await settle(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'service worker controls the page');

    await page.goto(`${srv.url}/journal/new`);
    await settle(page);
    await context.setOffline(true);
    const words = `Written on the night bus ${Date.now()}`;
    await page.getByLabel('Your entry').fill(words);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: NOT_SENT }).first().waitFor();
    const kept = await drafts(page);
    assert.equal(kept.length, 1);
    assert.equal(kept[0].text, words);
    assert.equal(kept[0].queued, true);

    // The shell opens offline, and the journal shows the draft as not sent.
    await page.goto(`${srv.url}/journal`);
    await page.locator('main h1').waitFor();
    await page.getByText('Not sent yet', { exact: true }).waitFor();
    await page.getByText(NOT_SENT).first().waitFor();

    // Back online: it is sent, leaves the device, and appears in the list.
    await context.setOffline(false);
    await page.locator('.entry:not(.pending-entry)').filter({ hasText: words }).waitFor({ timeout: 15000 });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]').length === 0);
    assert.equal(await page.getByText(NOT_SENT).count(), 0);

    // And the server has it.
    await page.reload();
    await settle(page);
    await page.locator('.entry').filter({ hasText: words }).waitFor();
    await context.close();
  });

  test('server down: kept, then sent on the next app open', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startAnonymously(page, srv.url);
    await page.goto(`${srv.url}/journal/new`);
    await settle(page);

    const port = new URL(srv.url).port;
    const dataDir = srv.dataDir;
    await srv.kill('SIGTERM');
    const words = `Could not sleep, wrote this instead ${Date.now()}`;
    await page.getByLabel('Your entry').fill(words);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: NOT_SENT }).first().waitFor();
    assert.equal((await drafts(page))[0]?.text, words);

    // The server comes back on the same address; the next app open sends the draft.
    const again = await startServer({ dataDir, listen: `127.0.0.1:${port}` });
    const oldStop = srv.stop;
    srv = { ...again, stop: async () => { await again.stop(); await oldStop(); } };
    await page.goto(`${srv.url}/journal`);
    await settle(page);
    await page.locator('.entry:not(.pending-entry)').filter({ hasText: words }).waitFor({ timeout: 15000 });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]').length === 0);
    await context.close();
  });
});
