// `serve --tls-cert --tls-key`: HTTPS with a self-signed certificate made by the openssl
// command line, HSTS on every response, TLS 1.2 as the floor, and start-up failures that
// name the unusable file. Plain http carries no HSTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import tls from 'node:tls';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, initDataDir, makeTempDir, binaryPath, repoRoot } from '../support/integration.mjs';
import { api } from '../support/api.mjs';

let dir;
let cert;
let key;
before(() => {
  dir = makeTempDir('interlude-tls-');
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', key, '-out', cert, '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function childEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INTERLUDE_')) env[k] = v;
  return env;
}

/** Runs `interlude serve` with extra args; resolves {url, proc, output()} once it listens, or {code, output} when it exits first. */
function serve(dataDir, args) {
  const proc = spawn(binaryPath(), ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...args],
    { cwd: repoRoot, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`no listening line:\n${output}`)); }, 30_000);
    const onData = (d) => {
      output += d;
      const m = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolve({ url: m[1], proc, output: () => output }); }
    };
    proc.stdout.setEncoding('utf8').on('data', onData);
    proc.stderr.setEncoding('utf8').on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); resolve({ code, output: () => output }); });
  });
}

async function stop(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((res) => proc.once('exit', res));
  proc.kill('SIGTERM');
  await exited;
}

function get(url, path, options = {}) {
  return new Promise((resolve, reject) => {
    const req = https.get(new URL(path, url), { ca: readFileSync(cert), ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error('timed out')));
  });
}

test('HTTPS with the given certificate: health answers, HSTS on, Secure cookies', async () => {
  const dataDir = await initDataDir();
  const srv = await serve(dataDir, ['--tls-cert', cert, '--tls-key', key]);
  try {
    assert.ok(srv.url, `server did not start:\n${srv.output()}`);
    assert.match(srv.url, /^https:\/\//);
    const res = await get(srv.url, '/api/v1/health');
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).status, 'ok');
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
    // Session cookies are Secure when the connection is.
    const started = await new Promise((resolve, reject) => {
      const req = https.request(new URL('/api/v1/auth/anonymous', srv.url), {
        method: 'POST', ca: readFileSync(cert), headers: { 'Content-Type': 'application/json', 'Content-Length': 2 },
      }, (r) => { r.resume(); r.on('end', () => resolve(r)); });
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(started.statusCode, 201);
    assert.match(String(started.headers['set-cookie']), /; Secure/);
    // An older protocol is refused by the server (its alert, not our client's own policy:
    // the client is told to allow anything).
    const { port } = new URL(srv.url);
    const refused = await new Promise((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1', port: Number(port), ca: readFileSync(cert), maxVersion: 'TLSv1.1', minVersion: 'TLSv1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      });
      socket.on('secureConnect', () => { socket.destroy(); resolve('connected'); });
      socket.on('error', (e) => resolve(e.code));
    });
    assert.equal(refused, 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'the server refuses TLS 1.1');
    // TLS 1.2 with a suite lacking forward secrecy is refused too.
    const weak = await new Promise((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1', port: Number(port), ca: readFileSync(cert), maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA',
      });
      socket.on('secureConnect', () => { socket.destroy(); resolve('connected'); });
      socket.on('error', (e) => resolve(e.code));
    });
    assert.equal(weak, 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'the server refuses a static-RSA CBC suite');
    // Plain HTTP to the TLS port gets no answer.
    await assert.rejects(api(srv.url.replace('https:', 'http:'), 'GET', '/api/v1/health', { timeoutMs: 10_000 }));
  } finally {
    await stop(srv.proc);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('plain http: no HSTS', async () => {
  const srv = await startServer();
  try {
    const res = await api(srv.url, 'GET', '/api/v1/health');
    assert.equal(res.status, 200);
    assert.equal(res.headers['strict-transport-security'], undefined);
  } finally {
    await srv.stop();
  }
});

test('a missing or unusable certificate or key stops start-up with a sentence naming the file', async () => {
  const dataDir = await initDataDir();
  const garbage = join(dir, 'garbage.pem');
  writeFileSync(garbage, 'this is not a certificate\n');
  const otherKey = join(dir, 'other-key.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey], { stdio: 'ignore' });
  const missing = join(dir, 'missing.pem');
  try {
    for (const [args, named] of [
      [['--tls-cert', missing, '--tls-key', key], missing],
      [['--tls-cert', cert, '--tls-key', missing], missing],
      [['--tls-cert', garbage, '--tls-key', key], garbage],
      [['--tls-cert', cert, '--tls-key', garbage], garbage],
      [['--tls-cert', cert, '--tls-key', otherKey], otherKey],
      [['--tls-cert', cert], '--tls-key'],
    ]) {
      const r = await serve(dataDir, args);
      if (r.proc) await stop(r.proc);
      assert.notEqual(r.code, 0, `serve ${args.join(' ')} must fail:\n${r.output()}`);
      assert.ok(r.code !== undefined, `serve ${args.join(' ')} started:\n${r.output()}`);
      assert.ok(r.output().includes(named), `the message names ${named}:\n${r.output()}`);
      assert.doesNotMatch(r.output(), /listening on/);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
