// The benchmark itself, in a worker: the SIMD limit, bn::gemm at AE-32's shapes, training samples
// per second of AE-32, the VAE (latent 16) and the conv AE, and AE-32's time to quality; each
// timing a median of 5 or more repetitions with min and max (src/bindings/bench_api.cpp).

// AE-32 at batch 64: the forward products (x·Wᵀ) and the backward ones (dy·W and dyᵀ·x).
const GEMM_SHAPES = [
  { name: '64x784x256', m: 64, k: 784, n: 256, transA: false, transB: true },
  { name: '64x256x128', m: 64, k: 256, n: 128, transA: false, transB: true },
  { name: '64x128x32', m: 64, k: 128, n: 32, transA: false, transB: true },
  { name: 'backward dx 64x256x784', m: 64, k: 256, n: 784, transA: false, transB: false },
  { name: 'backward dW 256x64x784', m: 256, k: 64, n: 784, transA: true, transB: false },
  { name: 'backward dW 128x64x256', m: 128, k: 64, n: 256, transA: true, transB: false },
];
const MODELS = {
  ae32: { kind: 'ae' },
  vae16: { kind: 'vae', latent: 16 },
  conv: { kind: 'conv' },
};
// GEMM work of one AE-32 training sample: the forward product of each of its six layers, and the
// two backward ones (the first layer needs no input gradient): 2.45 MFLOP.
const AE32_MACS_ONE_WAY = 2 * (784 * 256 + 256 * 128 + 128 * 32);
const AE32_FLOPS_PER_SAMPLE = 2 * (3 * AE32_MACS_ONE_WAY - 784 * 256);

// Set while a profiled run waits for the profiler's go.
let startProfiledRun = null;

self.onmessage = async ({ data: { build, threads, quick, trainingOnly, profile, go } }) => {
  if (go) {
    startProfiledRun?.();
    return;
  }
  try {
    const result = profile ? runForProfiler(build, threads, profile) : run(build, threads, quick, trainingOnly);
    self.postMessage(await result);
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};

async function loadBench(build) {
  importScripts(`bottleneck-bench-${build}.js`);
  return self[`createBottleneckBench_${build}`]({
    // Its pthreads load the module's own script, not this worker's.
    mainScriptUrlOrBlob: `bottleneck-bench-${build}.js`,
  });
}

async function setTrainingData(bench) {
  const response = await fetch('data/mnist10k.bnds');
  if (!response.ok) throw new Error(`data/mnist10k.bnds: HTTP ${response.status}`);
  bench.setData(new Uint8Array(await response.arrayBuffer()));
}

// One model's training, alone, for a profiler attached to this worker and its threads: a warm-up
// first (compilation, the pool's start, the first allocations), then the run it profiles.
async function runForProfiler(build, threads, { model, steps }) {
  const config = MODELS[model];
  if (!config) throw new Error(`profile=${model}: expected one of ${Object.keys(MODELS).join(', ')}`);
  const bench = await loadBench(build);
  await setTrainingData(bench);
  bench.trainRate(JSON.stringify(config), threads, steps, 2);
  await new Promise((resolve) => {
    startProfiledRun = resolve;
    self.postMessage({ profileReady: true });
  });
  startProfiledRun = null;
  const rate = bench.trainRate(JSON.stringify(config), threads, steps, 5);
  return { build, threads, model, steps, train_samples_per_s: rate };
}

// build: the module's name (mt, st, mt_wasm_exceptions). trainingOnly: just the training rates.
async function run(build, threads, quick, trainingOnly) {
  const say = (progress) => self.postMessage({ progress });
  const bench = await loadBench(build);
  const repeats = quick ? 5 : 7;
  say(`${build}, ${threads} thread(s)`);
  if (trainingOnly) {
    return { build, threads, train_samples_per_s: await trainingRates(bench, quick, repeats, threads, say) };
  }
  const peak = bench.peakGflops(threads, quick ? 0.1 : 0.25, repeats);
  say(`peak ${peak.median.toFixed(1)} GFLOP/s`);
  // bn::gemm is the packed kernel here; Eigen's products, the reference, beside it. A pass over
  // every shape first: without it, the first shape measured on 2 threads in Chromium came out at
  // about 36 GFLOP/s and at 60 a pass later, as V8 was still tiering up the kernels on the workers.
  for (const { m, k, n, transA, transB } of GEMM_SHAPES) {
    for (const kernel of ['packed', 'eigen']) bench.gemmGflops(m, k, n, transA, transB, threads, 3, kernel);
  }
  const gemm = {};
  const gemmEigen = {};
  for (const shape of GEMM_SHAPES) {
    const { m, k, n, transA, transB } = shape;
    gemm[shape.name] = bench.gemmGflops(m, k, n, transA, transB, threads, repeats, 'packed');
    gemmEigen[shape.name] = bench.gemmGflops(m, k, n, transA, transB, threads, repeats, 'eigen');
    const both = `${gemm[shape.name].median.toFixed(1)} (Eigen ${gemmEigen[shape.name].median.toFixed(1)})`;
    say(`gemm ${shape.name}: ${both} GFLOP/s`);
  }
  const train = await trainingRates(bench, quick, repeats, threads, say);
  const timeToQuality = quick ? null : bench.timeToQuality(threads, 0.0142, 60);
  const ae32GemmGflops = (train.ae32.median * AE32_FLOPS_PER_SAMPLE) / 1e9;
  return {
    build,
    threads,
    userAgent: navigator.userAgent,
    peak_gflops: peak,
    gemm_gflops: gemm,
    gemm_gflops_eigen: gemmEigen,
    gemm_fraction_of_peak: Object.fromEntries(Object.entries(gemm).map(([name, g]) => [name, g.median / peak.median])),
    train_samples_per_s: train,
    // AE-32's step as GEMM work: the issue's 60%-of-peak target.
    ae32_step_gflops: ae32GemmGflops,
    ae32_step_fraction_of_peak: ae32GemmGflops / peak.median,
    time_to_quality: timeToQuality,
  };
}

async function trainingRates(bench, quick, repeats, threads, say) {
  await setTrainingData(bench);
  const train = {};
  for (const [name, config] of Object.entries(MODELS)) {
    train[name] = bench.trainRate(JSON.stringify(config), threads, quick ? 20 : 60, repeats);
    say(`train ${name}: ${train[name].median.toFixed(0)} samples/s`);
  }
  return train;
}
