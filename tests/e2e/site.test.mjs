// The playground away from its own server: in iframes on a blog page that is not isolated (the
// embed example), and as dist/site on a plain static host, where the service worker makes it
// isolated after one reload and keeps it working with the server gone.
//
// The service worker's own fetches are not page requests, so Playwright's setOffline would not cut
// them off: "offline" here means the server is stopped.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import {
  CHROMIUM_ARGS, assertClean, chromiumPath, clickRect, layout, pollUntil, screenshotDir, state, webRoot,
} from './harness.mjs';

const makeSiteScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/make_site.mjs');

// A browser page that records what no test may see: uncaught errors, console errors (in any frame)
// and requests that leave the origin.
async function openPage(origin) {
  if (!fs.existsSync(path.join(webRoot, 'examples', 'embed.html'))) {
    throw new Error(`${webRoot}/examples/embed.html is missing: run ./build.sh web first`);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const session = { browser, page, pageErrors: [], consoleErrors: [], consoleLines: [], offOriginRequests: [] };
  page.on('pageerror', (error) => session.pageErrors.push(error.message));
  page.on('console', (message) => {
    session.consoleLines.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') session.consoleErrors.push(message.text());
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
      session.offOriginRequests.push(url);
    }
  });
  return session;
}

// `offlineAsked`: the test asked for files the offline site does not have, whose 503s the browser
// logs as errors.
function assertNoConsoleErrors({ consoleErrors }, { offlineAsked = false } = {}) {
  const unexpected = consoleErrors.filter((line) => !(offlineAsked && /status of 503 \(Offline\)/.test(line)));
  assert.deepEqual(unexpected, [], `console errors:\n${unexpected.join('\n')}`);
}

// Ready, as the loader and the app report it, in a page or a frame.
const playgroundState = () => ({
  isolated: self.crossOriginIsolated,
  build: window.bottleneck?.build,
  ready: window.bottleneck?.state().ready === true,
});

function makeSite(from, to) {
  execFileSync(process.execPath, [makeSiteScript, '--from', from, '--to', to], { stdio: 'pipe' });
  return /const VERSION = '([0-9a-f]{16})'/.exec(fs.readFileSync(path.join(to, 'sw.js'), 'utf8'))[1];
}

test("the embed page's three iframes run the single-thread build, each loading once, with no console errors",
  async () => {
    const server = await startServer({ root: webRoot, port: 0, isolation: true });
    const session = await openPage(new URL(server.url).origin);
    try {
      const { page } = session;
      const frameLoads = [];
      page.on('request', (request) => {
        if (request.isNavigationRequest() && request.frame() !== page.mainFrame()) {
          frameLoads.push(new URL(request.url()).pathname);
        }
      });
      await page.goto(`${server.url}examples/embed.html`);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), false,
        'the server sent /examples/embed.html with the isolation headers');
      const frames = page.frames().filter((frame) => frame !== page.mainFrame());
      assert.equal(frames.length, 3);
      const states = await Promise.all(frames.map(async (frame) => {
        await frame.waitForFunction(() => window.bottleneck?.state().ready === true, null, { timeout: 90_000 })
          .catch((error) => {
            throw new Error(`${frame.url()} never became ready: ${error.message}\n${session.consoleLines.join('\n')}`);
          });
        return frame.evaluate(playgroundState);
      }));
      for (const [i, state] of states.entries()) {
        assert.deepEqual(state, { isolated: false, build: 'st', ready: true }, frames[i].url());
      }
      assert.deepEqual(frameLoads, ['/index.html', '/index.html', '/index.html']);
      // Each took its link: embed mode, and the third without the training controls.
      const modes = await Promise.all(frames.map((frame) => frame.evaluate(() => window.bottleneck.state().page)));
      assert.deepEqual(modes.map((mode) => [mode.embed, mode.controls]), [[true, true], [true, true], [true, false]]);
      fs.mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, 'embed-example.png'), fullPage: true });
      assertNoConsoleErrors(session);
      assertClean(session);
    } finally {
      await session.browser.close();
      await server.close();
    }
  });

describe('dist/site on a plain static server (no COOP/COEP)', () => {
  let work;
  let server;
  let session;
  let mainLoads = 0;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-site-'));
    makeSite(webRoot, path.join(work, 'site'));
    server = await startServer({ root: path.join(work, 'site'), port: 0, isolation: false });
    session = await openPage(new URL(server.url).origin);
    session.page.on('load', () => { mainLoads += 1; });
  });
  after(async () => {
    await session?.browser.close();
    await server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function expectThreadedPlayground(page) {
    await page.waitForFunction(() => window.bottleneck?.state().ready === true, null, { timeout: 60_000 })
      .catch((error) => {
        throw new Error(`the playground never became ready: ${error.message}\n${session.consoleLines.join('\n')}`);
      });
    assert.deepEqual(await page.evaluate(playgroundState), { isolated: true, build: 'mt', ready: true });
  }

  test('dist/site on a plain static server becomes cross-origin isolated after one reload and runs the threaded build',
    async () => {
      const { page } = session;
      await page.goto(server.url);
      // The first visit caches the site, then reloads under the worker's headers.
      await pollUntil(() => mainLoads, (loads) => loads >= 2, { timeoutMs: 60_000 });
      await expectThreadedPlayground(page);
      assert.equal(mainLoads, 2, 'the page should load twice: the first visit and one reload');
      assertNoConsoleErrors(session);
      assertClean(session);
    });

  test('after one visit the playground works with the server stopped, and a new version replaces the cache',
    async () => {
      const { page } = session;
      const { port } = new URL(server.url);
      await server.close();
      server = null;
      await page.reload();
      await expectThreadedPlayground(page);
      // The first visit stored what it used, and no more: Fashion-MNIST's training images (never
      // used) are not there, and the page says so rather than wait in silence.
      const cached = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).keys())
        .map((request) => new URL(request.url).pathname.split('/').slice(-2).join('/')));
      assert.ok(cached.includes('data/mnist-train.bnds.gz'), `not cached: ${cached.join(', ')}`);
      assert.ok(!cached.some((file) => /fashion-train|mnist-(ae|vae|sparse|conv)\./.test(file)),
        `cached without being used: ${cached.join(', ')}`);
      await clickRect(page, (await layout(page)).datasetButtons.fashion);
      await pollUntil(() => state(page), (s) => /not saved by an earlier visit/.test(s.notice), { timeoutMs: 20_000 });

      // The second version differs by one comment in loader.js; the port stays, or it would be
      // another origin with a cache of its own.
      const secondWeb = path.join(work, 'web-2');
      fs.cpSync(webRoot, secondWeb, { recursive: true });
      fs.appendFileSync(path.join(secondWeb, 'loader.js'), '// the second version\n');
      const secondVersion = makeSite(secondWeb, path.join(work, 'site-2'));
      server = await startServer({ root: path.join(work, 'site-2'), port: Number(port), isolation: false });
      await page.reload();
      await expectThreadedPlayground(page);
      const cacheNames = await pollUntil(() => page.evaluate(async () => {
        // The worker checks for a new version on its own too; this only makes it check now.
        await (await navigator.serviceWorker.getRegistration())?.update().catch(() => {});
        return caches.keys();
      }), (names) => names.length === 1 && names[0] === `bottleneck-${secondVersion}`,
      { timeoutMs: 60_000, intervalMs: 500 });
      assert.deepEqual(cacheNames, [`bottleneck-${secondVersion}`]);
      const loader = await page.evaluate(() => fetch('loader.js').then((response) => response.text()));
      assert.ok(loader.endsWith('// the second version\n'), 'loader.js still comes from the first version');
      assertNoConsoleErrors(session, { offlineAsked: true });
      assertClean(session);
    });
});
