// Test support: launches Debian's chromium through playwright-core (no browser download)
// and collects console messages and page errors so tests can assert on them.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Records console errors/warnings and uncaught page errors; returns the live arrays. */
export function watchConsole(page) {
  const messages = [];
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { messages, errors };
}

/** Console lines that report a Content Security Policy violation. */
export function cspViolations(messages) {
  return messages.filter((m) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m));
}
