// The optimizers' first steps against values worked out by hand from PyTorch's update rules.
#include <cmath>

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
