// The companion in the browser, for an anonymous person: the page and the opening message
// say it is automated; a six-turn conversation about work anxiety (from someone for whom
// slow breathing has helped before) gets an exercise offer whose "Try it" button starts the
// breathing guide in place; the composer sends on Enter,
// makes a new line on Shift+Enter, is disabled while sending and keeps the text when
// sending fails; replies are announced in a polite live region and every message has a role
// label for screen readers; "are you a real person?" is answered truthfully; a risky
// message brings the crisis card into the conversation with focus; the share toggle is
// kept; delete asks first and removes it; axe finds nothing (desktop and 360 px). The
// companion's words are the server's: the tests assert on facts, not sentences.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, navTo, settle, skipReason, startAnonymously, useApp, visit } from '../support/app.mjs';
import { axeClean, watchConsole } from '../support/browser.mjs';

const skip = skipReason();
const AUTOMATED = /automated|not a (real )?person|not human|\bbot\b|an app\b/i;
const SAFETY = '[data-testid="safety-card"]';
const HIGH = "I have the pills counted out and I'm going to take them tonight";
const PHONE = { viewport: { width: 360, height: 780 } };

async function personIn(app, contextOptions = {}) {
  const { context, page } = await app.page(contextOptions);
  const { errors } = watchConsole(page);
  await startAnonymously(page, app.srv.url);
  assert.equal((await callApi(page, app.srv.url, 'PATCH', '/me', { country: 'US' })).status, 200);
  return { context, page, errors };
}

/** From the main navigation: the companion page, then a new conversation; returns its id. */
async function newConversation(page) {
  await navTo(page, 'Companion');
  await page.getByRole('button', { name: 'Start a new conversation' }).click();
  await page.waitForURL(/\/companion\/[^/]+$/);
  await settle(page);
  await page.locator('.chat-companion').first().waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

const companionCount = (page) => page.locator('.chat-log > li[data-role="companion"]').count();
const lastReply = (page) => page.locator('.chat-log > li[data-role="companion"]').last();

/** Types a message, presses Enter and waits for the companion's answer; returns the reply's text. */
async function say(page, text) {
  const before = await companionCount(page);
  const box = page.getByLabel('Your message');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.chat-log > li[data-role="companion"]').length > n, before, { timeout: 15000 });
  const reply = (await lastReply(page).locator('.chat-text').innerText()).trim();
  assert.ok(reply.length > 0, `a reply to "${text}"`);
  assert.equal(await box.inputValue(), '', 'the box is empty after sending');
  return reply;
}

describe('companion', { skip }, () => {
  const app = useApp();

  test('anonymous: automated from the start; six turns lead to a breathing exercise that starts from its button; delete', async () => {
    const { context, page, errors } = await personIn(app);
    const { body: lib } = await callApi(page, app.srv.url, 'GET', '/exercises');
    const kindOf = Object.fromEntries(lib.items.map((e) => [e.id, e.kind]));
    // Someone for whom slow breathing has helped before and the other exercises have not: the
    // recommender learns from these answers, so the companion's offer is a breathing exercise.
    // (Without the "did not help" answers an exercise that fits the worried words well, such
    // as worry time, still wins the Thompson draw now and then: the test would be a lottery.)
    const breath = lib.items.find((e) => e.kind === 'breathing');
    for (let i = 0; i < 6; i++) assert.equal((await callApi(page, app.srv.url, 'POST', `/exercises/${breath.id}/feedback`, { helped: true })).status, 201);
    for (const other of lib.items.filter((e) => e.kind !== 'breathing')) {
      for (let i = 0; i < 2; i++) assert.equal((await callApi(page, app.srv.url, 'POST', `/exercises/${other.id}/feedback`, { helped: false })).status, 201);
    }

    await navTo(page, 'Companion');
    assert.match(await page.getByTestId('companion-notice').textContent(), /Automated companion — not a person or a therapist/);
    assert.equal(await page.getByTestId('companion-notice').getByRole('link', { name: 'find a helpline' }).count(), 1);
    const id = await newConversation(page);
    // The notice stays on the conversation page; the opening message says what it is.
    assert.match(await page.getByTestId('companion-notice').textContent(), /not a person or a therapist/);
    assert.equal(await companionCount(page), 1);
    assert.match(await lastReply(page).locator('.chat-text').innerText(), AUTOMATED, 'the opening says it is automated');
    assert.equal(await page.locator('.chat-log > li[data-role="user"]').count(), 0);

    // Shift+Enter makes a new line and sends nothing.
    const box = page.getByLabel('Your message');
    await box.click();
    await page.keyboard.type('Hi');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('there');
    assert.equal(await box.inputValue(), 'Hi\nthere');
    assert.equal(await page.locator('.chat-log > li').count(), 1, 'nothing sent on Shift+Enter');
    await box.fill('');

    const turns = [
      'Hi',
      "I've been so anxious about work, my chest gets tight",
      'My manager keeps adding deadlines and I lie awake at night going over everything I have to do',
      'what should I do?',
      "yes let's try",
      'thanks',
    ];
    const offers = [];
    for (const text of turns) {
      const reply = await say(page, text);
      assert.doesNotMatch(reply, /\{|\}|undefined|null/, `no template debris: "${reply}"`);
      const offer = lastReply(page).getByTestId('exercise-offer');
      if (await offer.count()) offers.push(await offer.getByRole('button').getAttribute('data-exercise'));
    }
    assert.equal(await page.locator('.chat-log > li[data-role="user"]').count(), 6);
    assert.equal(await companionCount(page), 7);
    // Role labels for screen readers on every message; the newest reply in the live region.
    for (const li of await page.locator('.chat-log > li').all()) {
      const role = await li.getAttribute('data-role');
      assert.equal((await li.locator('.visually-hidden').first().textContent()).trim(), role === 'user' ? 'You said:' : 'The automated companion said:');
    }
    const liveText = await page.getByTestId('chat-live').textContent();
    assert.ok(liveText.includes((await lastReply(page).locator('.chat-text').innerText()).trim().slice(0, 30)), 'the last reply is in the live region');
    assert.equal(await page.getByTestId('chat-live').getAttribute('aria-live'), 'polite');

    // An exercise was offered, with its reason; a breathing one among them.
    assert.ok(offers.length >= 1, 'an exercise was offered during the conversation');
    const breathing = offers.find((x) => kindOf[x] === 'breathing');
    assert.ok(breathing, `a breathing exercise was offered (offered: ${offers.map((x) => `${x} (${kindOf[x]})`).join(', ')})`);
    const offer = page.locator(`[data-testid="exercise-offer"]:has(button[data-exercise="${breathing}"])`).last();
    assert.match(await offer.textContent(), /Why this: \S+/);
    const button = offer.getByRole('button');
    assert.match(await button.textContent(), /^Try it: \S/);
    await button.click();
    const guide = page.getByTestId('inline-exercise').getByTestId('breathing');
    await guide.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="breathing"]')?.getAttribute('data-state') === 'running');
    assert.equal((await guide.getByTestId('breath-word').textContent()).trim(), 'Breathe in');
    const animation = await guide.getByTestId('breath-circle').evaluate((el) => el.getAnimations().map((a) => a.playState));
    assert.deepEqual(animation, ['running'], 'the circle is animated');
    // It really runs: the countdown moves.
    const c1 = await guide.getByTestId('breath-count').textContent();
    await page.waitForFunction((c) => document.querySelector('[data-testid="breath-count"]')?.textContent !== c, c1, { timeout: 3000 });
    await page.getByRole('button', { name: 'Close the exercise' }).click();
    assert.equal(await page.getByTestId('inline-exercise').count(), 0);

    // Asked what it is, it answers truthfully.
    const truth = await say(page, 'are you a real person?');
    assert.match(truth, AUTOMATED, `an honest answer: "${truth}"`);

    // Delete asks first; "Keep it" keeps it; yes removes it.
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    assert.equal((await callApi(page, app.srv.url, 'GET', `/conversations/${encodeURIComponent(id)}`)).status, 200);
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await page.getByText('Delete this conversation? This cannot be undone.').waitFor();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.waitForURL(/\/companion$/);
    await page.getByText('Conversation deleted.').waitFor();
    assert.equal((await callApi(page, app.srv.url, 'GET', `/conversations/${encodeURIComponent(id)}`)).status, 404);
    const list = await callApi(page, app.srv.url, 'GET', '/conversations');
    assert.ok(!list.body.items.some((c) => c.id === id), 'gone from the list');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the composer is disabled while sending and keeps the text when sending fails', async () => {
    const { context, page } = await personIn(app);
    await newConversation(page);
    const box = page.getByLabel('Your message');
    const send = page.getByRole('button', { name: 'Send' });

    // A slow answer: the button is disabled and the text stays until the reply is in.
    let release;
    const held = new Promise((r) => (release = r));
    await page.route('**/api/v1/conversations/*/messages', async (route) => {
      await held;
      await route.continue();
    });
    await box.fill('Work has been a lot this week.');
    await send.click();
    await page.getByText('Sending…').waitFor();
    assert.equal(await send.isDisabled(), true, 'Send is disabled while sending');
    assert.equal(await box.inputValue(), 'Work has been a lot this week.');
    release();
    await page.waitForFunction(() => document.querySelectorAll('.chat-log > li[data-role="companion"]').length === 2);
    assert.equal(await send.isDisabled(), false);
    assert.equal(await box.inputValue(), '');
    await page.unroute('**/api/v1/conversations/*/messages');

    // The server cannot be reached: the words stay in the box, with a message.
    await page.route('**/api/v1/conversations/*/messages', (route) => route.abort('connectionrefused'));
    await box.fill('I hope this is not lost');
    await box.press('Enter');
    await page.getByRole('alert').filter({ hasText: /reach Interlude/ }).waitFor();
    assert.equal(await box.inputValue(), 'I hope this is not lost');
    assert.equal(await page.locator('.chat-log > li[data-role="user"]').count(), 1, 'nothing added for the failed send');
    await page.unroute('**/api/v1/conversations/*/messages');
    // An empty message is not sent.
    await box.fill('   ');
    await box.press('Enter');
    await page.getByText('Write a message first.').waitFor();
    await context.close();
  });

  test('a risky message brings the crisis card into the conversation, focused', async () => {
    const { context, page } = await personIn(app);
    const id = await newConversation(page);
    const box = page.getByLabel('Your message');
    await box.fill(HIGH);
    await box.press('Enter');
    const card = page.locator(`.chat-log ${SAFETY}`);
    await card.waitFor({ timeout: 15000 });
    assert.equal(await card.locator('a[href="tel:911"]').count(), 1, 'call 911');
    assert.ok((await card.locator('a[href="tel:988"]').count()) >= 1, 'call 988');
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), SAFETY);
    assert.doesNotMatch(await card.textContent(), /suicidal_ideation|SAFE-\d/);
    // The card follows the reply it belongs to, inside the conversation.
    assert.equal(await page.locator('.chat-log > li[data-role="companion"]').last().locator(SAFETY).count(), 1);
    // Reopened later, the card is still there, without taking focus from the page.
    await visit(page, app.srv.url, `/companion/${encodeURIComponent(id)}`);
    await page.locator(`.chat-log ${SAFETY}`).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate((sel) => !!document.activeElement?.closest(sel), SAFETY), false);
    await context.close();
  });

  test('share summary is kept; the list shows conversations; axe finds nothing (desktop, 360 px, dark)', async () => {
    const { context, page } = await personIn(app);
    const id = await newConversation(page);
    await say(page, 'I had a hard day at work and I feel tired and stressed.');
    const share = page.getByRole('checkbox', { name: 'Share a short summary with my clinician' });
    assert.equal(await share.isChecked(), false, 'not shared unless chosen');
    await share.check();
    await page.getByText('Saved: a summary of this conversation can be shared with your clinician.').waitFor();
    assert.equal((await callApi(page, app.srv.url, 'GET', `/conversations/${encodeURIComponent(id)}`)).body.share_summary, true);
    await page.reload();
    await settle(page);
    await page.locator('.chat-log > li').first().waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'Share a short summary with my clinician' }).isChecked(), true);
    await axeClean(page, 'a conversation');

    await navTo(page, 'Companion');
    await page.getByTestId('conversation-item').first().waitFor();
    assert.equal(await page.getByTestId('conversation-item').count(), 1);
    assert.match(await page.getByTestId('conversation-item').first().textContent(), /2 messages|3 messages/);
    await axeClean(page, 'the companion list');
    const state = await context.storageState();
    await context.close();

    for (const opts of [{ ...PHONE, colorScheme: 'light' }, { ...PHONE, colorScheme: 'dark' }]) {
      const { context: ctx, page: p } = await app.page({ ...opts, storageState: state });
      await visit(p, app.srv.url, '/companion');
      await axeClean(p, `companion list (${opts.colorScheme} 360px)`);
      await visit(p, app.srv.url, `/companion/${encodeURIComponent(id)}`);
      await p.locator('.chat-log > li').first().waitFor();
      await axeClean(p, `conversation (${opts.colorScheme} 360px)`);
      await ctx.close();
    }
  });
});
