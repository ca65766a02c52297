#include "core/losses/kl_sparsity.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bn {

namespace {

// ρ̂ is kept off 0 and 1 so a dead or saturated unit gives a large but finite penalty.
constexpr double kClamp = 1e-6;

Eigen::RowVectorXd mean_activations(const Matrix& codes) {
  Eigen::RowVectorXd mean = codes.cast<double>().colwise().mean();
  return mean.unaryExpr([](double v) { return std::clamp(v, kClamp, 1.0 - kClamp); });
}

void check_rho(float rho) {
  if (!(rho > 0.0f && rho < 1.0f)) throw std::invalid_argument("kl_sparsity: rho must be in (0, 1)");
}

}  // namespace

float kl_sparsity_forward(const Matrix& codes, float rho, float beta) {
  check_rho(rho);
  const Eigen::RowVectorXd mean = mean_activations(codes);
  double sum = 0.0;
  for (Eigen::Index j = 0; j < mean.size(); ++j)
    sum += rho * std::log(rho / mean[j]) + (1.0 - rho) * std::log((1.0 - rho) / (1.0 - mean[j]));
  return static_cast<float>(beta * sum);
}

void kl_sparsity_backward(const Matrix& codes, float rho, float beta, Matrix& grad_codes) {
  check_rho(rho);
  const Eigen::RowVectorXd mean = mean_activations(codes);
  const double scale = beta / static_cast<double>(codes.rows());
  Eigen::RowVectorXf per_unit(mean.size());
  for (Eigen::Index j = 0; j < mean.size(); ++j)
    per_unit[j] = static_cast<float>(scale * (-rho / mean[j] + (1.0 - rho) / (1.0 - mean[j])));
  grad_codes = per_unit.replicate(codes.rows(), 1);
}

}  // namespace bn
