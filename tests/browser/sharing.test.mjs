// The client's side of sharing with a clinician, in the browser: a clinician (made with the
// CLI, signed in over the API with a TOTP code) invites; the client links with the code
// typed in lower case with spaces and ticks what to share; writes one entry marked shared
// and one not (the clinician sees only the first); shares a past entry from "Choose past
// entries to share"; changes a share setting and the clinician's very next read obeys it;
// sees the clinician's reads under "Who looked at my data"; does homework the clinician set
// (overdue said in words, a prompt opening the editor, "Mark done" with a note seen by the
// clinician); stops sharing behind a confirm step, after which the clinician reads nothing.
// axe finds nothing on the sharing, homework and settings pages in light and dark mode, on
// a desktop and at 360 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectStatus, freshAddress, STRONG_PASSWORD, unique } from '../support/api.mjs';
import { settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';
import { createStaff, totpCode } from '../support/totp.mjs';

const skip = skipReason();

/** YYYY-MM-DD of today plus `days` in UTC: the browser runs in UTC here (timezoneId), so it
 * reads due dates on the same calendar as the server, which accepts a due date of yesterday
 * at the earliest (time zones) — the only way to have overdue homework without a clock. */
function utcDate(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A clinician made with the CLI and signed in over the API: {token, id, handle, call}. */
async function clinicianIn(srv) {
  const login = `${unique('clin')}@example.org`;
  const made = await createStaff(srv.dataDir, { login, password: STRONG_PASSWORD });
  const res = await api(srv.url, 'POST', '/api/v1/auth/login', {
    body: { login, password: STRONG_PASSWORD, totp: totpCode(made.secret) },
    localAddress: freshAddress(),
  });
  const json = expectStatus(res, 200, 'clinician sign-in');
  const call = (method, path, body) => api(srv.url, method, `/api/v1${path}`, { token: json.token, body });
  return { token: json.token, id: json.user.id, handle: json.user.handle, call };
}

/** Writes an entry in the editor, ticking "Share with my clinician" when `shared`. */
async function writeEntry(page, baseUrl, text, shared) {
  await visit(page, baseUrl, '/journal/new');
  const box = page.getByRole('checkbox', { name: 'Share with my clinician' });
  await box.waitFor();
  assert.equal(await box.isChecked(), false, 'an entry starts unshared');
  await page.getByLabel('Your entry').fill(text);
  if (shared) await box.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/journal\/(?!new)[^/?]+$/);
  await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
}

const MODES = [
  { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { name: 'light 360px', colorScheme: 'light', viewport: { width: 360, height: 780 } },
  { name: 'dark 360px', colorScheme: 'dark', viewport: { width: 360, height: 780 } },
];

describe('sharing with a clinician (client side)', { skip }, () => {
  const app = useApp();

  test('link, choose, share entries, change, see who looked, do homework, stop sharing', async () => {
    const url = app.srv.url;
    const doctor = await clinicianIn(app.srv);
    const { code } = expectStatus(await doctor.call('POST', '/clinician/invitations'), 201, 'invitation');
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const { context, page } = await app.page({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
    const { errors } = watchConsole(page);
    await startAnonymously(page, url);

    // Before linking: no share box in the editor, and Settings says nothing is shared.
    await visit(page, url, '/journal/new');
    assert.equal(await page.getByRole('checkbox', { name: 'Share with my clinician' }).count(), 0, 'no share box without a link');
    await visit(page, url, '/settings');
    await page.getByText('You do not share anything with a clinician.').waitFor();
    await page.getByText('Nobody else has looked at your data.').waitFor();
    await page.getByRole('link', { name: 'Link with a clinician or change what you share' }).click();
    await page.waitForURL('**/sharing');
    await settle(page);
    await page.getByText('You are not linked with a clinician.').waitFor();

    // A mistyped code is caught before sending, naming the field.
    await page.getByLabel('Invitation code').fill('7KQF-2M9D');
    await page.getByRole('button', { name: 'Link and share what I ticked' }).click();
    await page.getByText('An invitation code has 16 letters and numbers').waitFor();
    assert.equal(await page.getByLabel('Invitation code').getAttribute('aria-invalid'), 'true');

    // Every share starts unticked; tick mood, entries, goals and homework.
    const linkForm = page.locator('form').filter({ has: page.getByLabel('Invitation code') });
    for (const box of await linkForm.getByRole('checkbox').all()) assert.equal(await box.isChecked(), false, 'all off by default');
    assert.ok((await linkForm.textContent()).includes('your clinician is told that an alert is waiting (never your words)'), 'safety alerts explained');
    await page.getByLabel('Invitation code').fill(`  ${code.toLowerCase().replace(/-/g, ' ')} `);
    await linkForm.getByRole('checkbox', { name: 'Mood check-ins' }).check();
    await linkForm.getByRole('checkbox', { name: 'Journal entries you mark as shared' }).check();
    await linkForm.getByRole('checkbox', { name: 'Goals and homework' }).check();
    await page.getByRole('button', { name: 'Link and share what I ticked' }).click();
    await page.getByText(`You are now linked with ${doctor.handle}.`).waitFor();

    const clinicianLinks = expectStatus(await doctor.call('GET', '/links'), 200).links;
    assert.equal(clinicianLinks.length, 1);
    const me = clinicianLinks[0].client;
    assert.deepEqual(clinicianLinks[0].share, {
      mood: true, assessments: false, goals: true, safety_plan: false, conversations: false, entries: true, safety_alerts: false,
    });
    const base = `/clinician/clients/${me.id}`;

    // One entry shared, one not: the list badges only the first; the clinician sees only it.
    await writeEntry(page, url, 'Shared thought: the new routine is helping a little.', true);
    await writeEntry(page, url, 'Private thought: not for anyone else.', false);
    await visit(page, url, '/journal');
    const items = page.locator('.entry-list li');
    assert.equal(await items.count(), 2);
    assert.equal(await items.filter({ hasText: 'Private thought' }).locator('.shared-badge').count(), 0);
    assert.equal(await items.filter({ hasText: 'Shared thought' }).locator('.shared-badge').count(), 1);
    assert.match(await items.filter({ hasText: 'Shared thought' }).textContent(), /Shared with your clinician/);
    let seen = expectStatus(await doctor.call('GET', `${base}/entries`), 200, 'clinician entries').entries;
    assert.deepEqual(seen.map((e) => e.text), ['Shared thought: the new routine is helping a little.']);

    // Editing the shared entry keeps it shared (the flag travels with the save).
    await items.filter({ hasText: 'Shared thought' }).getByRole('link').click();
    await settle(page);
    // The editor learns the entry and the links asynchronously: wait for the box to be ticked
    // (it never is if the flag was lost), then check it.
    const shareBox = page.getByRole('checkbox', { name: 'Share with my clinician' });
    await page.getByRole('checkbox', { name: 'Share with my clinician', checked: true }).waitFor({ timeout: 10_000 }).catch(() => {});
    assert.equal(await shareBox.isChecked(), true);
    await page.getByLabel('Your entry').fill('Shared thought: the new routine is helping, most days.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    seen = expectStatus(await doctor.call('GET', `${base}/entries`), 200).entries;
    assert.deepEqual(seen.map((e) => e.text), ['Shared thought: the new routine is helping, most days.']);

    // Choose past entries: share the private one after all, from the sharing page.
    await visit(page, url, '/journal');
    await page.getByRole('link', { name: 'Choose entries to share' }).click();
    await settle(page);
    await page.getByRole('heading', { name: 'Choose past entries to share' }).waitFor();
    const past = page.getByRole('checkbox', { name: /Private thought/ });
    assert.equal(await past.isChecked(), false);
    assert.equal(await page.getByRole('checkbox', { name: /Shared thought/ }).isChecked(), true);
    await past.check();
    await page.getByText(/^Shared: Private thought/).waitFor();
    seen = expectStatus(await doctor.call('GET', `${base}/entries`), 200).entries;
    assert.equal(seen.length, 2, 'the past entry is now shared');
    await past.uncheck();
    await page.getByText(/^No longer shared: Private thought/).waitFor();
    seen = expectStatus(await doctor.call('GET', `${base}/entries`), 200).entries;
    assert.equal(seen.length, 1, 'and unshared again');

    // Offline: the share choice travels with the queued draft and arrives with it.
    await visit(page, url, '/journal/new');
    await context.setOffline(true);
    await page.getByLabel('Your entry').fill('Written offline, to share.');
    await page.getByRole('checkbox', { name: 'Share with my clinician' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Not sent yet' }).first().waitFor();
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]'));
    assert.deepEqual(queued.map((d) => [d.text, d.shared, d.queued]), [['Written offline, to share.', true, true]]);
    await context.setOffline(false);
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('interlude.drafts.v1') || '[]').length === 0, null, { timeout: 15000 });
    seen = expectStatus(await doctor.call('GET', `${base}/entries`), 200).entries;
    assert.deepEqual(seen.map((e) => e.text).sort(), ['Shared thought: the new routine is helping, most days.', 'Written offline, to share.']);

    // Change a setting: stop sharing mood; the clinician's next read is refused.
    expectStatus(await doctor.call('GET', `${base}/checkins`), 200, 'mood shared');
    await visit(page, url, '/sharing');
    const card = page.locator('.link-card').filter({ hasText: doctor.handle });
    assert.equal(await card.getByRole('checkbox', { name: 'Mood check-ins' }).isChecked(), true);
    assert.ok((await card.textContent()).includes('Changes take effect at once'), 'says it is effective immediately');
    await card.getByRole('checkbox', { name: 'Mood check-ins' }).uncheck();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText(`Saved. ${doctor.handle} now sees only what is ticked.`).waitFor();
    assert.equal((await doctor.call('GET', `${base}/checkins`)).status, 403, 'mood no longer shared');
    assert.equal(expectStatus(await doctor.call('GET', '/links'), 200).links[0].share.mood, false);

    // Homework set by the clinician: one overdue task, one writing prompt due tomorrow.
    const task = expectStatus(await doctor.call('POST', `${base}/assignments`, { kind: 'custom', title: 'Take a short walk', due: utcDate(-1) }), 201, 'assign task').assignment;
    const prompt = expectStatus(
      await doctor.call('POST', `${base}/assignments`, { kind: 'prompt', title: 'One good moment', instructions: 'Write about one moment this week that went well.', due: utcDate(1) }),
      201,
      'assign prompt',
    ).assignment;
    await visit(page, url, '/today');
    const hwCard = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Homework', exact: true }) });
    await hwCard.getByText('Take a short walk').waitFor();
    assert.match(await hwCard.textContent(), /Overdue/, 'overdue in words on Today');
    await hwCard.getByRole('link', { name: 'See all 2 homework items' }).click();
    await page.waitForURL('**/homework');
    await settle(page);
    const todo = page.locator('section').filter({ has: page.getByRole('heading', { name: 'To do' }) });
    const titles = await todo.locator('h3').allTextContents();
    assert.deepEqual(titles, ['Take a short walk', 'One good moment'], 'due first');
    assert.match(await todo.locator('li').first().textContent(), /Overdue — was due/);
    assert.doesNotMatch(await todo.locator('li').nth(1).textContent(), /Overdue/);

    // Start on the prompt opens the editor with the prompt shown.
    await page.getByRole('link', { name: 'Start: One good moment' }).click();
    await page.waitForURL((u) => u.pathname === '/journal/new' && u.searchParams.get('assignment') === prompt.id);
    await page.getByText('Write about one moment this week that went well.').waitFor();
    await page.getByRole('link', { name: 'Back to homework' }).click();
    await settle(page);

    // Mark the task done with a note; it moves under Done and the clinician sees it.
    await page.getByRole('button', { name: 'Mark done: Take a short walk' }).click();
    await page.getByLabel('A note for your clinician (optional)').fill('Went round the park twice.');
    await page.getByRole('button', { name: 'Mark as done' }).click();
    await page.getByText('Marked as done: Take a short walk.').waitFor();
    const doneSection = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Done', exact: true }) });
    await doneSection.getByText('Take a short walk').waitFor();
    assert.match(await doneSection.textContent(), /Your note: Went round the park twice\./);
    const theirs = expectStatus(await doctor.call('GET', `${base}/assignments`), 200).assignments;
    const doneTask = theirs.find((a) => a.id === task.id);
    assert.ok(doneTask.done_at, 'completion shows on the clinician side');
    assert.equal(doneTask.note, 'Went round the park twice.');

    // Who looked at my data: the clinician's reads, in words.
    await visit(page, url, '/settings');
    const log = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Who looked at my data' }) });
    await log.getByText(`${doctor.handle} (your clinician) looked at journal entries you shared`).first().waitFor();
    await log.getByText(`${doctor.handle} (your clinician) looked at your mood check-ins`).first().waitFor();
    assert.match(await page.locator('main').textContent(), new RegExp(`You are linked with ${doctor.handle}`));

    // axe on the sharing, homework and settings pages, light and dark, desktop and 360 px.
    const state = await context.storageState();
    for (const mode of MODES) {
      const { context: ctx, page: p } = await app.page({ storageState: state, colorScheme: mode.colorScheme, viewport: mode.viewport, timezoneId: 'UTC' });
      await visit(p, url, '/sharing');
      await p.locator('.link-card').first().waitFor();
      await axeClean(p, `sharing (${mode.name})`);
      await p.getByRole('button', { name: 'Choose past entries to share' }).click();
      await p.getByRole('checkbox', { name: /Private thought/ }).waitFor();
      await p.locator('.link-card').first().getByRole('button', { name: 'Stop sharing' }).click();
      await axeClean(p, `sharing with past entries and the stop confirmation (${mode.name})`);
      await visit(p, url, '/homework');
      await p.getByRole('heading', { name: 'Done', exact: true }).waitFor();
      await p.getByRole('button', { name: 'Mark done: One good moment' }).click();
      await axeClean(p, `homework (${mode.name})`);
      await visit(p, url, '/settings');
      await p.getByText('looked at journal entries you shared').first().waitFor();
      await axeClean(p, `settings (${mode.name})`);
      await visit(p, url, '/journal');
      await axeClean(p, `journal with a shared badge (${mode.name})`);
      await ctx.close();
    }

    // Stop sharing, behind a confirm step: "Keep sharing" changes nothing, "Yes" ends it.
    await visit(page, url, '/sharing');
    await card.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByRole('button', { name: 'Keep sharing' }).click();
    expectStatus(await doctor.call('GET', `${base}/entries`), 200, 'still linked after "Keep sharing"');
    await card.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByText(`Stop sharing everything with ${doctor.handle}?`).waitFor();
    await page.getByRole('button', { name: 'Yes, stop sharing' }).click();
    await page.getByText(`You no longer share anything with ${doctor.handle}.`).waitFor();
    await page.getByText('You are not linked with a clinician.').waitFor();
    assert.equal((await doctor.call('GET', `${base}/entries`)).status, 404, 'the clinician reads nothing once sharing stops');
    assert.equal(expectStatus(await doctor.call('GET', '/links'), 200).links.length, 0);
    await visit(page, url, '/journal/new');
    assert.equal(await page.getByRole('checkbox', { name: 'Share with my clinician' }).count(), 0, 'no share box once unlinked');

    assert.deepEqual(errors, [], 'no page errors');
    await context.close();
  });
});
