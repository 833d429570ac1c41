// Test support: launches Debian's chromium through playwright-core (no browser download)
// and collects console messages and page errors so tests can assert on them; runs axe.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
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

/** axe's violations as readable lines: rule, impact, help and the nodes at fault. */
export function describeViolations(vs) {
  return vs
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n    ')}`)
    .join('\n  ');
}

/** Asserts that axe finds nothing on the page and that it is no wider than the viewport. */
export async function axeClean(page, label) {
  await page.waitForLoadState('networkidle');
  const r = await new AxeBuilder({ page }).analyze();
  assert.equal(r.violations.length, 0, `${label}:\n  ${describeViolations(r.violations)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label}: page is ${overflow}px wider than the viewport`);
}
