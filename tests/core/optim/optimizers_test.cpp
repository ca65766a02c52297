// The optimizers' first steps against values worked out by hand from PyTorch's update rules.
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "core/optim/adam.h"
#include "core/optim/sgd.h"

TEST_CASE("adam: the first two bias-corrected steps", "[optim]") {
  bn::Adam adam(2, bn::AdamOptions{0.1f});
  bn::FloatBuffer w{1.0f, -1.0f};
  bn::FloatBuffer g{0.5f, -2.0f};
  adam.step(w, g);
  // Step 1: m̂ = g, v̂ = g², so each weight moves by lr·sign(g) (up to ε).
  REQUIRE(w[0] == Approx(0.9f));
  REQUIRE(w[1] == Approx(-0.9f));
  bn::FloatBuffer g2{0.5f, 0.0f};
  adam.step(w, g2);
  // Step 2 for the second weight, straight from the update rule (its gradient is now 0).
  const double m2 = 0.9 * (0.1 * -2.0) + 0.1 * 0.0;
  const double v2 = 0.999 * (0.001 * 4.0) + 0.001 * 0.0;
  const double m_hat = m2 / (1 - 0.81), v_hat = v2 / (1 - 0.998001);
  REQUIRE(w[1] == Approx(-0.9 - 0.1 * m_hat / (std::sqrt(v_hat) + 1e-8)).epsilon(1e-5));
  REQUIRE(w[0] == Approx(0.8f).epsilon(1e-5));
}

TEST_CASE("sgd: momentum accumulates the gradient", "[optim]") {
  bn::Sgd sgd(1, bn::SgdOptions{0.1f, 0.9f});
  bn::FloatBuffer w{1.0f};
  bn::FloatBuffer g{1.0f};
  sgd.step(w, g);  // v = 1, w = 0.9
  REQUIRE(w[0] == Approx(0.9f));
  sgd.step(w, g);  // v = 1.9, w = 0.71
  REQUIRE(w[0] == Approx(0.71f));
  sgd.reset();
  sgd.step(w, g);  // v = 1 again
  REQUIRE(w[0] == Approx(0.61f));
}

TEST_CASE("adam and sgd: a moment that decays below the normal floats becomes zero, not subnormal", "[optim]") {
  // One weight's gradient stops (a dead ReLU's): its first moment (Adam) or velocity (SGD) shrinks
  // by beta1 or the momentum each step. Left alone it would end stuck among the subnormals, which
  // make every product slow; it must reach exactly zero instead, and NaN must stay NaN.
  auto subnormal = [](float x) { return std::fpclassify(x) == FP_SUBNORMAL; };
  bn::Adam adam(3, bn::AdamOptions{});
  bn::Sgd sgd(3, bn::SgdOptions{});
  bn::FloatBuffer adam_w{0.5f, 0.5f, 0.5f}, sgd_w{0.5f, 0.5f, 0.5f};
  const float nan = std::numeric_limits<float>::quiet_NaN();
  adam.step(adam_w, bn::FloatBuffer{1e-3f, 1e-3f, nan});
  sgd.step(sgd_w, bn::FloatBuffer{1e-3f, 1e-3f, nan});
  int adam_subnormal = 0, sgd_subnormal = 0;
  for (int step = 0; step < 1500; ++step) {
    adam.step(adam_w, bn::FloatBuffer{0.0f, 2e-4f, 0.0f});
    sgd.step(sgd_w, bn::FloatBuffer{0.0f, 2e-4f, 0.0f});
    adam_subnormal += subnormal(adam.first_moment()[0]) + subnormal(adam.second_moment()[0]);
    sgd_subnormal += subnormal(sgd.velocity()[0]);
  }
  CHECK(adam_subnormal == 0);
  CHECK(sgd_subnormal == 0);
  CHECK(adam.first_moment()[0] == 0.0f);
  CHECK(sgd.velocity()[0] == 0.0f);
  // A gradient that goes on is untouched: its moment settles at the gradient.
  CHECK(adam.first_moment()[1] == Approx(2e-4f));
  CHECK(sgd.velocity()[1] == Approx(2e-3f));
  CHECK(std::isnan(adam.first_moment()[2]));
  CHECK(std::isnan(sgd.velocity()[2]));
}

TEST_CASE("adam: the packet loop and the scalar tail flush alike", "[optim]") {
  // 19 weights: whole SIMD packets (4 in WASM, 8 with AVX) and a scalar remainder, each with a
  // gradient that stops after the first step.
  bn::Adam adam(19, bn::AdamOptions{});
  bn::FloatBuffer w(19, 0.25f), first(19), zero(19, 0.0f);
  for (size_t i = 0; i < first.size(); ++i) first[i] = 1e-3f * static_cast<float>(i + 1);
  adam.step(w, first);
  for (int step = 0; step < 1200; ++step) adam.step(w, zero);
  for (float m : adam.first_moment()) CHECK(m == 0.0f);
}
