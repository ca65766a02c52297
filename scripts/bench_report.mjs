// Puts `./build.sh bench`'s parts together: one JSON object on stdout, with the figures issue-style
// keys name (train_samples_per_s, time_to_quality_s) and the ratios between them, and a table on
// stderr. A figure this run could not measure is null, never a guess.
//
//   node scripts/bench_report.mjs native.json wasm-node.json browser-frames.json pytorch.json browser-core.json \
//     browser-page.json

import fs from 'node:fs';

const [native, wasmNode, browserFrames, pytorch, browser, page] = process.argv.slice(2)
  .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));

const median = (figure) => figure?.median ?? null;
const ratio = (a, b) => (a != null && b != null && b > 0 ? a / b : null);

const train = {
  native_1thread: median(native.train_samples_per_s?.ae32?.['1']),
  native_2threads: median(native.train_samples_per_s?.ae32?.['2']),
  pytorch_1thread: median(pytorch?.train_samples_per_s?.ae32?.['1']),
  pytorch_2threads: median(pytorch?.train_samples_per_s?.ae32?.['2']),
  mt: median(browser?.mt?.train_samples_per_s?.ae32),
  mt_1thread: median(browser?.mt_1thread?.train_samples_per_s?.ae32),
  st: median(browser?.st?.train_samples_per_s?.ae32),
  tfjs_wasm: median(browser?.tfjs_wasm?.train_samples_per_s?.ae32),
  tfjs_cpu: median(browser?.tfjs_cpu?.train_samples_per_s?.ae32),
};
const variants = ['mt', 'mt_1thread', 'st'];
const byVariant = (pick) => Object.fromEntries(variants.map((v) => [v, browser?.[v] ? pick(browser[v]) : null]));
// The page's figures, with the playground's training rate over the same run's bench-page rate.
const pageReport = page ? {
  ...Object.fromEntries(Object.entries(page).filter(([key]) => key !== 'runs')),
  ...Object.fromEntries(['mt', 'st'].map((build) => [build, {
    ...page[build],
    playground_fraction_of_bench: ratio(page[build]?.playground_samples_per_s, train[build]),
  }])),
  runs: page.runs,
} : null;
const report = {
  page: pageReport,
  model: 'AE-32 (784-256-128-[32]-128-256-784, ReLU, BCE, Adam 1e-3), batch 64, MNIST-10k',
  train_samples_per_s: train,
  peak_gflops: byVariant((v) => median(v.peak_gflops)),
  gemm_gflops: byVariant((v) => Object.fromEntries(Object.entries(v.gemm_gflops).map(([k, g]) => [k, g.median]))),
  // Eigen's products at the same shapes: the reference the packed kernel (bn::gemm here) replaces.
  gemm_gflops_eigen: byVariant((v) => Object.fromEntries(Object.entries(v.gemm_gflops_eigen ?? {})
    .map(([k, g]) => [k, g.median]))),
  gemm_fraction_of_peak: byVariant((v) => v.gemm_fraction_of_peak),
  ae32_step_fraction_of_peak: byVariant((v) => v.ae32_step_fraction_of_peak),
  ratios: {
    mt_over_tfjs_wasm: ratio(train.mt, train.tfjs_wasm),
    mt_over_native_2threads: ratio(train.mt, train.native_2threads),
    mt_over_mt_1thread: ratio(train.mt, train.mt_1thread),
    native_over_pytorch_1thread: ratio(train.native_1thread, train.pytorch_1thread),
    native_over_pytorch_2threads: ratio(train.native_2threads, train.pytorch_2threads),
    native_2threads_over_1thread: ratio(train.native_2threads, train.native_1thread),
    pytorch_2threads_over_1thread: ratio(train.pytorch_2threads, train.pytorch_1thread),
    // Above 1: -fwasm-exceptions would train faster (but Emscripten 3.1.6 breaks catch by type).
    mt_wasm_exceptions_over_mt: ratio(median(browser?.mt_wasm_exceptions?.train_samples_per_s?.ae32), train.mt),
  },
  time_to_quality_s: {
    native: native.time_to_quality?.seconds ?? null,
    mt: browser?.mt?.time_to_quality?.seconds ?? null,
    st: browser?.st?.time_to_quality?.seconds ?? null,
  },
  by_model: { native: native.train_samples_per_s, pytorch: pytorch?.train_samples_per_s ?? null,
    wasm_node: wasmNode.train_samples_per_s, browser: byVariant((v) => v.train_samples_per_s) },
  native,
  wasm_node: wasmNode,
  browser_frames: browserFrames,
  browser: browser ?? null,
  pytorch: pytorch ?? null,
};
console.log(JSON.stringify(report, null, 2));

const cell = (value, digits = 0) => (value == null ? '-' : value.toFixed(digits)).padStart(10);
const lines = ['', 'training samples/s (median)     1 thread   2 threads'];
for (const model of ['ae32', 'vae16', 'conv']) {
  const sources = [['ours, native', native.train_samples_per_s], ['PyTorch CPU', pytorch?.train_samples_per_s],
    ['ours, WASM (node)', wasmNode.train_samples_per_s]];
  for (const [who, figures] of sources) {
    const rate = (threads) => cell(median(figures?.[model]?.[threads]));
    lines.push(`${`${model} ${who}`.padEnd(30)}${rate('1')}${rate('2')}`);
  }
  const inBrowser = (v) => median(browser?.[v]?.train_samples_per_s?.[model]);
  lines.push(`${`${model} ours, Chromium mt`.padEnd(30)}${cell(inBrowser('mt_1thread'))}${cell(inBrowser('mt'))}`);
  lines.push(`${`${model} ours, Chromium st`.padEnd(30)}${cell(inBrowser('st'))}${cell(null)}`);
  lines.push(`${`${model} ours, -fwasm-exceptions`.padEnd(30)}${cell(null)}${cell(inBrowser('mt_wasm_exceptions'))}`);
  if (model === 'ae32') {
    lines.push(`${'ae32 TF.js wasm (all threads)'.padEnd(30)}${cell(null)}${cell(train.tfjs_wasm)}`);
    lines.push(`${'ae32 TF.js cpu'.padEnd(30)}${cell(train.tfjs_cpu)}${cell(null)}`);
  }
}
lines.push('', 'Chromium                       peak GFLOP/s   AE-32 step, share of peak');
for (const v of variants) {
  lines.push(`  ${v.padEnd(28)}${cell(report.peak_gflops[v], 1)}${cell(report.ae32_step_fraction_of_peak[v], 2)}`);
}
const ratioLines = Object.entries(report.ratios).map(([key, value]) => `  ${key.padEnd(32)}${cell(value, 2)}`);
lines.push('', 'ratios', ...ratioLines);
lines.push(`time to test MSE 0.0142 (s): native ${report.time_to_quality_s.native ?? '-'}, Chromium mt `
  + `${report.time_to_quality_s.mt ?? '-'}, st ${report.time_to_quality_s.st ?? '-'}`);
if (pageReport) {
  lines.push('', `page: first frame ${pageReport.first_frame_ms} ms, ready ${pageReport.ready_ms} ms; `
    + `${(pageReport.bytes_before_first_frame / 1e6).toFixed(2)} MB before the first frame, `
    + `${(pageReport.bytes_before_ready / 1e6).toFixed(2)} MB before ready; precache `
    + `${pageReport.precache_bytes == null ? '-' : (pageReport.precache_bytes / 1e6).toFixed(2)} MB`);
  for (const build of ['mt', 'st']) {
    const b = pageReport[build];
    const fraction = cell(b.playground_fraction_of_bench, 2).trim();
    lines.push(`  ${build}: ${b.playground_samples_per_s} images/s (${fraction} of the `
      + `bench page), fps median ${b.fps_median}, worst second ${b.fps_worst_second}, main thread p95 `
      + `${b.main_thread_ms_p95 == null ? '-' : b.main_thread_ms_p95.toFixed(1)} ms, drawn ${b.draws_per_s}/s`
      + (build === 'mt' ? `, Reset to test MSE 0.0142 in ${b.playground_time_to_quality_s ?? '-'} s` : ''));
  }
}
process.stderr.write(`${lines.join('\n')}\n`);
