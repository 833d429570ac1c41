// CSP: the server sends the strict policy and no page of the app violates it
// (checked through securitypolicyviolation events and the console).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cspViolations, watchConsole } from '../support/browser.mjs';
import { checkIn, settle, skipReason, startAnonymously, useApp } from '../support/app.mjs';

const skip = skipReason();

async function recordViolations(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

describe('content security policy', { skip }, () => {
  const app = useApp();

  test('the app shell is served with a strict CSP', async () => {
    const res = await fetch(`${app.srv.url}/today`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.ok(!/unsafe-inline/.test(csp), 'no unsafe-inline');
  });

  test('no page violates it', async () => {
    const { srv } = app;
    const { context, page } = await app.page();
    await recordViolations(context);
    const { messages } = watchConsole(page);
    const seen = [];
    const visit = async (path) => {
      await page.goto(`${srv.url}${path}`);
      await settle(page);
      if (path === '/mood') await page.locator('.chart-box canvas').nth(1).waitFor({ timeout: 5000 }).catch(() => {});
      seen.push(...(await page.evaluate(() => window.__csp)).map((v) => `${path}: ${v}`));
    };
    for (const p of ['/', '/start', '/signin', '/signup', '/help']) await visit(p);
    await startAnonymously(page, srv.url);
    seen.push(...(await page.evaluate(() => window.__csp)));
    await checkIn(page, 'Pleasant', 'High');
    await page.getByText('Check-in saved.').waitFor();
    await checkIn(page, 'Neutral', 'Low');
    await page.getByText('Check-in saved.').waitFor();
    for (const p of ['/today', '/journal', '/journal/new', '/mood', '/settings', '/help', '/safety-plan', '/screener']) await visit(p);
    // Every range of the mood charts.
    await visit('/mood');
    for (const name of ['Last 3 months', 'All']) {
      await page.getByRole('radio', { name, exact: true }).check();
      await page.locator('.chart-box canvas').nth(1).waitFor({ timeout: 5000 });
    }
    seen.push(...(await page.evaluate(() => window.__csp)).map((v) => `/mood ranges: ${v}`));
    assert.deepEqual(seen, [], 'securitypolicyviolation events');
    assert.deepEqual(cspViolations(messages), [], 'CSP messages in the console');
    await context.close();
  });
});
