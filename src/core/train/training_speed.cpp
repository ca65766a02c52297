#include "core/train/training_speed.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/data/batch_iterator.h"
#include "core/eval/evaluate.h"
#include "core/models/model.h"

namespace bn {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

RateSummary measure_training_rate(const ModelConfig& config, const Dataset& train, int steps, int repeats) {
  auto model = make_model(config);
  BatchIterator batches(train.count(), config.batch_size, config.seed);
  std::vector<int> indices;
  auto run = [&](int count) {
    for (int i = 0; i < count; ++i) {
      batches.next(indices);
      model->train_step(train.batch(indices));
    }
  };
  run(5);
  std::vector<double> rates;
  for (int r = 0; r < std::max(1, repeats); ++r) {
    const auto start = Clock::now();
    run(steps);
    rates.push_back(config.batch_size * steps / seconds_since(start));
  }
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], rates.front(), rates.back(), static_cast<int>(rates.size())};
}

QualityTime measure_time_to_quality(const ModelConfig& config, const Dataset& train, const Dataset& test,
                                    double target_mse, double limit_seconds) {
  auto model = make_model(config);
  BatchIterator batches(train.count(), config.batch_size, config.seed);
  const int check_every = std::max(1, batches.batches_per_epoch() / 10);
  std::vector<int> indices;
  QualityTime result;
  result.test_mse = evaluate(*model, test).mse;
  const auto start = Clock::now();
  long steps = 0;
  while (result.seconds < limit_seconds) {
    batches.next(indices);
    model->train_step(train.batch(indices));
    if (++steps % check_every != 0) continue;
    result.test_mse = evaluate(*model, test).mse;
    result.seconds = seconds_since(start);
    if (result.test_mse <= target_mse) {
      result.reached = true;
      break;
    }
  }
  result.epochs = static_cast<double>(steps) / batches.batches_per_epoch();
  return result;
}

}  // namespace bn
