// Integration-test helpers on top of tests/support/server.mjs (which starts the real binary):
//   startServer({dataDir?, env?})  -> {url, dataDir, proc, output(), stop({keepData}) -> {code, signal}, kill9()}
//       without dataDir: a fresh temp dir, `init`ed, removed by stop() unless keepData.
//   initDataDir()                  -> a fresh `init`ed temp dir
//   runCli(args, {env, timeoutMs}) -> {code, signal, stdout, stderr} (never throws on exit status)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as base from './server.mjs';

export const { makeTempDir, binaryPath, repoRoot } = base;

/** Environment for the child: ours without INTERLUDE_* (a stray master key must not leak in), plus `extra`. */
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INTERLUDE_')) env[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined || v === null) delete env[k];
    else env[k] = String(v);
  }
  return env;
}

export function runCli(args, { env = {}, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(base.binaryPath(), args, { cwd: base.repoRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`interlude ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

export async function initDataDir() {
  const dir = base.makeTempDir();
  let r;
  try {
    r = await runCli(['init', '--data-dir', dir]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  if (r.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`interlude init failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return dir;
}

const live = new Set();
process.on('exit', () => { for (const p of live) { try { p.kill('SIGKILL'); } catch { /* gone */ } } });

export async function startServer({ dataDir, env = {} } = {}) {
  const own = !dataDir;
  const dir = dataDir ?? (await initDataDir());
  let srv;
  try {
    // server.mjs merges env over process.env; blank out INTERLUDE_* we were not given.
    const blank = {};
    for (const k of Object.keys(process.env)) if (k.startsWith('INTERLUDE_') && k !== 'INTERLUDE_BIN' && k !== 'INTERLUDE_WEB_ROOT') blank[k] = '';
    srv = await base.startServer({ dataDir: dir, env: { ...blank, ...env } });
  } catch (e) {
    if (own) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  live.add(srv.proc);
  srv.proc.once('exit', () => live.delete(srv.proc));
  return {
    url: srv.url,
    dataDir: dir,
    proc: srv.proc,
    /** Everything the server printed (stdout and stderr). */
    output: () => srv.output(),
    /** SIGTERM and wait (SIGKILL after a grace period); removes an own data dir unless keepData. */
    async stop({ keepData = false } = {}) {
      await srv.stop();
      const r = await srv.exited;
      if (own && !keepData) rmSync(dir, { recursive: true, force: true });
      return r;
    },
    /** SIGKILL; the data dir is kept. */
    async kill9() { await srv.kill('SIGKILL'); },
  };
}
