// Interlude service worker (template; scripts/build-sw.mjs fills in SHELL and VERSION
// and writes dist/sw.js). Caches the app shell (index.html + hashed assets) so the app
// opens offline. It never caches or answers /api/ requests: those always go to the network.
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const CACHE = 'interlude-shell-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('interlude-shell-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function isApi(url) {
  return url.pathname === '/api' || url.pathname.startsWith('/api/');
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || isApi(url)) return; // network only, never cached

  if (req.mode === 'navigate') {
    // Network first so a new release shows at once; the cached shell when offline.
    event.respondWith(
      fetch(req).catch(() =>
        caches.match('/index.html', { cacheName: CACHE }).then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith(
      caches.match(req, { cacheName: CACHE }).then((hit) => hit || fetch(req)),
    );
  }
});
