// Test support for browser tests of the Interlude web app: skip rules, a server and browser
// per test file, signing up an anonymous user through the UI, checking in, calling the API
// with a page's session, and waiting for a page to settle.
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { haveBinary, binaryPath, startTestServer, webRoot } from './server.mjs';
import { launchBrowser } from './browser.mjs';

/** A reason to skip browser tests, or false when the binary and web build are present. */
export function skipReason() {
  if (!haveBinary()) return `no interlude binary at ${binaryPath()} (build it or set INTERLUDE_BIN)`;
  if (!existsSync(join(webRoot(), 'index.html'))) return `no web build at ${webRoot()} (run npm run build in web/)`;
  if (!existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) return 'no chromium at /usr/bin/chromium';
  return false;
}

/**
 * Inside a describe(): starts a test server and a browser before its tests and stops them
 * after. Returns a live object: { srv, browser, page(contextOptions) }; page() opens a new
 * context and page, closed with the browser (or by the test).
 */
export function useApp(serverOptions) {
  const app = {
    srv: null,
    browser: null,
    async page(contextOptions = {}) {
      const context = await app.browser.newContext(contextOptions);
      const page = await context.newPage();
      return { context, page };
    },
  };
  before(async () => {
    app.srv = await startTestServer(serverOptions);
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.srv?.stop();
  });
  return app;
}

/** Waits for the app to render a page heading and finish its requests. */
export async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

/** Goes to a path and waits for it to settle. */
export async function visit(page, baseUrl, path) {
  await page.goto(`${baseUrl}${path}`);
  await settle(page);
}

export const SAVED_LABEL = 'I have saved my handle and recovery code somewhere safe';

/** Confirms the recovery code shown on screen as saved and presses Continue. */
export async function confirmCode(page) {
  await page.getByLabel(SAVED_LABEL).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Creates an anonymous account through the UI, up to the recovery code; returns { handle, code }. */
export async function createAnonymous(page, baseUrl) {
  await page.goto(`${baseUrl}/start`);
  await page.getByRole('button', { name: 'Create my private space' }).click();
  const handle = (await page.getByTestId('handle').textContent()).trim();
  const code = (await page.getByTestId('recovery-code').textContent()).trim();
  return { handle, code };
}

/**
 * Starts anonymously through the UI and lands on /today.
 * Returns { handle, code }.
 */
export async function startAnonymously(page, baseUrl) {
  const who = await createAnonymous(page, baseUrl);
  await confirmCode(page);
  await page.waitForURL('**/today');
  await settle(page);
  return who;
}

/** Does a check-in on the Today page (labels as shown, e.g. 'A bit pleasant', 'High'). */
export async function checkIn(page, valence, energy) {
  await page.getByRole('radio', { name: valence, exact: true }).check();
  await page.getByRole('radio', { name: energy, exact: true }).check();
  await page.getByRole('button', { name: 'Save check-in' }).click();
}

/** Clicks a link in the main navigation and waits for the page. */
export async function navTo(page, name) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await settle(page);
}

/** Calls the API with the page's session cookie (and the Origin a browser would send). */
export async function callApi(page, baseUrl, method, path, data) {
  const res = await page.request.fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Origin: baseUrl, ...(data === undefined ? {} : { 'Content-Type': 'application/json' }) },
    data: data === undefined ? undefined : JSON.stringify(data),
  });
  const text = await res.text();
  return { status: res.status(), headers: res.headers(), body: text ? JSON.parse(text) : null };
}
