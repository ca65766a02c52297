// Runs one variant of the benchmark (the core in a worker, so it may block while it measures) and publishes its
// figures as window.benchResult for tests/bench/browser_bench.mjs: the core (web/bench_worker.js,
// ?build=mt|st&threads=N, and &exceptions=wasm for the mt build made with -fwasm-exceptions, which
// only measures training rates) or TensorFlow.js (web/bench_tfjs.js, on the page itself,
// ?engine=tfjs&backend=wasm|cpu).
//
// With &profile=ae32|vae16|conv the worker only trains that model, for a profiler
// (tests/bench/browser_profile.mjs): it warms up, sets window.benchReady, and when the profiler
// calls window.startProfiledRun() it trains &steps=N steps (5 times) and publishes their rate.
const query = new URLSearchParams(location.search);
const engine = query.get('engine') === 'tfjs' ? 'tfjs' : 'core';
const backend = query.get('backend') === 'cpu' ? 'cpu' : 'wasm';
const build = query.get('build') === 'st' ? 'st' : 'mt';
const threads = build === 'st' ? 1 : Number(query.get('threads') ?? navigator.hardwareConcurrency);
const quick = query.get('quick') === '1';
const wasmExceptions = build === 'mt' && query.get('exceptions') === 'wasm';
const profile = query.get('profile');
const profileSteps = Number(query.get('steps') ?? 200);
const log = document.getElementById('log');

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src });
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

async function runTfjsHere() {
  await loadScript('tfjs/tf.min.js');
  await loadScript('tfjs/tf-backend-wasm.min.js');
  const { runTfjs } = await import('./bench_tfjs.js');
  return runTfjs(backend, self.crossOriginIsolated ? threads : 0, quick);
}

if (engine === 'tfjs') {
  runTfjsHere().then((result) => {
    log.textContent += `${JSON.stringify(result, null, 2)}\n`;
    window.benchResult = result;
  }, (error) => { window.benchResult = { error: String(error?.stack ?? error) }; });
} else if (build === 'mt' && !self.crossOriginIsolated) {
  window.benchResult = { error: 'the mt build needs a cross-origin isolated page (COOP/COEP headers)' };
} else {
  const worker = new Worker('bench_worker.js');
  worker.onmessage = ({ data }) => {
    if (data.progress) {
      log.textContent += `${data.progress}\n`;
      return;
    }
    if (data.profileReady) {
      window.startProfiledRun = () => worker.postMessage({ go: true });
      window.benchReady = true;
      return;
    }
    log.textContent += `${JSON.stringify(data, null, 2)}\n`;
    window.benchResult = data;
  };
  worker.onerror = (event) => { window.benchResult = { error: event.message }; };
  const module = wasmExceptions ? `${build}_wasm_exceptions` : build;
  worker.postMessage({ build: module, threads, quick, trainingOnly: wasmExceptions,
                       profile: profile && { model: profile, steps: profileSteps } });
}
