// How fast a model trains, as the benchmarks measure it (`bottleneck bench`, natively and under
// node, and web/bench.html in the browser): the same code on every side, so their figures compare.
//
//   bn::set_compute_threads(2);
//   bn::RateSummary rate = bn::measure_training_rate(config, train, 60, 7);    // samples per second
//   bn::QualityTime time = bn::measure_time_to_quality(config, train, test, 0.0142, 60.0);
//
// Speed is measured, never asserted: the tests check what these report, not how fast it is.
#pragma once

#include "core/data/dataset.h"
#include "core/models/model_config.h"

namespace bn {

struct RateSummary {
  double median = 0, min = 0, max = 0;
  int repeats = 0;
};

// Training samples per second of a fresh model from `config`, on the compute pool as it is set:
// `repeats` timings of `steps` steps each on successive mini-batches, after a few steps of warm-up
// (first-touch allocations, the pool's workers waking).
RateSummary measure_training_rate(const ModelConfig& config, const Dataset& train, int steps, int repeats);

struct QualityTime {
  bool reached = false;
  double seconds = 0;   // wall clock, the test evaluations included: a user waits for them too
  double test_mse = 0;  // the last measured
  double epochs = 0;
};

// A fresh model from `config` trains on mini-batches shuffled from its seed, and the test set is
// measured every tenth of an epoch, until its MSE reaches `target_mse` or `limit_seconds` pass.
QualityTime measure_time_to_quality(const ModelConfig& config, const Dataset& train, const Dataset& test,
                                    double target_mse, double limit_seconds);

}  // namespace bn
