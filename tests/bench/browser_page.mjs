// The playground page as a visitor meets it, for `./build.sh bench` (its `page` object): headless
// Chromium with software WebGL, on our server, a fresh browser (cold HTTP cache) each time.
//
//   BOTTLENECK_WEB=build/web BOTTLENECK_SITE=dist/site node tests/bench/browser_page.mjs [--quick]
//
// - first_frame_ms, ready_ms: the page's own performance marks (web/loader.js), from navigation.
// - bytes_before_first_frame, bytes_before_ready: bytes on the wire (bodies as sent, compressed,
//   and headers) of every response that ended before the mark, the build's workers' included.
// - precache_bytes: what dist/site's service worker stores on a first visit (after its one reload,
//   once the training images and the anomalies are in).
// - per build (mt, st): the Denoising preset training as a user starts it (the Train button):
//   playground_samples_per_s (steps x batch over wall time), fps_median and fps_worst_second (the
//   page's animation frames per second, whether or not the UI redrew), draws_per_s (the frames the
//   UI drew), main_thread_ms_p95 (the app's own work in each of its tasks, state().workMs).
// - playground_time_to_quality_s (mt): the Undercomplete preset (AE-32) as a user takes it from
//   Reset to a test MSE of 0.0142, the core bench's target: Reset on the Training tab, back to the
//   Latent tab with "beside linear PCA" on, Space to train, and the seconds until that tab's model
//   MSE (over the 1,000 test images, every half second) reaches it.
// Each figure is the median of the repeats; `runs` keeps every one. Prints one JSON object.
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import {
  CHROMIUM_ARGS, chromiumPath, clickRect, layout, openTab, pollUntil, state, webRoot,
} from '../e2e/harness.mjs';

const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 3;
const TRAINING_MS = quick ? 8_000 : 20_000;
const WARM_UP_MS = 3_000;
const BATCH = 64;  // the Denoising preset's batch (src/app/session/presets.cpp)

const median = (values) => {
  const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

async function withPage(root, isolation, use) {
  const server = await startServer({ root, port: 0, isolation });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    return await use(context, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}

// Responses as they end: [epoch ms, bytes on the wire], for the page and the workers it starts.
function recordWire(context) {
  const finished = [];
  context.on('requestfinished', async (request) => {
    const ended = Date.now();
    const sizes = await request.sizes().catch(() => null);
    if (sizes) finished.push([ended, sizes.responseBodySize + sizes.responseHeadersSize]);
  });
  return finished;
}

async function coldLoad() {
  return withPage(webRoot, true, async (context, url) => {
    const wire = recordWire(context);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('bottleneck-ready').length > 0, null,
      { timeout: 60_000 });
    await page.waitForTimeout(500);  // responses that ended before the mark, still being counted
    const { origin, firstFrame, ready } = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      firstFrame: performance.getEntriesByName('bottleneck-first-frame')[0].startTime,
      ready: performance.getEntriesByName('bottleneck-ready')[0].startTime,
    }));
    const before = (ms) => wire.filter(([ended]) => ended <= origin + ms)
      .reduce((total, [, bytes]) => total + bytes, 0);
    return { first_frame_ms: Math.round(firstFrame), ready_ms: Math.round(ready),
      bytes_before_first_frame: before(firstFrame), bytes_before_ready: before(ready) };
  });
}

async function precache(siteRoot) {
  return withPage(siteRoot, false, async (context, url) => {
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => { loads += 1; });
    await page.goto(url);
    await pollUntil(() => loads, (n) => n >= 2, { timeoutMs: 60_000 });
    await pollUntil(() => state(page).catch(() => ({})), (s) => s.ready && s.trainImages > 0 && s.anomalyImages,
      { timeoutMs: 60_000 });
    await page.waitForTimeout(2_000);
    return page.evaluate(async () => {
      let bytes = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
        }
      }
      return bytes;
    });
  });
}

async function training(build) {
  return withPage(webRoot, build === 'mt', async (context, url) => {
    const page = await context.newPage();
    await page.goto(url);
    await pollUntil(() => state(page).catch(() => ({})),
      (s) => s.ready && s.preset === 'Denoising' && s.trainImages > 0,
      { timeoutMs: 60_000 });
    await clickRect(page, (await layout(page)).trainButton);
    await page.waitForTimeout(WARM_UP_MS);
    // Animation frames, counted in the page: what the user sees move, drawn or not.
    await page.evaluate(() => {
      window.benchFrames = [];
      const tick = (t) => { window.benchFrames.push(t); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const start = await state(page);
    const startedAt = Date.now();
    await page.waitForTimeout(TRAINING_MS);
    const end = await state(page);
    const seconds = (Date.now() - startedAt) / 1000;
    const frames = await page.evaluate(() => window.benchFrames);
    // Frames in each whole second of the window (the last, cut short, left out).
    const secondOf = (t) => Math.floor((t - frames[0]) / 1000);
    const perSecond = new Array(secondOf(frames.at(-1))).fill(0);
    for (const t of frames) if (secondOf(t) < perSecond.length) perSecond[secondOf(t)] += 1;
    const whole = perSecond;
    return {
      playground_samples_per_s: Math.round(((end.step - start.step) * BATCH) / seconds),
      shown_samples_per_s: Math.round(end.samplesPerSecond),
      // Frames the UI drew: it draws only when something changed, training's plots ~10 a second.
      draws_per_s: Math.round((end.drawnFrames - start.drawnFrames) / seconds),
      fps_median: median(whole),
      fps_worst_second: whole.length ? Math.min(...whole) : null,
      main_thread_ms_p95: end.workMs?.p95 ?? null,
      trainer_rest_ms: end.trainerRestMs,
    };
  });
}

const TARGET_MSE = 0.0142;  // the core bench's (src/cli/bench.cpp)
const QUALITY_LIMIT_MS = 120_000;

async function timeToQuality() {
  return withPage(webRoot, true, async (context, url) => {
    const page = await context.newPage();
    await page.goto(`${url}#preset=Undercomplete`);
    await pollUntil(() => state(page).catch(() => ({})),
      (s) => s.ready && s.preset === 'Undercomplete' && s.trainImages > 0, { timeoutMs: 60_000 });
    await openTab(page, 'Training');
    await clickRect(page, (await layout(page)).resetButton);
    await pollUntil(() => state(page), (s) => s.step === 0, { timeoutMs: 10_000 });
    await openTab(page, 'Latent');
    // The tab measures the model's test MSE beside PCA's (state().latentView.modelMse).
    await clickRect(page, (await layout(page)).besidePcaCheckbox);
    const untrained = await pollUntil(() => state(page), (s) => s.latentView.modelMse > TARGET_MSE,
      { timeoutMs: 10_000 });
    if (!(untrained.latentView.modelMse > TARGET_MSE)) throw new Error('the reset model is already at the target');
    await page.keyboard.press('Space');
    const startedAt = Date.now();
    const reached = await pollUntil(() => state(page),
      (s) => s.step > 0 && s.latentView.modelMse !== null && s.latentView.modelMse <= TARGET_MSE,
      { timeoutMs: QUALITY_LIMIT_MS, intervalMs: 100 });
    const seconds = (Date.now() - startedAt) / 1000;
    return reached.latentView.modelMse <= TARGET_MSE ? Math.round(seconds * 10) / 10 : null;
  });
}

const runs = { load: [], precache: [], mt: [], st: [], quality: [] };
for (let i = 0; i < REPEATS; i++) runs.load.push(await coldLoad());
if (process.env.BOTTLENECK_SITE) runs.precache.push(await precache(process.env.BOTTLENECK_SITE));
// BUILDS=mt (or st) measures one build alone.
const builds = (process.env.BUILDS ?? 'mt,st').split(',');
if (builds.includes('mt')) {
  // null, with the reason on stderr, when the run could not measure it: never a guess.
  for (let i = 0; i < REPEATS; i++) {
    runs.quality.push(await timeToQuality().catch((error) => {
      process.stderr.write(`time to quality: ${error.message}\n`);
      return null;
    }));
  }
}
for (let i = 0; i < REPEATS; i++) for (const build of builds) runs[build].push(await training(build));

const pick = (list, key) => median(list.map((run) => run[key]));
const perBuild = (build) => (runs[build].length === 0 ? null
  : Object.fromEntries(Object.keys(runs[build][0]).map((key) => [key, pick(runs[build], key)])));
const result = {
  first_frame_ms: pick(runs.load, 'first_frame_ms'),
  ready_ms: pick(runs.load, 'ready_ms'),
  bytes_before_first_frame: pick(runs.load, 'bytes_before_first_frame'),
  bytes_before_ready: pick(runs.load, 'bytes_before_ready'),
  precache_bytes: median(runs.precache),
  mt: runs.mt.length ? { ...perBuild('mt'), playground_time_to_quality_s: median(runs.quality) } : null,
  st: perBuild('st'),
  runs,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
