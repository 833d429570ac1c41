// Journal drafts kept in localStorage until the server acknowledges them (201/200), so an
// entry is never lost to a dropped connection or a server that is down. A draft is
// "queued" once the person pressed save; queued drafts are sent on save, when the browser
// comes back online, every 30 s while any wait, and when the app opens.
import { api, ApiError, isTransient } from './api';
import type { Entry, EntryBody, EntryFields, EntryKind, Reflection, Safety } from './types';
import { KIND_FIELDS } from './types';
import { serialFlush } from './serialFlush';

export interface Draft {
  localId: string;
  userId: string;
  /** null for a new entry, the server id when editing. */
  entryId: string | null;
  kind: EntryKind;
  title: string;
  text: string;
  fields: EntryFields;
  /** "Share with my clinician": sent as `shared` when set (absent: not sent, the server keeps its default). */
  shared?: boolean;
  updatedAt: string;
  queued: boolean;
  /** Where it was written: the Today page's quick box or the full editor. */
  source: 'quick' | 'editor';
  /** When a create first failed without an answer; the server may have stored it anyway. */
  attemptedAt?: string;
  /** Set when the server refused the draft (4xx): it stays until the person edits it. */
  rejected?: { message: string; field?: string } | null;
}

export type SendResult =
  | { status: 'sent'; entry: Entry; safety: Safety | null; reflection: Reflection | null }
  | { status: 'kept' }
  | { status: 'rejected'; error: ApiError };

const KEY = 'interlude.drafts.v1';
const RETRY_MS = 30_000;

/** 'sent' carries the server's safety response (null when no risk was found) and its
 * reflection (null when reflections are off or there was nothing to reflect). */
type Listener = (
  event: { type: 'change' } | { type: 'sent'; localId: string; entry: Entry; safety: Safety | null; reflection: Reflection | null },
) => void;
const listeners = new Set<Listener>();
const inFlight = new Set<string>();

function emit(e: Parameters<Listener>[0]): void {
  for (const l of listeners) l(e);
}

export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

function readAll(): Draft[] {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Draft[]) : [];
  } catch {
    return [];
  }
}

function writeAll(list: Draft[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* quota or private mode: the editor still holds the text in memory */
  }
  emit({ type: 'change' });
}

export function newLocalId(): string {
  return `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function putDraft(d: Draft): void {
  const all = readAll();
  const old = all.find((x) => x.localId === d.localId);
  const list = all.filter((x) => x !== old);
  list.push({ ...d, attemptedAt: d.attemptedAt ?? old?.attemptedAt, updatedAt: new Date().toISOString() });
  writeAll(list);
}

export function removeDraft(localId: string): void {
  const list = readAll();
  const next = list.filter((x) => x.localId !== localId);
  if (next.length !== list.length) writeAll(next);
}

export function getDraft(localId: string): Draft | undefined {
  return readAll().find((d) => d.localId === localId);
}

export function draftsFor(userId: string): Draft[] {
  return readAll()
    .filter((d) => d.userId === userId)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function queuedFor(userId: string): Draft[] {
  return draftsFor(userId).filter((d) => d.queued);
}

/** The unsent draft for an existing entry, or the newest not-yet-saved new-entry draft
 * written in the given place (queued new drafts belong to the outbox, not the form). */
export function findDraft(userId: string, entryId: string | null, source: Draft['source'] = 'editor'): Draft | undefined {
  return draftsFor(userId).find((d) =>
    entryId ? d.entryId === entryId : d.entryId === null && !d.queued && d.source === source,
  );
}

/** Removes every draft of one account (after it is deleted). */
export function clearDrafts(userId: string): void {
  writeAll(readAll().filter((d) => d.userId !== userId));
}

/** Only the kind's own, non-empty fields, with mood numbers as integers. */
export function cleanFields(kind: EntryKind, fields: EntryFields): EntryFields {
  const out: EntryFields = {};
  for (const name of KIND_FIELDS[kind]) {
    const v = fields[name];
    if (name === 'items') {
      const items = (v as string[] | undefined)?.map((s) => s.trim()).filter(Boolean) ?? [];
      if (items.length) out.items = items;
    } else if (name === 'mood_before' || name === 'mood_after') {
      if (typeof v === 'number' && Number.isFinite(v)) out[name] = Math.round(v);
    } else if (typeof v === 'string' && v.trim()) {
      out[name] = v;
    }
  }
  return out;
}

export function toBody(d: Pick<Draft, 'kind' | 'title' | 'text' | 'fields' | 'shared'>): EntryBody & { shared?: boolean } {
  const body: EntryBody & { shared?: boolean } = { text: d.text, kind: d.kind, fields: cleanFields(d.kind, d.fields) };
  if (d.title.trim()) body.title = d.title.trim();
  if (typeof d.shared === 'boolean') body.shared = d.shared;
  return body;
}

/** True when the draft has something worth saving. */
export function hasContent(d: Pick<Draft, 'kind' | 'title' | 'text' | 'fields'>): boolean {
  return d.text.trim() !== '' || Object.keys(cleanFields(d.kind, d.fields)).length > 0;
}

/** The API has no idempotency key, and a create whose answer was lost may have been
 * stored. Before sending such a draft again, look for the same entry among the newest. */
async function alreadyStored(body: EntryBody, since: string): Promise<{ entry: Entry; safety: null; reflection: null } | null> {
  const { entries } = await api.listEntries(null, 20);
  const stable = (f: EntryFields) => JSON.stringify(Object.entries(f ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  const same = (e: Entry) =>
    Date.parse(e.created_at) >= Date.parse(since) &&
    e.kind === body.kind &&
    e.text === body.text &&
    (e.title ?? '') === (body.title ?? '') &&
    stable(e.fields) === stable(body.fields);
  const found = entries.find(same);
  return found ? { entry: found, safety: null, reflection: null } : null;
}

/** Sends one draft. On 200/201 the draft is removed; transient failures keep it queued. */
export async function sendDraft(localId: string): Promise<SendResult> {
  const d = getDraft(localId);
  if (!d) return { status: 'kept' };
  if (inFlight.has(localId)) return { status: 'kept' };
  inFlight.add(localId);
  try {
    const body = toBody(d);
    const { entry, safety, reflection } = d.entryId
      ? await api.updateEntry(d.entryId, body)
      : ((d.attemptedAt && (await alreadyStored(body, d.attemptedAt))) || (await api.createEntry(body)));
    // Only drop it if it was not edited again while the request was on its way.
    const now = getDraft(localId);
    if (now && now.updatedAt === d.updatedAt) removeDraft(localId);
    else if (now) putDraft({ ...now, entryId: entry.id });
    emit({ type: 'sent', localId, entry, safety, reflection });
    return { status: 'sent', entry, safety, reflection };
  } catch (e) {
    if (isTransient(e) || !(e instanceof ApiError)) {
      const now = getDraft(localId);
      if (now && !now.entryId && !now.attemptedAt) putDraft({ ...now, attemptedAt: new Date(Date.now() - 5 * 60_000).toISOString() });
      return { status: 'kept' };
    }
    const now = getDraft(localId);
    if (now) putDraft({ ...now, queued: false, rejected: { message: e.message, field: e.field } });
    return { status: 'rejected', error: e };
  } finally {
    inFlight.delete(localId);
  }
}

/** Sends every queued draft of the user, oldest first; stops at the first that must wait. */
export const flush = serialFlush(async (userId: string) => {
  for (const d of queuedFor(userId).reverse()) {
    const r = await sendDraft(d.localId);
    if (r.status === 'kept') break;
  }
});

/** Starts retrying: on the `online` event and on a timer while drafts wait. */
export function startRetrying(currentUserId: () => string | null): void {
  const tryNow = () => {
    const id = currentUserId();
    if (id && queuedFor(id).length) void flush(id);
  };
  window.addEventListener('online', tryNow);
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) emit({ type: 'change' });
  });
  setInterval(() => {
    if (navigator.onLine) tryNow();
  }, RETRY_MS);
  tryNow();
}
