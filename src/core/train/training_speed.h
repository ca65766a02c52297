// How fast a model trains, and how fast its matrix products run, as the benchmarks measure them
// (`bottleneck bench`, natively and under node, and web/bench.html in the browser): the same code
// on every side, so their figures compare.
//
//   bn::set_compute_threads(2);
//   bn::RateSummary gflops = bn::measure_gemm_rate(&bn::packed_gemm, {64, 784, 256, false, true}, 7, 5e7);
//   bn::RateSummary rate = bn::measure_training_rate(config, train, 60, 7);    // samples per second
//   bn::QualityTime time = bn::measure_time_to_quality(config, train, test, 0.0142, 60.0);
//
// Speed is measured, never asserted: the tests check what these report, not how fast it is.
#pragma once

#include "core/data/dataset.h"
#include "core/models/model_config.h"
#include "core/parallel/gemm.h"

namespace bn {

struct RateSummary {
  double median = 0, min = 0, max = 0;
  int repeats = 0;
};

// One product's shape: op(A) is rows x depth, op(B) depth x columns, as bn::gemm takes them.
struct GemmShape {
  int rows, depth, columns;
  bool transpose_a, transpose_b;
};

using GemmKernel = decltype(&gemm);

// GFLOP/s of `product` (bn::gemm, eigen_gemm or packed_gemm) on random operands of `shape`, on the
// compute pool as it is set: `repeats` timings, each of as many products as make
// `flops_per_repeat` (a few milliseconds' worth), after one product of warm-up.
RateSummary measure_gemm_rate(GemmKernel product, const GemmShape& shape, int repeats, double flops_per_repeat);

// Training samples per second of a fresh model from `config`, on the compute pool as it is set:
// `repeats` timings of `steps` steps each on successive mini-batches, after a few steps of warm-up
// (first-touch allocations, the pool's workers waking).
RateSummary measure_training_rate(const ModelConfig& config, const Dataset& train, int steps, int repeats);

struct QualityTime {
  bool reached = false;
  double seconds = 0;   // wall clock, the test measurements included: a user waits for them too
  double test_mse = 0;  // the last measured
  double epochs = 0;
  int measurements = 0;            // of the test MSE, while the clock ran
  double measurement_seconds = 0;  // their share of `seconds`
};

// A fresh model from `config` trains on mini-batches shuffled from its seed until the test set's
// MSE reaches `target_mse` or `limit_seconds` pass. The MSE is measured (one forward pass over the
// test set) every epoch, and every tenth of an epoch once it is within 15% of the target: so the
// time counts few measurements, and the one that first passes is at most a tenth of an epoch late.
QualityTime measure_time_to_quality(const ModelConfig& config, const Dataset& train, const Dataset& test,
                                    double target_mse, double limit_seconds);

}  // namespace bn
