// Bottleneck's service worker, for static hosts (dist/site; web/isolation.js registers it only
// there). It does two things in one fetch handler:
//
// - Cross-origin isolation: a static host such as GitHub Pages cannot send COOP/COEP, so the worker
//   adds them to the responses it serves. After one reload the page is isolated and the loader picks
//   the threaded ("mt") build.
// - Offline: the first visit precaches the shell (the page and its scripts), and every other file
//   of the site (a build, a data set, a preset's weights) is cached when the page first uses it, so
//   a visitor stores what they use (about 4 MB), not the whole site (45 MB). After that the
//   playground runs with the network off; a file no visit used answers 503 with an
//   X-Bottleneck-Offline header, and the page says what is not available offline.
//   A new version installs beside the old and takes over at once: it keeps the old cache's copies
//   of files whose bytes did not change (FILES has each one's hash) and deletes the old cache.
//
// Ours rather than npm's coi-serviceworker: a scope has one worker, so the isolation headers and the
// offline cache must come from the same fetch handler. Wrapping coi-serviceworker's handler around a
// cache of our own is more code, and more fragile, than this file.
//
// scripts/make_site.mjs fills in VERSION (a hash of the site's files), FILES (every file of the site
// but examples/, by path, with the hash of its bytes; './' is index.html) and SHELL (what is
// precached). A changed file changes VERSION, so this script's bytes change, which is what makes
// the browser install the new version.
//
// Limits: it leaves <scope>examples/ alone (the embed example stands for a blog page, which is not
// isolated), and a page in an iframe keeps its headers: an embedded copy cannot be isolated, and the
// loader runs the single-thread build there. Caches are per origin, not per scope: two Bottleneck
// sites under one origin would delete each other's caches.

const VERSION = '__BOTTLENECK_VERSION__';
const FILES = __BOTTLENECK_FILES__;
const SHELL = __BOTTLENECK_SHELL__;

const CACHE = `bottleneck-${VERSION}`;
const SCOPE = self.registration.scope;
const EXAMPLES = new URL('examples/', SCOPE).href;
// Each cache keeps the FILES it was made for under this key, so the next version can tell which
// of its copies are still good.
const MANIFEST_KEY = new URL('bottleneck-cache-manifest.json', SCOPE).href;
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// The site's path of a URL ('' for the folder itself), or null when it is not one of FILES.
function siteFile(url) {
  if (!url.startsWith(SCOPE)) return null;
  const file = url.slice(SCOPE.length).split(/[?#]/, 1)[0];
  return Object.hasOwn(FILES, file || './') ? (file || './') : null;
}

// Copies into `cache` what an older version cached of files whose bytes are the same now.
async function keepUnchanged(cache) {
  for (const name of await caches.keys()) {
    if (!name.startsWith('bottleneck-') || name === CACHE) continue;
    const old = await caches.open(name);
    const manifest = await old.match(MANIFEST_KEY).then((response) => response?.json()).catch(() => null);
    if (!manifest) continue;
    for (const request of await old.keys()) {
      const file = siteFile(request.url);
      if (!file || manifest[file] !== FILES[file] || await cache.match(request)) continue;
      const response = await old.match(request);
      if (response) await cache.put(request, response);
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const manifest = new Response(JSON.stringify(FILES), { headers: { 'Content-Type': 'application/json' } });
    await cache.put(MANIFEST_KEY, manifest);
    // Past the HTTP cache, which may still hold the last version's copy of a file.
    await cache.addAll(SHELL.map((file) => new Request(file, { cache: 'reload' })));
    await keepUnchanged(cache);
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

// This version's copy, or the network's, which is kept when it is one of the site's files.
async function cachedOrFetched(request) {
  // Looked up in this version's cache by name: caches.open would recreate a cache that a newer
  // version has just deleted.
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    if (!siteFile(request.url)) throw error;
    return new Response(`${request.url} is not available offline: no earlier visit used it.`,
      { status: 503, statusText: 'Offline', headers: { 'X-Bottleneck-Offline': '1', 'Content-Type': 'text/plain' } });
  }
  if (response.ok && response.type === 'basic' && siteFile(request.url) && (await caches.has(CACHE))) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function respond(request) {
  const response = await cachedOrFetched(request);
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
