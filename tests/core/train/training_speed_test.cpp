// The benchmarks' measurements report what they measured: rates from real steps and products, and a time to
// quality that stops when the target is reached, or says that it was not.
#include "core/train/training_speed.h"

#include <cmath>

#include <catch2/catch.hpp>

#include "core/eval/evaluate.h"
#include "core/models/model.h"
#include "small_split.h"

TEST_CASE("training rate: the median of its repeats, between their min and max", "[train][speed]") {
  const auto split = bn_test::small_mnist_split(256, 32);
  const bn::RateSummary rate = bn::measure_training_rate(bn_test::small_autoencoder_config(), *split.train, 3, 5);
  CHECK(rate.repeats == 5);
  CHECK(rate.min > 0);
  CHECK(rate.min <= rate.median);
  CHECK(rate.median <= rate.max);
  CHECK(std::isfinite(rate.max));
}

TEST_CASE("time to quality: stops at the target, or at the limit without it", "[train][speed]") {
  const auto split = bn_test::small_mnist_split(512, 100);
  const bn::ModelConfig config = bn_test::small_autoencoder_config();
  const double target = 0.08;
  REQUIRE(bn::evaluate(*bn::make_model(config), *split.test).mse > target);  // a fresh model is far from it

  const bn::QualityTime reached = bn::measure_time_to_quality(config, *split.train, *split.test, target, 120.0);
  CHECK(reached.reached);
  CHECK(reached.test_mse <= target);
  CHECK(reached.seconds > 0);
  CHECK(reached.epochs > 0);
  CHECK(reached.measurements > 0);
  CHECK(reached.measurement_seconds > 0);
  CHECK(reached.measurement_seconds < reached.seconds);

  const bn::QualityTime missed = bn::measure_time_to_quality(config, *split.train, *split.test, 0.0, 0.3);
  CHECK_FALSE(missed.reached);
  CHECK(missed.seconds >= 0.3);
  CHECK(missed.test_mse > 0);

  // Far from the target the MSE is measured once an epoch, near it every tenth of an epoch.
  const bn::QualityTime far = bn::measure_time_to_quality(config, *split.train, *split.test, 0.0, 1.0);
  const double per_epoch = far.measurements / far.epochs;
  CHECK(far.measurements >= 1);
  CHECK(per_epoch <= 1.0);
  const bn::QualityTime near = bn::measure_time_to_quality(config, *split.train, *split.test, 1.0, 1.0);
  CHECK(near.reached);
  CHECK(near.measurements == 0);  // a fresh model already passes a target of 1: none was needed
}

TEST_CASE("GEMM rate: every kernel at a shape, as the median of its repeats", "[train][speed]") {
  for (bn::GemmKernel kernel : {&bn::gemm, &bn::eigen_gemm, &bn::packed_gemm}) {
    const bn::RateSummary rate = bn::measure_gemm_rate(kernel, {16, 64, 24, true, false}, 3, 1e5);
    CHECK(rate.repeats == 3);
    CHECK(rate.min > 0);
    CHECK(rate.min <= rate.median);
    CHECK(rate.median <= rate.max);
  }
}
