// Offline: an entry or a check-in made without a connection (or with the server down) is
// kept on the device, shown as "Not sent yet", and sent once the connection is back; a
// check-in whose answer was lost is not sent twice. The app shell also opens offline from
// the service worker cache.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { callApi, checkIn, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';

const skip = skipReason();
const NOT_SENT = 'Not sent yet — saved on this device, will retry.';

async function drafts(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]'));
}

async function queuedCheckins(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('interlude.checkins.v1') || '[]'));
}

describe('offline writing', { skip }, () => {
  const app = useApp();

  test('browser offline: kept, shown as not sent, sent when online', async () => {
    const { srv } = app;
    const { context, page } = await app.page();
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

  test('check-in offline: kept with its time, shown as not sent, sent once', async () => {
    const { srv } = app;
    const { context, page } = await app.page();
    await startAnonymously(page, srv.url);
    await context.setOffline(true);
    await checkIn(page, 'A bit unpleasant', 'Low');
    await page.getByText('Not sent yet — saved on this device. It will be sent when Interlude can be reached again.').waitFor();
    const [kept] = await queuedCheckins(page);
    assert.equal(kept.body.valence, 3);
    assert.ok(kept.body.at && Number.isInteger(kept.body.tz_offset_min), 'original time and offset kept');
    // Listed under "Earlier today" as not sent, and counted in the banner.
    await page.getByRole('region', { name: 'Earlier today' }).getByText('Not sent yet').waitFor();
    await page.getByText('1 check-in not sent yet').waitFor();

    // Back online: sent, with its original time, exactly once.
    await context.setOffline(false);
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('interlude.checkins.v1') || '[]').length === 0, null, { timeout: 15000 });
    const { body } = await callApi(page, srv.url, 'GET', '/checkins');
    assert.equal(body.checkins.length, 1);
    assert.equal(Date.parse(body.checkins[0].at), Date.parse(kept.body.at));
    assert.equal(body.checkins[0].tz_offset_min, kept.body.tz_offset_min);
    await page.getByRole('region', { name: 'Earlier today' }).getByText('Feeling: A bit unpleasant').waitFor();
    assert.equal(await page.getByText('Not sent yet', { exact: true }).count(), 0);
    await context.close();
  });

  test('check-in whose answer was lost is not sent twice', async () => {
    const { srv } = app;
    // Without the service worker, so the page's own requests can be intercepted.
    const { context, page } = await app.page({ serviceWorkers: 'block' });
    await startAnonymously(page, srv.url);
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/checkins') && posts++);
    // The first POST reaches the server, but its answer never comes back.
    await page.route('**/api/v1/checkins', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await checkIn(page, 'Pleasant', 'High');
    await page.getByText('Not sent yet — saved on this device.').first().waitFor();
    assert.equal((await queuedCheckins(page))[0]?.attempted, true);
    await page.unroute('**/api/v1/checkins');

    // The next app open looks before sending again, finds it stored, and lets it go.
    await visit(page, srv.url, '/today');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('interlude.checkins.v1') || '[]').length === 0, null, { timeout: 15000 });
    const { body } = await callApi(page, srv.url, 'GET', '/checkins');
    assert.equal(body.checkins.length, 1, 'stored once');
    assert.equal(posts, 1, 'not posted again');
    await context.close();
  });

  test('server down: kept, then sent on the next app open', async () => {
    let { srv } = app;
    const { context, page } = await app.page();
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
    srv = app.srv = { ...again, stop: async () => { await again.stop(); await oldStop(); } };
    await page.goto(`${srv.url}/journal`);
    await settle(page);
    await page.locator('.entry:not(.pending-entry)').filter({ hasText: words }).waitFor({ timeout: 15000 });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]').length === 0);
    await context.close();
  });
});
