// The person's links to clinicians, loaded from GET /links and shared by every page that
// needs them (the sharing page, the editor's "Share with my clinician" box, the journal).
// Whether any link shares journal entries is also kept on the device per account, so the
// editor can offer the box offline; the server decides in the end what a clinician sees.
import { useEffect, useState } from 'preact/hooks';
import { sharingApi } from './api';
import type { ClientLink } from './types';

const KEY = 'interlude.sharesEntries.v1';

let current: { userId: string; links: ClientLink[] } | null = null;
const listeners = new Set<() => void>();

function remembered(userId: string): boolean {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) || '{}') as Record<string, boolean>;
    return all[userId] === true;
  } catch {
    return false;
  }
}

function remember(userId: string, shares: boolean): void {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) || '{}') as Record<string, boolean>;
    if (shares) all[userId] = true;
    else delete all[userId];
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    /* storage unavailable: the box shows when the links can be loaded */
  }
}

/** Replaces the known links of `userId` (after a load or a change) and tells the pages. */
export function setLinks(userId: string, links: ClientLink[]): void {
  current = { userId, links };
  remember(userId, links.some((l) => l.share.entries === true));
  for (const l of listeners) l();
}

/** Loads the links from the server; keeps what is known when it cannot be reached. */
export async function loadLinks(userId: string): Promise<ClientLink[]> {
  const links = await sharingApi.links();
  setLinks(userId, links);
  return links;
}

export interface LinksState {
  /** null until loaded (or when they could not be loaded). */
  links: ClientLink[] | null;
  /** True when a link shares journal entries (from the device when not loaded). */
  sharesEntries: boolean;
  error: unknown;
  reload: () => Promise<void>;
}

/** The person's links, loaded when the component mounts. Clinicians and admins have none. */
export function useLinks(userId: string, role = 'client'): LinksState {
  const mine = () => (current && current.userId === userId ? current.links : null);
  const [links, setState] = useState<ClientLink[] | null>(mine);
  const [error, setError] = useState<unknown>(null);
  const reload = async () => {
    setError(null);
    try {
      await loadLinks(userId);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    const l = () => setState(mine());
    listeners.add(l);
    if (role === 'client') void reload();
    return () => void listeners.delete(l);
  }, [userId, role]);
  const sharesEntries = role === 'client' && (links ? links.some((l) => l.share.entries === true) : remembered(userId));
  return { links, sharesEntries, error, reload };
}
