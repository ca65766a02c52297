// Makes a page on a static host cross-origin isolated, so that it can run the threaded build: it
// registers the service worker (sw.js, which adds COOP/COEP and keeps the offline cache) and
// reloads once, since a page gets the worker's headers only from a navigation the worker answers.
//
//   import { becomeIsolated } from './isolation.js';
//   if (!(await becomeIsolated())) start();   // true: the page is reloading, start nothing
//
// Only a page that asks for it with <meta name="bottleneck-service-worker" content="sw.js"> gets the
// worker; scripts/make_site.mjs adds that to dist/site's index.html. The development server sends
// the headers itself, so build/web has no worker and nothing here runs there.
//
// Limits: nothing happens in an iframe (an embedded page cannot be isolated by its own worker) or
// where service workers are missing or refused (some private windows): the single-thread build
// runs there. It reloads at most once a browser session, so a browser that ignores the worker's
// headers does not reload forever; it runs the single-thread build too. The first visit waits for
// the worker to cache the whole site before it reloads.

const RELOADED_KEY = 'bottleneck-isolation-reloaded';

// Resolves true once the registration has an active worker (a reload is then answered by it), or
// false when it has none because the install failed (a file of the site could not be fetched, say).
function activeWorker(registration) {
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return Promise.resolve(registration.active !== null);
  return new Promise((resolve) => {
    const settle = () => {
      if (worker.state === 'activated') resolve(true);
      else if (worker.state === 'redundant') resolve(registration.active !== null);
    };
    worker.addEventListener('statechange', settle);
    settle();
  });
}

export async function becomeIsolated() {
  const meta = document.querySelector('meta[name="bottleneck-service-worker"]');
  if (!meta || !('serviceWorker' in navigator) || window.self !== window.top) return false;
  try {
    // Also when the page is isolated already: the worker is the offline cache too. Registering
    // again changes nothing; the browser itself looks for a new sw.js on each visit.
    const registration = await navigator.serviceWorker.register(meta.content);
    if (self.crossOriginIsolated) {
      // This browser can be isolated: should the worker go (site data cleared), reloading is right again.
      sessionStorage.removeItem(RELOADED_KEY);
      return false;
    }
    if (sessionStorage.getItem(RELOADED_KEY)) return false;
    if (!(await activeWorker(registration))) {
      console.warn('service worker: the install failed; running without cross-origin isolation');
      return false;
    }
    sessionStorage.setItem(RELOADED_KEY, '1');
    location.reload();
    return true;
  } catch (error) {
    console.warn(`service worker: ${error.message}; running without cross-origin isolation`);
    return false;
  }
}
