#include "core/train/training_speed.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/data/batch_iterator.h"
#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"
#include "core/models/model.h"
#include "core/random.h"

namespace bn {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

RateSummary summarize(std::vector<double> rates) {
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], rates.front(), rates.back(), static_cast<int>(rates.size())};
}

Matrix random_matrix(Random& rng, Eigen::Index rows, Eigen::Index columns) {
  Matrix matrix(rows, columns);
  for (Eigen::Index i = 0; i < matrix.size(); ++i) matrix.data()[i] = rng.uniform(-1.0f, 1.0f);
  return matrix;
}

}  // namespace

RateSummary measure_gemm_rate(GemmKernel product, const GemmShape& shape, int repeats, double flops_per_repeat) {
  Random rng(1);
  const Matrix a =
      shape.transpose_a ? random_matrix(rng, shape.depth, shape.rows) : random_matrix(rng, shape.rows, shape.depth);
  const Matrix b = shape.transpose_b ? random_matrix(rng, shape.columns, shape.depth)
                                     : random_matrix(rng, shape.depth, shape.columns);
  Matrix c(shape.rows, shape.columns);
  const double flops = 2.0 * shape.rows * shape.depth * shape.columns;
  const int products = std::max(1, static_cast<int>(flops_per_repeat / flops));
  auto run = [&](int count) {
    for (int p = 0; p < count; ++p)
      product(cview(a), shape.transpose_a, cview(b), shape.transpose_b, view(c), GemmMode::kAssign);
  };
  run(1);
  std::vector<double> rates;
  for (int r = 0; r < std::max(1, repeats); ++r) {
    const auto start = Clock::now();
    run(products);
    rates.push_back(flops * products / seconds_since(start) * 1e-9);
  }
  return summarize(std::move(rates));
}

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
  return summarize(std::move(rates));
}

QualityTime measure_time_to_quality(const ModelConfig& config, const Dataset& train, const Dataset& test,
                                    double target_mse, double limit_seconds) {
  constexpr double kNearTarget = 1.15;
  auto model = make_model(config);
  BatchIterator batches(train.count(), config.batch_size, config.seed);
  const long fine_interval = std::max(1, batches.batches_per_epoch() / 10);
  const long coarse_interval = std::max(1, batches.batches_per_epoch());
  const Matrix test_images = test.batch_range(0, test.count());
  // evaluate()'s MSE, without its loss (a second forward pass) and its BCE.
  auto test_mse = [&] { return mean_squared_error(reconstruct_all(*model, test_images), test_images); };
  auto next_interval = [&](double mse) { return mse <= kNearTarget * target_mse ? fine_interval : coarse_interval; };

  std::vector<int> indices;
  QualityTime result;
  result.test_mse = test_mse();
  long steps = 0, next_measurement = next_interval(result.test_mse);
  result.reached = result.test_mse <= target_mse;
  const auto start = Clock::now();
  while (!result.reached && result.seconds < limit_seconds) {
    batches.next(indices);
    model->train_step(train.batch(indices));
    ++steps;
    if (steps == next_measurement) {
      const auto measured = Clock::now();
      result.test_mse = test_mse();
      result.measurement_seconds += seconds_since(measured);
      ++result.measurements;
      result.reached = result.test_mse <= target_mse;
      next_measurement = steps + next_interval(result.test_mse);
    }
    result.seconds = seconds_since(start);
  }
  result.epochs = static_cast<double>(steps) / batches.batches_per_epoch();
  return result;
}

}  // namespace bn
