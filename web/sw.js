// Bottleneck's service worker, for static hosts (dist/site; web/isolation.js registers it only
// there). It does two things in one fetch handler:
//
// - Cross-origin isolation: a static host such as GitHub Pages cannot send COOP/COEP, so the worker
//   adds them to the responses it serves. After one reload the page is isolated and the loader picks
//   the threaded ("mt") build.
// - Offline: it precaches the whole site under one version and serves it cache first, so after the
//   first visit the playground runs with the network off. A new version installs beside the old,
//   takes over at once and deletes the old cache.
//
// Ours rather than npm's coi-serviceworker: a scope has one worker, so the isolation headers and the
// offline cache must come from the same fetch handler. Wrapping coi-serviceworker's handler around a
// cache of our own is more code, and more fragile, than this file.
//
// scripts/make_site.mjs fills in VERSION (a hash of the site's files) and FILES (every file of the
// site except examples/, plus './' for a navigation to the folder). A changed file changes VERSION,
// so this script's bytes change, which is what makes the browser install the new version.
//
// Limits: it leaves <scope>examples/ alone (the embed example stands for a blog page, which is not
// isolated), and a page in an iframe keeps its headers: an embedded copy cannot be isolated, and the
// loader runs the single-thread build there. Caches are per origin, not per scope: two Bottleneck
// sites under one origin would delete each other's caches.

const VERSION = '__BOTTLENECK_VERSION__';
const FILES = __BOTTLENECK_FILES__;

const CACHE = `bottleneck-${VERSION}`;
const EXAMPLES = new URL('examples/', self.registration.scope).href;
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Past the HTTP cache, which may still hold the last version's copy of a file.
    await cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const stale = (await caches.keys()).filter((name) => name.startsWith('bottleneck-') && name !== CACHE);
    await Promise.all(stale.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

function withIsolation(response) {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request) {
  // Looked up in this version's cache by name: caches.open would recreate a cache that a newer
  // version has just deleted.
  const response = (await caches.match(request, { cacheName: CACHE })) ?? await fetch(request);
  const embedded = request.mode === 'navigate' && request.destination === 'iframe';
  // A redirect to follow is an opaque response (status 0), which a new Response cannot copy.
  if (embedded || response.type === 'opaqueredirect') return response;
  return withIsolation(response);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin
      || request.url.startsWith(EXAMPLES)) {
    return;
  }
  event.respondWith(respond(request));
});
