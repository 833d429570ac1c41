// Keyboard only: the skip link works, the check-in can be done with Tab, arrow keys,
// Space and Enter (Save comes right after the two scales), focus lands on the
// confirmation, and focused controls show a visible focus ring.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';

const skip = skipReason();
const active = (page, expr) => page.evaluate(`(() => { const el = document.activeElement; return ${expr}; })()`);

describe('keyboard', { skip }, () => {
  const app = useApp();

  test('skip link and a check-in without a mouse', async () => {
    const { context, page } = await app.page();
    await startAnonymously(page, app.srv.url);
    await visit(page, app.srv.url, '/today');

    await page.keyboard.press('Tab');
    assert.equal(await active(page, 'el?.textContent'), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await active(page, 'el?.id'), 'main');

    // Into the valence group; arrows move and select.
    await page.keyboard.press('Tab');
    assert.equal(await active(page, "el?.getAttribute('name')"), 'valence');
    const ring = await active(page, "getComputedStyle(el.closest('label')).outlineStyle");
    assert.notEqual(ring, 'none', 'focused option shows a focus ring');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('radio', { name: 'A bit unpleasant', exact: true }).isChecked(), true);

    // Energy: Tab into the group, Space selects.
    await page.keyboard.press('Tab');
    assert.equal(await active(page, "el?.getAttribute('name')"), 'energy');
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('radio', { name: 'Very low', exact: true }).isChecked(), true);

    // The save button is the very next stop; Enter saves.
    await page.keyboard.press('Tab');
    assert.equal(await active(page, 'el?.textContent'), 'Save check-in');
    await page.keyboard.press('Enter');
    await page.getByText('Check-in saved.').waitFor();
    // Focus stays somewhere sensible: on the confirmation.
    await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Check-in saved.'));

    // The optional extras open from the keyboard too.
    await page.keyboard.press('Tab');
    assert.equal(await active(page, 'el?.textContent'), 'Add feelings and tags (optional)');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details.more').first().getAttribute('open'), '');
    await context.close();
  });
});
