// TOTP for the tests (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), and the creation of a
// clinician or admin account through the command line, whose output gives the
// authenticator secret (an otpauth:// URI) and the one-time recovery codes.
import { createHmac } from 'node:crypto';
import { api, expectStatus, freshAddress, STRONG_PASSWORD, unique } from './api.mjs';
import { runCli } from './integration.mjs';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit code for `secret` (base32) at `timeMs` (default now), `stepOffset` steps away. */
export function totpCode(secret, timeMs = Date.now(), stepOffset = 0) {
  const step = Math.floor(timeMs / 1000 / 30) + stepOffset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

/** {uri, secret, recoveryCodes} from the output of `interlude user create` for a clinician or admin. */
export function parseEnrolment(stdout) {
  const uri = (stdout.match(/otpauth:\/\/\S+/) || [])[0];
  if (!uri) throw new Error(`no otpauth URI in:\n${stdout}`);
  const secret = new URL(uri).searchParams.get('secret');
  const recoveryCodes = stdout.split('\n').map((l) => l.trim())
    .filter((l) => /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/.test(l));
  return { uri, secret, recoveryCodes };
}

/**
 * Creates a clinician (or admin, with role) in `dataDir` with the CLI; resolves to
 * {login, password, uri, secret, recoveryCodes, stdout}.
 */
export async function createStaff(dataDir, { login, password, role = 'clinician', clinic } = {}) {
  const args = ['user', 'create', '--data-dir', dataDir, '--role', role, '--login', login, '--password', password];
  if (clinic) args.push('--clinic', clinic);
  const made = await runCli(args);
  if (made.code !== 0) throw new Error(`user create failed (${made.code}): ${made.stderr}`);
  return { login, password, ...parseEnrolment(made.stdout), stdout: made.stdout };
}

/**
 * A clinician (or admin, with `role`) made with the CLI in `server`'s data directory and
 * signed in with a TOTP code: resolves to {token, id, handle}.
 */
export async function signedInStaff(server, { role = 'clinician', clinic } = {}) {
  const login = `${unique(role)}@example.org`;
  const made = await createStaff(server.dataDir, { login, password: STRONG_PASSWORD, role, clinic });
  const res = await api(server.url, 'POST', '/api/v1/auth/login', {
    body: { login, password: STRONG_PASSWORD, totp: totpCode(made.secret) }, localAddress: freshAddress(),
  });
  const json = expectStatus(res, 200, `${role} sign-in`);
  return { token: json.token, id: json.user.id, handle: json.user.handle };
}
