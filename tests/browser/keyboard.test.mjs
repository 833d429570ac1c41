// Keyboard only: the skip link works, the check-in can be done with Tab, arrow keys,
// Space and Enter, and focused controls show a visible focus ring.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { skipReason, startAnonymously } from '../support/app.mjs';

const skip = skipReason();

describe('keyboard', { skip }, () => {
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

  test('skip link and a check-in without a mouse', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startAnonymously(page, srv.url);
    await page.goto(`${srv.url}/today`);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');

    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    // Into the valence group; arrows move and select.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'valence');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement.closest('label')).outlineStyle);
    assert.notEqual(ring, 'none', 'focused option shows a focus ring');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('radio', { name: 'A bit unpleasant', exact: true }).isChecked(), true);

    // Energy: Tab into the group, Space selects.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'energy');
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('radio', { name: 'Very low', exact: true }).isChecked(), true);

    // Tab on to the save button and press Enter.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Save check-in') break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Save check-in');
    await page.keyboard.press('Enter');
    await page.getByText('Check-in saved.').waitFor();
    await context.close();
  });
});
