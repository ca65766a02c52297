// Known values, so a formula that is wrong but consistently differentiated still fails.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "core/losses/bce.h"
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

namespace {

// BCE from logits in double, term by term: max(z, 0) − z·t + log1p(e^−|z|), and sigmoid(z) − t.
double reference_bce_term(double z, double t) { return std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::abs(z))); }
double reference_sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

TEST_CASE("bce from logits: every element within a few float roundings of a double-precision reference", "[losses]") {
  // One element at a time, so that no error hides in a mean: logits from −100 to 100, finest near 0
  // where log1p(e^−|z|) matters most; targets 0, ½ and 1.
  double worst_term = 0, worst_gradient = 0;
  for (int step = -4000; step <= 4000; ++step) {
    const double z = step / 40.0 * std::abs(step / 1000.0) + step / 4000.0;
    for (float t : {0.0f, 0.5f, 1.0f}) {
      bn::Matrix logits = bn::Matrix::Constant(1, 1, static_cast<float>(z)), target = bn::Matrix::Constant(1, 1, t);
      const double zf = logits(0, 0);
      bn::Matrix grad;
      const float loss = bn::bce_with_logits_forward_backward(logits, target, 1.0f, grad);
      const double term = reference_bce_term(zf, t);
      worst_term = std::max(worst_term, std::abs(loss - term) / std::max(1e-30, std::abs(term)));
      worst_gradient = std::max(worst_gradient, std::abs(grad(0, 0) - (reference_sigmoid(zf) - t)));
    }
  }
  INFO("worst relative error of a term " << worst_term << ", worst absolute error of a gradient " << worst_gradient);
  CHECK(worst_term < 1e-6);
  CHECK(worst_gradient < 3e-7);
}

TEST_CASE("bce from logits: one pass gives forward's loss and backward's gradient, in any batch shape", "[losses]") {
  // 3 x 5: a ragged tail of three lanes; 64 x 784: a training batch, spread over the pool's chunks.
  for (auto [rows, cols] : {std::pair<int, int>{3, 5}, {64, 784}}) {
    bn::Matrix logits(rows, cols), target(rows, cols);
    for (Eigen::Index i = 0; i < logits.size(); ++i) {
      logits.data()[i] = static_cast<float>(std::sin(0.37 * i) * 12.0);
      target.data()[i] = static_cast<float>((i * 7919) % 256) / 255.0f;
    }
    double loss_sum = 0;
    for (Eigen::Index i = 0; i < logits.size(); ++i) loss_sum += reference_bce_term(logits.data()[i], target.data()[i]);
    const double n = static_cast<double>(logits.size());
    bn::Matrix grad, scaled_grad;
    const float loss = bn::bce_with_logits_forward(logits, target);
    bn::bce_with_logits_backward(logits, target, grad);
    const float both = bn::bce_with_logits_forward_backward(logits, target, 784.0f, scaled_grad);
    CHECK(loss == Approx(loss_sum / n).epsilon(1e-6));
    CHECK(both == loss);
    REQUIRE(grad.rows() == rows);
    REQUIRE(grad.cols() == cols);
    double worst = 0;
    for (Eigen::Index i = 0; i < grad.size(); ++i) {
      const double expected = (reference_sigmoid(logits.data()[i]) - target.data()[i]) / n;
      worst = std::max(worst, std::abs(grad.data()[i] - expected) * n);
      worst = std::max(worst, std::abs(scaled_grad.data()[i] - 784.0 * expected) * n / 784.0);
    }
    CHECK(worst < 3e-7);
  }
}
