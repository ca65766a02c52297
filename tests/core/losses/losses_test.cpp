// Known values, so a formula that is wrong but consistently differentiated still fails.
#include <cmath>

#include <catch2/catch.hpp>

#include "core/losses/gaussian_kl.h"
#include "core/losses/kl_sparsity.h"
#include "core/losses/l1_penalty.h"
#include "core/losses/mse.h"

TEST_CASE("gaussian KL: zero at the prior, ½μ² per unit-variance dimension", "[losses]") {
  bn::Matrix at_prior = bn::Matrix::Zero(3, 4);  // μ = 0, log σ² = 0
  REQUIRE(bn::gaussian_kl_forward(at_prior) == Approx(0.0f).margin(1e-7));
  bn::Matrix shifted = bn::Matrix::Zero(2, 4);  // K = 2; μ = (1, 2), σ = 1 for both samples
  shifted(0, 0) = shifted(1, 0) = 1.0f;
  shifted(0, 1) = shifted(1, 1) = 2.0f;
  REQUIRE(bn::gaussian_kl_forward(shifted) == Approx(0.5 * (1 + 4)));
  bn::Matrix narrow = bn::Matrix::Zero(1, 2);  // K = 1; σ² = e⁻¹: −½ (1 − 1 − e⁻¹) = ½ e⁻¹
  narrow(0, 1) = -1.0f;
  REQUIRE(bn::gaussian_kl_forward(narrow) == Approx(0.5 * std::exp(-1.0)));
}

TEST_CASE("sparsity penalties: L1 is λ·mean Σ|h|; KL is zero when ρ̂ = ρ", "[losses]") {
  bn::Matrix codes(2, 3);
  codes << 1, -2, 0, 0.5f, 0, -0.5f;
  REQUIRE(bn::l1_penalty_forward(codes, 0.1f) == Approx(0.1 * (3.0 + 1.0) / 2.0));
  bn::Matrix at_target = bn::Matrix::Constant(4, 3, 0.05f);
  REQUIRE(bn::kl_sparsity_forward(at_target, 0.05f, 1.0f) == Approx(0.0f).margin(1e-6));
  bn::Matrix too_active = bn::Matrix::Constant(4, 3, 0.5f);
  const double per_unit = 0.05 * std::log(0.05 / 0.5) + 0.95 * std::log(0.95 / 0.5);
  REQUIRE(bn::kl_sparsity_forward(too_active, 0.05f, 2.0f) == Approx(2.0 * 3 * per_unit));
  CHECK_THROWS_WITH(bn::kl_sparsity_forward(too_active, 1.5f, 1.0f), Catch::Contains("rho"));
}

TEST_CASE("mse: the mean of squared differences", "[losses]") {
  bn::Matrix a(1, 4), b(1, 4);
  a << 0, 1, 2, 3;
  b << 1, 1, 0, 3;
  REQUIRE(bn::mse_forward(a, b) == Approx((1.0 + 0 + 4 + 0) / 4));
}
