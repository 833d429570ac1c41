// Accessibility: axe finds no violations on any page, in light and dark mode, at
// desktop width and at 360 px phone width; the crisis link stays on screen at 360 px.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { checkIn, createAnonymous, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { describeViolations } from '../support/browser.mjs';

const skip = skipReason();
const PUBLIC = ['/', '/start', '/signin', '/signup', '/help', '/no-such-page'];
const PRIVATE = ['/today', '/journal', '/journal/new', 'ENTRY', '/mood', '/settings', '/help'];
const MODES = [
  { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { name: 'light 360px', colorScheme: 'light', viewport: { width: 360, height: 780 } },
  { name: 'dark 360px', colorScheme: 'dark', viewport: { width: 360, height: 780 } },
];

async function check(page, label) {
  await settle(page);
  // The mood chart is drawn after a lazy import; give it a moment to appear.
  if (page.url().endsWith('/mood')) await page.locator('.chart-box canvas').nth(1).waitFor({ timeout: 5000 }).catch(() => {});
  const r = await new AxeBuilder({ page }).analyze();
  assert.equal(r.violations.length, 0, `${label}:\n  ${describeViolations(r.violations)}`);
  // Nothing may be wider than the viewport (no sideways scrolling at 360 px).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label}: page is ${overflow}px wider than the viewport`);
}

describe('axe on every page', { skip }, () => {
  const app = useApp();
  let state; // signed-in storage state
  let entryPath;
  before(async () => {
    const { srv } = app;
    const { context: ctx, page } = await app.page();
    await startAnonymously(page, srv.url);
    // Some data so lists, "Earlier today" and the charts render.
    for (const [v, e] of [['A bit unpleasant', 'Low'], ['A bit pleasant', 'High']]) {
      await checkIn(page, v, e);
      await page.getByText('Check-in saved.').waitFor();
    }
    await visit(page, srv.url, '/journal/new');
    await page.getByLabel('Kind of entry').selectOption('gratitude');
    await page.getByLabel('Something you are grateful for (1 of 5)').fill('A warm cup of tea');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/journal\/(?!new)[^/]+$/);
    entryPath = new URL(page.url()).pathname;
    state = await ctx.storageState();
    await ctx.close();
  });

  for (const mode of MODES) {
    test(`signed out, ${mode.name}`, async () => {
      const { srv } = app;
      const { context: ctx, page } = await app.page({ colorScheme: mode.colorScheme, viewport: mode.viewport });
      for (const path of PUBLIC) {
        await page.goto(`${srv.url}${path}`);
        await check(page, `${path} (${mode.name})`);
      }
      // The recovery-code screen, and after a reload (kept until confirmed).
      await createAnonymous(page, srv.url);
      await check(page, `/start with code (${mode.name})`);
      await page.reload();
      await page.getByTestId('recovery-code').waitFor();
      await check(page, `/start with code after reload (${mode.name})`);
      // Sign-in throttled (429): our own message and the helpline link.
      const throttled = await app.page({ colorScheme: mode.colorScheme, viewport: mode.viewport });
      await throttled.page.route('**/api/v1/auth/login', (route) =>
        route.fulfill({ status: 429, headers: { 'Retry-After': '600', 'Content-Type': 'application/json' }, body: '{"error":{"code":"resource_exhausted","message":"too many attempts"}}' }),
      );
      await visit(throttled.page, srv.url, '/signin');
      await throttled.page.getByLabel('E-mail or handle').fill('someone');
      await throttled.page.getByLabel('Password or recovery code').fill('something long enough');
      await throttled.page.getByRole('button', { name: 'Sign in' }).click();
      await throttled.page.getByText('Please try again in 10 minutes.').waitFor();
      await check(throttled.page, `/signin throttled (${mode.name})`);
      await throttled.context.close();
      await ctx.close();
    });

    test(`signed in, ${mode.name}`, async () => {
      const { srv } = app;
      const { context: ctx, page } = await app.page({ colorScheme: mode.colorScheme, viewport: mode.viewport, storageState: state });
      await page.emulateMedia({ colorScheme: mode.colorScheme });
      for (const p of PRIVATE) {
        const path = p === 'ENTRY' ? entryPath : p;
        await page.goto(`${srv.url}${path}`);
        await check(page, `${path} (${mode.name})`);
      }
      // The optional check-in extras, opened.
      await visit(page, srv.url, '/today');
      for (const summary of await page.locator('details.more summary').all()) await summary.click();
      await check(page, `/today with extras open (${mode.name})`);
      // Settings showing a new recovery code.
      await visit(page, srv.url, '/settings');
      await page.getByRole('button', { name: 'Make a new recovery code' }).click();
      await page.getByTestId('recovery-code').waitFor();
      await check(page, `/settings with a new code (${mode.name})`);
      await ctx.close();
    });
  }

  test('the crisis link stays on screen at 360 px, without covering content', async () => {
    const { srv } = app;
    const { context, page } = await app.page({ viewport: { width: 360, height: 640 }, storageState: state });
    for (const path of ['/today', '/settings', '/help']) {
      await visit(page, srv.url, path);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const link = page.getByRole('link', { name: 'In crisis? Find a helpline' }).first();
      const box = await link.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 640, `${path}: crisis link on screen after scrolling (${JSON.stringify(box)})`);
      assert.ok(box.height >= 24, `${path}: big enough to tap`);
    }
    // A focused control scrolled into view is not hidden under the bar.
    await visit(page, srv.url, '/settings');
    await page.getByRole('button', { name: 'Download my data' }).focus();
    const [bar, button] = await Promise.all([page.locator('.crisis-bar').boundingBox(), page.getByRole('button', { name: 'Download my data' }).boundingBox()]);
    assert.ok(button.y >= bar.y + bar.height || button.y + button.height <= bar.y, 'focused button not under the crisis bar');
    await context.close();
  });
});
