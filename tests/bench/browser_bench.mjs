// The core's speed in headless Chromium, for `./build.sh bench`: web/bench.html once per variant
// (mt on every thread, mt on one, st, the mt build made with -fwasm-exceptions; TensorFlow.js on its
// wasm and cpu backends), each a fresh page load on our server (isolated but for st).
// Prints one JSON object: each variant's figures, as web/bench_worker.js reports them.
//
//   BOTTLENECK_WEB=build/web node tests/bench/browser_bench.mjs [--quick]
import os from 'node:os';
import { withBenchPage } from './bench_page.mjs';

const quick = process.argv.includes('--quick');
const allThreads = Math.min(os.availableParallelism?.() ?? os.cpus().length, 8);

async function measure(build, threads, extra = '') {
  return withBenchPage(build, async (page, errors, url) => {
    await page.goto(`${url}bench.html?build=${build}&threads=${threads}${extra}${quick ? '&quick=1' : ''}`);
    await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 600_000 });
    const result = await page.evaluate(() => window.benchResult);
    if (result.error || errors.length) {
      throw new Error(`${build}, ${threads} threads: ${result.error ?? errors.join('; ')}`);
    }
    return result;
  });
}

const result = {
  mt: await measure('mt', allThreads),
  mt_1thread: await measure('mt', 1),
  st: await measure('st', 1),
  // The mt build again, made with -fwasm-exceptions instead of JavaScript-based exceptions.
  mt_wasm_exceptions: await measure('mt', allThreads, '&exceptions=wasm'),
  // TensorFlow.js on the same server, on an isolated page (its wasm backend's threads need that).
  tfjs_wasm: await measure('mt', allThreads, '&engine=tfjs&backend=wasm'),
  tfjs_cpu: await measure('mt', 1, '&engine=tfjs&backend=cpu'),
};
console.log(JSON.stringify(result));
