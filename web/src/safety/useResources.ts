// Crisis resources for a country from GET /safety/resources. The last list fetched for
// each country is kept on the device (public data, nothing personal), so the help page
// still has real numbers offline; with neither, the caller falls back to StaticHelplines.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { Resource } from '../types';

const KEY = 'interlude.helplines.v1';

export type ResourcesState =
  | { status: 'loading' }
  | { status: 'live' | 'saved'; country: string | null; resources: Resource[] }
  | { status: 'fallback' };

function readCache(): Record<string, { country: string | null; resources: Resource[] }> {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '{}');
  } catch {
    return {};
  }
}

function writeCache(requested: string, value: { country: string | null; resources: Resource[] }): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...readCache(), [requested]: value }));
  } catch {
    /* storage unavailable: the list is simply fetched again next time */
  }
}

/** The list kept on the device for `country`, if any. */
export function savedResources(country: string | null): Resource[] | null {
  return readCache()[country ?? '']?.resources ?? null;
}

/** Resources for `country` (null: international). `wait` holds the request back (e.g.
 * until it is known who is signed in). */
export function useResources(country: string | null, wait = false): ResourcesState {
  const [state, setState] = useState<ResourcesState>({ status: 'loading' });
  useEffect(() => {
    if (wait) return;
    let live = true;
    const requested = country ?? '';
    setState({ status: 'loading' });
    api.safetyResources(country).then(
      (r) => {
        writeCache(requested, r);
        if (live) setState({ status: 'live', country: r.country, resources: r.resources });
      },
      () => {
        if (!live) return;
        const saved = readCache()[requested];
        setState(saved ? { status: 'saved', ...saved } : { status: 'fallback' });
      },
    );
    return () => {
      live = false;
    };
  }, [country, wait]);
  return state;
}
