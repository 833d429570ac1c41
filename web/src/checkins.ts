// Mood check-ins kept on the device until the server has them, like journal drafts
// (drafts.ts). A check-in gets its `at` time, `tz_offset_min` and a local key when it is
// made, so a check-in sent later keeps the moment it was felt. The API has no
// idempotency key: when a send got no answer (it may have been stored), the newest
// check-ins at that exact `at` are looked at before sending it again, so none is sent twice.
import { api, ApiError, isTransient, NetworkError } from './api';
import type { CheckIn, CheckInBody, Reflection, Safety } from './types';
import { serialFlush } from './serialFlush';

export interface QueuedCheckIn {
  localId: string;
  userId: string;
  /** Includes `at` (ISO time, with milliseconds) and `tz_offset_min`. */
  body: CheckInBody & { at: string };
  /** Set when a send got no answer: the server may have stored it. */
  attempted?: boolean;
}

export type CheckInResult =
  | { status: 'sent'; checkin: CheckIn; safety: Safety | null; reflection: Reflection | null }
  | { status: 'kept' }
  | { status: 'rejected'; error: ApiError };

const KEY = 'interlude.checkins.v1';
const RETRY_MS = 30_000;
const listeners = new Set<() => void>();
const inFlight = new Set<string>();

export function subscribeCheckins(l: () => void): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

function readAll(): QueuedCheckIn[] {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as QueuedCheckIn[]) : [];
  } catch {
    return [];
  }
}

function writeAll(list: QueuedCheckIn[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* storage full or unavailable: the send still runs once */
  }
  for (const l of listeners) l();
}

function update(localId: string, patch: Partial<QueuedCheckIn>): void {
  writeAll(readAll().map((c) => (c.localId === localId ? { ...c, ...patch } : c)));
}

function remove(localId: string): void {
  writeAll(readAll().filter((c) => c.localId !== localId));
}

/** Waiting check-ins of one account, oldest first. */
export function queuedCheckins(userId: string): QueuedCheckIn[] {
  return readAll()
    .filter((c) => c.userId === userId)
    .sort((a, b) => a.body.at.localeCompare(b.body.at));
}

export function clearCheckins(userId: string): void {
  writeAll(readAll().filter((c) => c.userId !== userId));
}

/** Keeps a new check-in on the device; returns its local key. */
export function queueCheckin(userId: string, body: CheckInBody): string {
  const now = new Date();
  const localId = `c-${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const full = { ...body, at: body.at ?? now.toISOString(), tz_offset_min: body.tz_offset_min };
  writeAll([...readAll(), { localId, userId, body: full }]);
  return localId;
}

const sameList = (a: string[] | undefined, b: string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

/** The stored copy of a check-in whose earlier send got no answer, if the server has it. */
async function alreadyStored(body: QueuedCheckIn['body']): Promise<CheckIn | null> {
  const at = Date.parse(body.at);
  const { checkins } = await api.listCheckins({ from: body.at, to: new Date(at + 1000).toISOString(), limit: 100 });
  return (
    checkins.find(
      (c) =>
        Date.parse(c.at) === at &&
        c.valence === body.valence &&
        c.energy === body.energy &&
        sameList(c.emotions, body.emotions) &&
        sameList(c.tags, body.tags.map((s) => s.toLowerCase())),
    ) ?? null
  );
}

/** Sends one waiting check-in; it leaves the device on 201 (or when found stored). */
export async function sendCheckin(localId: string): Promise<CheckInResult> {
  const q = readAll().find((c) => c.localId === localId);
  if (!q || inFlight.has(localId)) return { status: 'kept' };
  inFlight.add(localId);
  try {
    const found = q.attempted ? await alreadyStored(q.body) : null;
    const r = found ? { checkin: found, safety: null, reflection: null } : await api.createCheckin(q.body);
    remove(localId);
    return { status: 'sent', checkin: r.checkin, safety: r.safety ?? null, reflection: r.reflection };
  } catch (e) {
    if (isTransient(e) || !(e instanceof ApiError)) {
      // No answer, or server trouble: it may have been stored, so look before resending.
      if (e instanceof NetworkError || (e instanceof ApiError && e.status >= 500)) update(localId, { attempted: true });
      return { status: 'kept' };
    }
    remove(localId);
    return { status: 'rejected', error: e };
  } finally {
    inFlight.delete(localId);
  }
}

/** Sends every waiting check-in of the user, oldest first; stops at the first that must wait. */
export const flushCheckins = serialFlush(async (userId: string) => {
  for (const c of queuedCheckins(userId)) {
    const r = await sendCheckin(c.localId);
    if (r.status === 'kept') break;
  }
});

/** Retries on the `online` event, on a timer while any wait, and at once. */
export function startRetryingCheckins(currentUserId: () => string | null): void {
  const tryNow = () => {
    const id = currentUserId();
    if (id && queuedCheckins(id).length) void flushCheckins(id);
  };
  window.addEventListener('online', tryNow);
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) for (const l of listeners) l();
  });
  setInterval(() => {
    if (navigator.onLine) tryNow();
  }, RETRY_MS);
  tryNow();
}
