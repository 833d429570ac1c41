// Test support for browser tests of the Interlude web app: skip rules, signing up an
// anonymous user through the UI, and waiting for a page to settle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { haveBinary, binaryPath, webRoot } from './server.mjs';

/** A reason to skip browser tests, or false when the binary and web build are present. */
export function skipReason() {
  if (!haveBinary()) return `no interlude binary at ${binaryPath()} (build it or set INTERLUDE_BIN)`;
  if (!existsSync(join(webRoot(), 'index.html'))) return `no web build at ${webRoot()} (run npm run build in web/)`;
  if (!existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) return 'no chromium at /usr/bin/chromium';
  return false;
}

/** Waits for the app to render a page heading and finish its requests. */
export async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

/**
 * Starts anonymously through the UI and lands on /today.
 * Returns { handle, code }.
 */
export async function startAnonymously(page, baseUrl) {
  await page.goto(`${baseUrl}/start`);
  await page.getByRole('button', { name: 'Create my private space' }).click();
  const handle = (await page.getByTestId('handle').textContent()).trim();
  const code = (await page.getByTestId('recovery-code').textContent()).trim();
  await page.getByLabel('I have saved my handle and recovery code somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/today');
  await settle(page);
  return { handle, code };
}
