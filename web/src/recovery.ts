// A recovery code that was just shown (new anonymous account, or a new code made in
// Settings) is kept in sessionStorage until the person ticks "I have saved it", so a
// reload, the back button or a stray tap cannot lose it for good. While one waits, the
// app sends the person back to the code screen (see app.tsx).
import { useEffect, useState } from 'preact/hooks';

export interface PendingCode {
  userId: string;
  handle: string;
  code: string;
  /** 'new': a brand-new account (shown on /start); 'renewed': made in Settings. */
  kind: 'new' | 'renewed';
}

const KEY = 'interlude.pendingCode.v1';
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

export function getPendingCode(userId?: string | null): PendingCode | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const p = raw ? (JSON.parse(raw) as PendingCode) : null;
    if (!p || (userId !== undefined && p.userId !== userId)) return null;
    return p;
  } catch {
    return null;
  }
}

export function savePendingCode(p: PendingCode): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage unavailable: the code is still on screen */
  }
  notify();
}

export function clearPendingCode(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* nothing to clear */
  }
  notify();
}

/** The code waiting to be confirmed for this user, kept up to date. */
export function usePendingCode(userId: string | null | undefined): PendingCode | null {
  const read = () => (userId ? getPendingCode(userId) : null);
  const [p, setP] = useState(read);
  useEffect(() => {
    setP(read());
    const l = () => setP(read());
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [userId]);
  return p;
}
