// Minimal client-side router on the history API: navigate(), a useRoute() hook and
// link-click interception for same-origin <a href="/..."> (see components/Link.tsx).
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
let lastReplace = false;

/** True when the latest route change replaced the URL in place (e.g. after saving a new entry). */
export function wasReplace(): boolean {
  return lastReplace;
}
function notify(): void {
  for (const l of listeners) l();
}
window.addEventListener('popstate', () => {
  lastReplace = false;
  notify();
});

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  lastReplace = !!opts.replace;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  if (!opts.replace) window.scrollTo(0, 0);
  notify();
}

export interface Route {
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  return { path: location.pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  const routeKey = location.pathname + location.search;
  useEffect(() => {
    const l = () => setRoute(current());
    listeners.add(l);
    // The URL may have changed between render and this effect.
    if (location.pathname + location.search !== routeKey) l();
    return () => void listeners.delete(l);
  }, []);
  return route;
}
