// Test support: runs a real `interlude` server for integration and browser tests.
//
//   const srv = await startTestServer();          // temp data dir + `init` + `serve`
//   ... srv.url, srv.dataDir, srv.proc ...
//   await srv.stop();                              // kills it, removes the temp dir
//
//   const again = await startServer({ dataDir });  // restart on an existing data dir
//   await again.kill('SIGKILL');                   // crash it; data dir is kept
//
// The binary is $INTERLUDE_BIN, or build/ci/interlude under the repository root. The web
// root is $INTERLUDE_WEB_ROOT, or web/dist. Serve listens on 127.0.0.1:0 and the URL is
// read from the first output line matching `listening on http://127.0.0.1:PORT`.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function binaryPath() {
  const p = process.env.INTERLUDE_BIN || 'build/ci/interlude';
  return resolve(repoRoot, p);
}

export function webRoot() {
  return resolve(repoRoot, process.env.INTERLUDE_WEB_ROOT || 'web/dist');
}

/** True when the server binary exists (tests can skip cleanly otherwise). */
export function haveBinary() {
  return existsSync(binaryPath());
}

/** Makes an empty temp directory for a data dir. */
export function makeTempDir(prefix = 'interlude-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `interlude init --data-dir D` and returns its output. */
export async function initDataDir(dataDir, { bin = binaryPath(), env = {} } = {}) {
  const { stdout, stderr } = await run(bin, ['init', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return stdout + stderr;
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Spawns `interlude serve` on an existing data dir and waits until it listens.
 * Options: dataDir (required), bin, web (web root), env, args (extra CLI args),
 * listen (default 127.0.0.1:0; pass a fixed port to come back on the same origin), timeoutMs,
 * removeDataDirOnStop (default false).
 * Returns { url, dataDir, proc, output(), kill(signal), stop() }.
 */
export async function startServer(opts) {
  const {
    dataDir,
    bin = binaryPath(),
    web = webRoot(),
    env = {},
    args = [],
    listen = '127.0.0.1:0',
    timeoutMs = 20_000,
    removeDataDirOnStop = false,
  } = opts;
  if (!dataDir) throw new Error('startServer: dataDir is required');
  if (!existsSync(bin)) throw new Error(`interlude binary not found at ${bin} (set INTERLUDE_BIN)`);

  const proc = spawn(bin, ['serve', '--listen', listen, '--data-dir', dataDir, '--web-root', web, ...args], {
    // Every test signs up from 127.0.0.1; lift the per-address sign-up limit unless a test
    // sets it (the limit itself is tested in tests/integration/auth.test.mjs).
    env: { INTERLUDE_SIGNUP_MAX_PER_WINDOW: '100000', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));

  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      rej(new Error(`server did not report listening within ${timeoutMs} ms; output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = LISTENING.exec(output);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      rej(new Error(`server exited early (code ${code}, signal ${signal}); output:\n${output}`));
    });
    proc.once('error', (e) => {
      clearTimeout(timer);
      rej(e);
    });
  });

  let stopped = false;
  const kill = async (signal = 'SIGTERM', graceMs = 5_000) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return exited;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    const r = await exited;
    clearTimeout(timer);
    return r;
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await kill('SIGTERM');
    if (removeDataDirOnStop) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, proc, output: () => output, exited, kill, stop };
}

/** A fresh server: temp data dir, `init`, `serve`. stop() also removes the temp dir. */
export async function startTestServer(opts = {}) {
  const dataDir = makeTempDir();
  try {
    await initDataDir(dataDir, opts);
    return await startServer({ ...opts, dataDir, removeDataDirOnStop: true });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
