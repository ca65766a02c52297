// Divergence, finite or not: the guard's rule, and what fit() (the CLI) and the Trainer (the
// playground) do when a learning rate of 10 makes the loss explode while it stays finite.
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

#include <catch2/catch.hpp>

#include "core/data/dataset.h"
#include "core/train/divergence_guard.h"
#include "core/train/fit.h"
#include "core/train/small_split.h"
#include "core/train/trainer.h"

namespace {

using namespace std::chrono_literals;

// 1,000 training and 100 test digits: enough for a few hundred real steps in a second.
const bn_test::SmallSplit& digits() {
  static const bn_test::SmallSplit split = bn_test::small_mnist_split(1000, 100);
  return split;
}

bn::ModelConfig config_with_learning_rate(float learning_rate) {
  bn::ModelConfig config;
  config.hidden = {64};
  config.latent = 16;
  config.learning_rate = learning_rate;
  return config;
}

bool all_finite(const bn::FloatBuffer& values) {
  for (float v : values)
    if (!std::isfinite(v)) return false;
  return true;
}

}  // namespace

TEST_CASE("divergence guard: NaN, Inf, and a finite rise past ten times the start", "[divergence]") {
  bn::DivergenceGuard guard;
  CHECK(guard.check(0.7f).empty());  // the start
  CHECK(guard.start() == Approx(0.7f));
  CHECK(guard.check(0.1f).empty());
  CHECK(guard.check(6.9f).empty());  // a bad batch, under ten times the start
  CHECK_THAT(guard.check(7.1f), Catch::Contains("rose from 0.7 to 7.1"));
  CHECK_THAT(guard.check(std::numeric_limits<float>::quiet_NaN()), Catch::Contains("NaN"));
  CHECK_THAT(guard.check(std::numeric_limits<float>::infinity()), Catch::Contains("infinite"));
  guard.restart();
  CHECK(guard.check(100.0f).empty());  // a new start: a VAE's nats per image
  CHECK(guard.check(900.0f).empty());
  CHECK_FALSE(guard.check(1100.0f).empty());
  // A start of 0 does not make every later loss a divergence.
  guard.restart();
  CHECK(guard.check(0.0f).empty());
  CHECK(guard.check(0.005f).empty());
}

TEST_CASE("fit: a learning rate of 10 stops with a clear error, a sane one trains", "[divergence]") {
  auto exploding = bn::make_model(config_with_learning_rate(10.0f));
  CHECK_THROWS_AS(bn::fit(*exploding, *digits().train, 1), bn::TrainingDiverged);
  auto again = bn::make_model(config_with_learning_rate(10.0f));
  CHECK_THROWS_WITH(bn::fit(*again, *digits().train, 1),
                    Catch::Contains("diverged") && Catch::Contains("lower learning rate than 10"));
  auto sane = bn::make_model(config_with_learning_rate(1e-3f));
  CHECK_NOTHROW(bn::fit(*sane, *digits().train, 2));
}

TEST_CASE("trainer: a finite divergence restores the last verified weights, pauses, and says why", "[divergence]") {
  bn::Trainer trainer(config_with_learning_rate(10.0f), digits().train, digits().test);
  const auto start = trainer.snapshot();
  trainer.post(bn::TrainerCommand::kStart);
  for (int i = 0; i < 200 && trainer.snapshot()->message.empty(); ++i) trainer.run_for(20ms);
  const auto stopped = trainer.snapshot();
  INFO(stopped->message);
  REQUIRE_THAT(stopped->message, Catch::Contains("diverged") && Catch::Contains("rose from") &&
                                     Catch::Contains("Try a lower learning rate"));
  CHECK_FALSE(stopped->training);
  REQUIRE(all_finite(stopped->weights));
  // It blew up within the first ten steps, before a later checkpoint was verified: back to the start.
  CHECK(stopped->metrics.step == 0);
  CHECK(stopped->weights == start->weights);

  // Train resumes from the restored weights (and, at this rate, diverges again).
  const uint64_t revision = trainer.snapshot()->revision;
  trainer.post(bn::TrainerCommand::kStart);
  trainer.run_for(20ms);
  for (int i = 0; i < 200 && trainer.snapshot()->training; ++i) trainer.run_for(20ms);
  CHECK(trainer.snapshot()->revision > revision);
  CHECK_THAT(trainer.snapshot()->message, Catch::Contains("diverged"));
  CHECK(all_finite(trainer.snapshot()->weights));
}
