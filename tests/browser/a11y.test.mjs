// Accessibility: axe finds no violations on any page, in light and dark mode, at
// desktop width and at 360 px phone width.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startTestServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { settle, skipReason, startAnonymously } from '../support/app.mjs';

const skip = skipReason();
const PUBLIC = ['/', '/start', '/signin', '/signup', '/help', '/no-such-page'];
const PRIVATE = ['/today', '/journal', '/journal/new', 'ENTRY', '/mood', '/settings', '/help'];
const MODES = [
  { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { name: 'light 360px', colorScheme: 'light', viewport: { width: 360, height: 780 } },
  { name: 'dark 360px', colorScheme: 'dark', viewport: { width: 360, height: 780 } },
];

function describeViolations(vs) {
  return vs
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n    ')}`)
    .join('\n  ');
}

async function check(page, label) {
  await settle(page);
  // The mood chart is drawn after a lazy import; give it a moment to appear.
  if (page.url().endsWith('/mood')) await page.locator('.chart-box canvas').waitFor({ timeout: 5000 }).catch(() => {});
  const r = await new AxeBuilder({ page }).analyze();
  assert.equal(r.violations.length, 0, `${label}:\n  ${describeViolations(r.violations)}`);
  // Nothing may be wider than the viewport (no sideways scrolling at 360 px).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label}: page is ${overflow}px wider than the viewport`);
}

describe('axe on every page', { skip }, () => {
  let srv;
  let browser;
  let state; // signed-in storage state
  let entryPath;
  before(async () => {
    srv = await startTestServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await startAnonymously(page, srv.url);
    // Some data so lists and the chart render.
    for (const [v, e] of [['A bit unpleasant', 'Low'], ['A bit pleasant', 'High']]) {
      await page.getByRole('radio', { name: v, exact: true }).check();
      await page.getByRole('radio', { name: e, exact: true }).check();
      await page.getByRole('button', { name: 'Save check-in' }).click();
      await page.getByText('Check-in saved.').waitFor();
    }
    await page.goto(`${srv.url}/journal/new`);
    await settle(page);
    await page.getByLabel('Kind of entry').selectOption('gratitude');
    await page.getByLabel('Something you are grateful for (1 of 5)').fill('A warm cup of tea');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/journal\/(?!new)[^/]+$/);
    entryPath = new URL(page.url()).pathname;
    state = await ctx.storageState();
    await ctx.close();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  for (const mode of MODES) {
    test(`signed out, ${mode.name}`, async () => {
      const ctx = await browser.newContext({ colorScheme: mode.colorScheme, viewport: mode.viewport });
      const page = await ctx.newPage();
      for (const path of PUBLIC) {
        await page.goto(`${srv.url}${path}`);
        await check(page, `${path} (${mode.name})`);
      }
      // The recovery-code screen.
      await page.goto(`${srv.url}/start`);
      await settle(page);
      await page.getByRole('button', { name: 'Create my private space' }).click();
      await page.getByTestId('recovery-code').waitFor();
      await check(page, `/start with code (${mode.name})`);
      await ctx.close();
    });

    test(`signed in, ${mode.name}`, async () => {
      const ctx = await browser.newContext({ colorScheme: mode.colorScheme, viewport: mode.viewport, storageState: state });
      const page = await ctx.newPage();
      await page.emulateMedia({ colorScheme: mode.colorScheme });
      for (const p of PRIVATE) {
        const path = p === 'ENTRY' ? entryPath : p;
        await page.goto(`${srv.url}${path}`);
        await check(page, `${path} (${mode.name})`);
      }
      await ctx.close();
    });
  }
});
