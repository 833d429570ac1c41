// Sign-up limits per address, and what a trusted reverse proxy may tell the server
// (client address, https) versus an untrusted peer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/integration.mjs';
import { api, assertError, sessionCookie } from '../support/api.mjs';

const anonymousFrom = (url, forwardedFor, extra = {}) =>
  api(url, 'POST', '/api/v1/auth/anonymous', {
    body: {}, headers: { 'X-Forwarded-For': forwardedFor, ...extra },
  });

test('new accounts are limited per address, with Retry-After', async () => {
  const srv = await startServer({ env: { INTERLUDE_SIGNUP_MAX_PER_WINDOW: '3' } });
  try {
    for (let i = 0; i < 3; i++) assert.equal((await anonymousFrom(srv.url, '10.0.0.1')).status, 201);
    const refused = await anonymousFrom(srv.url, '10.0.0.1');
    assertError(refused, 429, 'resource_exhausted');
    assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After in seconds');
    // X-Forwarded-For from an untrusted peer is ignored: 10.0.0.2 is still 127.0.0.1.
    assertError(await anonymousFrom(srv.url, '10.0.0.2'), 429, 'resource_exhausted');
    const register = await api(srv.url, 'POST', '/api/v1/auth/register', {
      body: { email: 'limit@example.org', password: 'a long river stone' },
    });
    assertError(register, 429, 'resource_exhausted');
  } finally {
    await srv.stop();
  }
});

test('a trusted proxy names the client address and the https scheme', async () => {
  const srv = await startServer({
    env: { INTERLUDE_SIGNUP_MAX_PER_WINDOW: '2', INTERLUDE_TRUSTED_PROXIES: '127.0.0.1, ::1' },
  });
  try {
    const https = { 'X-Forwarded-Proto': 'https' };
    const first = await anonymousFrom(srv.url, '198.51.100.7, 10.0.0.1', https);
    assert.equal(first.status, 201);
    const cookie = sessionCookie(first);
    assert.equal(cookie.attrs.secure, true, `Secure behind an https proxy: ${cookie.raw}`);
    assert.match(first.headers['strict-transport-security'] ?? '', /max-age=\d+/);
    assert.equal((await anonymousFrom(srv.url, '10.0.0.1', https)).status, 201);
    // The right-most address is the one the proxy saw: both counted against 10.0.0.1.
    assertError(await anonymousFrom(srv.url, '10.0.0.1', https), 429, 'resource_exhausted');
    assert.equal((await anonymousFrom(srv.url, '10.0.0.2', https)).status, 201);
    // Plain http through the proxy: no Secure, no HSTS.
    const plain = await anonymousFrom(srv.url, '10.0.0.3');
    assert.equal(plain.status, 201);
    assert.equal(sessionCookie(plain).attrs.secure, undefined);
    assert.equal(plain.headers['strict-transport-security'], undefined);
  } finally {
    await srv.stop();
  }
});
