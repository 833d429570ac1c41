// CSP: the server sends the strict policy and no page of the app violates it
// (checked through securitypolicyviolation events and the console).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../support/server.mjs';
import { cspViolations, launchBrowser, watchConsole } from '../support/browser.mjs';
import { settle, skipReason, startAnonymously } from '../support/app.mjs';

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

  test('the app shell is served with a strict CSP', async () => {
    const res = await fetch(`${srv.url}/today`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.ok(!/unsafe-inline/.test(csp), 'no unsafe-inline');
  });

  test('no page violates it', async () => {
    const context = await browser.newContext();
    await recordViolations(context);
    const page = await context.newPage();
    const { messages } = watchConsole(page);
    const seen = [];
    const visit = async (path) => {
      await page.goto(`${srv.url}${path}`);
      await settle(page);
      if (path === '/mood') await page.locator('.chart-box canvas').waitFor({ timeout: 5000 }).catch(() => {});
      seen.push(...(await page.evaluate(() => window.__csp)).map((v) => `${path}: ${v}`));
    };
    for (const p of ['/', '/start', '/signin', '/signup', '/help']) await visit(p);
    await startAnonymously(page, srv.url);
    seen.push(...(await page.evaluate(() => window.__csp)));
    await page.getByRole('radio', { name: 'Pleasant', exact: true }).check();
    await page.getByRole('radio', { name: 'High', exact: true }).check();
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved.').waitFor();
    await page.getByRole('radio', { name: 'Neutral', exact: true }).check();
    await page.getByRole('radio', { name: 'Low', exact: true }).check();
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText('Check-in saved.').waitFor();
    for (const p of ['/today', '/journal', '/journal/new', '/mood', '/settings', '/help']) await visit(p);
    assert.deepEqual(seen, [], 'securitypolicyviolation events');
    assert.deepEqual(cspViolations(messages), [], 'CSP messages in the console');
    await context.close();
  });
});
