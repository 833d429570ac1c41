// A new clinician's set-up in the browser: the clinic admin adds a clinician by e-mail and is
// shown only a one-time set-up code (no password, no authenticator secret, no recovery
// codes); the clinician opens /setup in their own browser, types the e-mail, the code and a
// password of their own, is shown the authenticator link, the secret in groups of four and
// ten recovery codes, and signs in with the password and the TOTP code computed from the
// secret shown. The admin's list then has the clinician. axe finds nothing on /setup (the
// form, its errors and the enrolment), light and dark.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, settle, skipReason, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';
import { createStaff, totpCode } from '../support/totp.mjs';

const skip = skipReason();
const ADMIN_PASSWORD = 'correct horse battery staple 42';
const CLINICIAN_PASSWORD = 'a quiet harbour at dawn 7';

/** A TOTP code not about to expire (one typed in its last seconds could lapse in transit). */
async function freshCode(secret) {
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (left < 4) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  return totpCode(secret);
}

/** Signs in through the form: password first, then the authenticator code; waits for `home`. */
async function signIn(page, baseUrl, login, password, secret, home) {
  await visit(page, baseUrl, '/signin');
  await page.getByLabel('E-mail or handle').fill(login);
  await page.getByLabel('Password or recovery code').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const codeField = page.getByLabel('6-digit code from your authenticator app');
  await codeField.waitFor();
  await codeField.fill(await freshCode(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(home);
  await settle(page);
}

/** Fills the /setup form and submits it. */
async function submitSetup(page, email, code, password) {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Set-up code').fill(code);
  await page.getByLabel('Choose your password').fill(password);
  await page.getByRole('button', { name: 'Set up my account' }).click();
}

describe('a new clinician sets up their own account', { skip }, () => {
  const app = useApp();

  test('the admin adds them, they choose the password and connect the app at /setup', async () => {
    const { srv } = app;
    const admin = await createStaff(srv.dataDir, { login: 'admin@clinic.example', password: ADMIN_PASSWORD, role: 'admin', clinic: 'Harbour clinic' });
    const email = 'dr.new@clinic.example';

    // The admin adds the clinician with the e-mail alone and gets a set-up code.
    const adm = await app.page({ viewport: { width: 1280, height: 900 } });
    const admConsole = watchConsole(adm.page);
    await signIn(adm.page, srv.url, admin.login, admin.password, admin.secret, /\/admin$/);
    assert.equal(await adm.page.getByLabel(/password/i).count(), 0, 'the admin is never asked for a password');
    await adm.page.getByLabel('E-mail', { exact: true }).fill(email);
    await adm.page.getByRole('button', { name: 'Add clinician' }).click();
    const card = adm.page.getByTestId('setup-code-card');
    await card.waitFor();
    await adm.page.waitForFunction(() => document.activeElement?.id === 'enrol-title');
    const code = (await adm.page.getByTestId('setup-code').textContent()).trim();
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const cardText = await card.textContent();
    assert.match(cardText, new RegExp(`${srv.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/setup to choose their password and connect their authenticator app`));
    assert.match(await adm.page.getByTestId('setup-expiry').textContent(), /^The code works once, until /);
    assert.doesNotMatch(cardText, /otpauth|Recovery codes/, 'no second factor is shown to the admin');
    await adm.page.getByTestId('clinicians').getByText(email).waitFor();

    // The clinician, in their own browser: a wrong code first, then the right one.
    const doc = await app.page({ viewport: { width: 360, height: 780 } });
    const docConsole = watchConsole(doc.page);
    await visit(doc.page, srv.url, '/setup');
    await doc.page.getByRole('heading', { level: 1, name: 'Set up your clinician account' }).waitFor();
    await axeClean(doc.page, '/setup form (light)');
    await doc.page.getByRole('button', { name: 'Set up my account' }).click();
    await doc.page.getByText('Please type your e-mail address.').waitFor();
    assert.equal(await doc.page.evaluate(() => document.activeElement?.id), 'setup-email');
    assert.equal(await doc.page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid'), 'true');
    await axeClean(doc.page, '/setup with errors (light)');
    await submitSetup(doc.page, email, 'AAAA-BBBB-CCCC-DDDD', CLINICIAN_PASSWORD);
    const wrong = doc.page.locator('#setup-code-error');
    await wrong.waitFor();
    assert.match(await wrong.textContent(), /set-up code does not match/);
    assert.equal(await wrong.getAttribute('role'), 'alert');
    assert.equal(await doc.page.evaluate(() => document.activeElement?.id), 'setup-code');
    await submitSetup(doc.page, email, code.toLowerCase(), CLINICIAN_PASSWORD);

    // Shown once: the link, the secret in groups of four, ten recovery codes.
    const enrolment = doc.page.getByTestId('setup-enrolment');
    await enrolment.waitFor();
    await doc.page.waitForFunction(() => document.activeElement?.id === 'setup-done-title');
    const uri = (await doc.page.getByTestId('otpauth-uri').textContent()).trim();
    assert.match(uri, /^otpauth:\/\/totp\/Interlude:dr\.new%40clinic\.example\?secret=[A-Z2-7]{32}&/);
    const grouped = (await doc.page.getByTestId('otp-secret').textContent()).trim();
    assert.match(grouped, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = grouped.replaceAll(' ', '');
    assert.equal(secret, new URL(uri).searchParams.get('secret'));
    const codes = await doc.page.getByTestId('new-recovery-codes').locator('li').allTextContents();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    await axeClean(doc.page, '/setup enrolment (light)');

    // Then the clinician signs in with their password and the code from the app.
    await doc.page.getByRole('button', { name: 'I have added it — sign in' }).click();
    await doc.page.waitForURL(/\/signin$/);
    await settle(doc.page);
    await signIn(doc.page, srv.url, email, CLINICIAN_PASSWORD, secret, /\/clinician$/);
    const me = await callApi(doc.page, srv.url, 'GET', '/me');
    assert.equal(me.body.user.role, 'clinician');
    assert.equal(me.body.user.email, email);

    // The admin's list has them; the code does not work a second time.
    const again = await callApi(adm.page, srv.url, 'GET', '/admin/clinicians');
    assert.deepEqual(again.body.clinicians.map((c) => c.email), [email]);
    const reused = await callApi(doc.page, srv.url, 'POST', '/auth/setup', { login: email, code, password: CLINICIAN_PASSWORD });
    assert.equal(reused.status, 401);

    assert.deepEqual(admConsole.errors, []);
    assert.deepEqual(docConsole.errors, []);
    await adm.context.close();
    await doc.context.close();
  });

  test('axe on /setup, dark', async () => {
    const { srv } = app;
    const admin = await createStaff(srv.dataDir, { login: 'admin.dark@clinic.example', password: ADMIN_PASSWORD, role: 'admin', clinic: 'Night clinic' });
    const adm = await app.page();
    await signIn(adm.page, srv.url, admin.login, admin.password, admin.secret, /\/admin$/);
    const email = 'dr.dark@clinic.example';
    const made = await callApi(adm.page, srv.url, 'POST', '/admin/clinicians', { email });
    assert.equal(made.status, 201);
    await adm.context.close();

    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
      const { page, context } = await app.page({ colorScheme: 'dark', viewport });
      await visit(page, srv.url, '/setup');
      await axeClean(page, `/setup form (dark ${viewport.width}px)`);
      await submitSetup(page, email, 'AAAA-BBBB-CCCC-DDDD', 'short');
      await page.locator('#setup-password-error').waitFor();
      await axeClean(page, `/setup with errors (dark ${viewport.width}px)`);
      if (viewport.width === 360) {
        await submitSetup(page, email, made.body.setup_code, CLINICIAN_PASSWORD);
        await page.getByTestId('setup-enrolment').waitFor();
        await axeClean(page, `/setup enrolment (dark ${viewport.width}px)`);
      }
      await context.close();
    }
  });
});
