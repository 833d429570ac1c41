// Who is signed in. The session itself is an HttpOnly cookie the app cannot read; this
// module keeps the user from GET /me, and a small copy (id, handle) in localStorage so the
// app shell can open offline and keep unsent drafts tied to the right account.
import { useEffect, useState } from 'preact/hooks';
import { api, NetworkError } from './api';
import type { User } from './types';

const KEY = 'interlude.user.v1';

/** undefined while unknown, null when signed out. */
let user: User | null | undefined;
let offlineGuess = false;
const listeners = new Set<() => void>();

function cached(): User | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

export function setUser(u: User | null): void {
  user = u;
  offlineGuess = false;
  try {
    // The e-mail itself is not kept on the device; '' marks an e-mail account (so it is
    // not greeted by its random handle, nor offered a recovery code, when offline).
    if (u) localStorage.setItem(KEY, JSON.stringify({ id: u.id, handle: u.handle, role: u.role, country: u.country, created_at: u.created_at, email: u.email ? '' : null }));
    else localStorage.removeItem(KEY);
  } catch {
    /* storage unavailable: nothing to keep */
  }
  for (const l of listeners) l();
}

export function getUser(): User | null | undefined {
  return user;
}

/** True when the user shown is the cached one because the server could not be reached. */
export function isOfflineGuess(): boolean {
  return offlineGuess;
}

/** Asks the server who we are. Offline, falls back to the last signed-in user on this device. */
export async function loadSession(): Promise<void> {
  try {
    const { user: u } = await api.me();
    setUser(u);
  } catch (e) {
    if (e instanceof NetworkError) {
      user = cached();
      offlineGuess = user !== null;
      for (const l of listeners) l();
    } else {
      setUser(null);
    }
  }
}

export function useUser(): User | null | undefined {
  const [seen, setSeen] = useState<{ u: User | null | undefined }>({ u: user });
  useEffect(() => {
    const l = () => setSeen({ u: user });
    listeners.add(l);
    // The answer may have arrived between render and this effect.
    if (seen.u !== user) l();
    return () => void listeners.delete(l);
  }, []);
  return user;
}
