// The benchmark's WebAssembly module (bottleneck-bench-{mt,st}), which web/bench.js runs in a
// worker of web/bench.html for `./build.sh bench`. It measures, in the browser, on the core:
//
//   peakGflops(threads, seconds)            the machine's WASM-SIMD limit: f32x4 multiply and add,
//                                           12 independent accumulators in registers, on `threads`
//                                           threads at once; GFLOP/s over all of them
//   gemmGflops(m, k, n, transA, transB, threads, repeats, kernel)   one product at one shape:
//                                           kernel "packed" (bn::gemm's, here) or "eigen"
//   setData(Uint8Array)                     MNIST-10k (.bnds), for the two below
//   trainRate(configJson, threads, steps, repeats)   training samples per second   (both from
//   timeToQuality(threads, targetMse, limitSeconds)  AE-32 from a fresh model      core/train/training_speed.h)
//
// Each timing returns {median, min, max} (GFLOP/s or samples/s) over its repetitions.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include <wasm_simd128.h>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/data/dataset.h"
#include "core/io/config_json.h"
#include "core/parallel/gemm.h"
#include "core/parallel/thread_pool.h"
#include "core/train/training_speed.h"

namespace {

using emscripten::val;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

val summary(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  val out = val::object();
  out.set("median", values[values.size() / 2]);
  out.set("min", values.front());
  out.set("max", values.back());
  out.set("repeats", static_cast<int>(values.size()));
  return out;
}

// 12 accumulators, each a chain of multiply then add: 12 independent dependency chains hide the
// latency of both, so the loop runs at the engine's SIMD throughput. 96 flops an iteration.
constexpr int kAccumulators = 12;
constexpr double kFlopsPerIteration = kAccumulators * 2 * 4;

// Not inlined: V8 runs a function in its baseline compiler (every value on the stack) until it has
// been called often enough to optimise, and it cannot swap code inside a running loop. Called once
// a chunk, it is optimised within the warm-up; inlined into simd_for's single call, it never was.
__attribute__((noinline)) float simd_loop(int iterations, float seed) {
  v128_t acc[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i) acc[i] = wasm_f32x4_splat(seed + 0.001f * i);
  // From the seed, so nothing here is known when it is compiled.
  const v128_t scale = wasm_f32x4_splat(1.0f - seed * 1e-7f), shift = wasm_f32x4_splat(seed * 1e-7f);
  for (int n = 0; n < iterations; ++n)
    for (int i = 0; i < kAccumulators; ++i) acc[i] = wasm_f32x4_add(wasm_f32x4_mul(acc[i], scale), shift);
  v128_t total = acc[0];
  for (int i = 1; i < kAccumulators; ++i) total = wasm_f32x4_add(total, acc[i]);
  return wasm_f32x4_extract_lane(total, 0);  // used, so the loop is not optimised away
}

// The loop in chunks of 0.1 ms or so until `seconds` have passed: the iterations done.
double simd_for(double seconds, float seed, float& sink) {
  constexpr int kChunk = 50000;
  double done = 0;
  const auto start = Clock::now();
  float value = 0;
  do {
    // Each chunk starts from the last one's result: the same call with the same arguments would be
    // computed once and hoisted out of this loop.
    value = simd_loop(kChunk, seed + value * 1e-9f);
    done += kChunk;
  } while (seconds_since(start) < seconds);
  sink += value;
  return done;
}

val peak_gflops(int threads, double seconds_each, int repeats) {
  threads = std::max(1, threads);
  std::vector<double> rates;
  float sink = 0;
  simd_for(0.2, 0.5f, sink);  // warm-up: the loop optimised
  for (int r = 0; r < repeats; ++r) {
    std::vector<std::thread> helpers;
    std::vector<double> iterations(static_cast<size_t>(threads), 0.0);
    std::vector<float> sinks(static_cast<size_t>(threads), 0.0f);
    const auto start = Clock::now();
#ifdef __EMSCRIPTEN_PTHREADS__
    for (int t = 1; t < threads; ++t)
      helpers.emplace_back([&, t] { iterations[t] = simd_for(seconds_each, 1.0f + t, sinks[t]); });
#endif
    iterations[0] = simd_for(seconds_each, 1.0f, sinks[0]);
    for (std::thread& helper : helpers) helper.join();
    const double took = seconds_since(start);
    double total = 0;
    for (size_t t = 0; t < iterations.size(); ++t) {
      total += iterations[t];
      sink += sinks[t];
    }
    rates.push_back(kFlopsPerIteration * total / took * 1e-9);
  }
  val out = summary(rates);
  out.set("threads", threads);
  out.set("sink", sink);
  return out;
}

val rate_object(const bn::RateSummary& rate) {
  val out = val::object();
  out.set("median", rate.median);
  out.set("min", rate.min);
  out.set("max", rate.max);
  out.set("repeats", rate.repeats);
  out.set("threads", bn::compute_threads());
  return out;
}

val gemm_gflops(int m, int k, int n, bool transpose_a, bool transpose_b, int threads, int repeats, std::string kernel) {
  bn::set_compute_threads(threads);
  const bn::GemmKernel product = kernel == "eigen" ? &bn::eigen_gemm : &bn::packed_gemm;
  // Enough products a repetition to take a few milliseconds, whatever the shape.
  return rate_object(bn::measure_gemm_rate(product, {m, k, n, transpose_a, transpose_b}, repeats, 2e8));
}

std::unique_ptr<bn::Dataset> train_set, test_set;

void set_data(val bytes) {
  const std::vector<uint8_t> data = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
  auto [train, test] = bn::split_mnist10k(bn::parse_dataset(data.data(), data.size(), "mnist10k"));
  train_set = std::make_unique<bn::Dataset>(std::move(train));
  test_set = std::make_unique<bn::Dataset>(std::move(test));
}

val train_rate(std::string config_json, int threads, int steps, int repeats) {
  bn::set_compute_threads(threads);
  return rate_object(bn::measure_training_rate(bn::config_from_json(config_json), *train_set, steps, repeats));
}

// As `bottleneck bench`'s: PRODUCT.md's AE-32 from seed 0.
val time_to_quality(int threads, double target, double limit_seconds) {
  bn::set_compute_threads(threads);
  const bn::QualityTime time =
      bn::measure_time_to_quality(bn::ModelConfig{}, *train_set, *test_set, target, limit_seconds);
  val out = val::object();
  out.set("seconds", time.reached ? val(time.seconds) : val::null());
  out.set("target_mse", target);
  out.set("test_mse", time.test_mse);
  out.set("epochs", time.epochs);
  out.set("threads", bn::compute_threads());
  out.set("measurements", time.measurements);
  out.set("measurement_seconds", time.measurement_seconds);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(bottleneck_bench) {
  emscripten::function("peakGflops", &peak_gflops);
  emscripten::function("gemmGflops", &gemm_gflops);
  emscripten::function("setData", &set_data);
  emscripten::function("trainRate", &train_rate);
  emscripten::function("timeToQuality", &time_to_quality);
}
