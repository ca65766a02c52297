#include "core/losses/gaussian_kl.h"

#include <cmath>
#include <stdexcept>

namespace bn {

static int latent_size(const Matrix& stats) {
  if (stats.cols() % 2 != 0) throw std::invalid_argument("gaussian_kl: stats must hold [mu | logvar]");
  return static_cast<int>(stats.cols() / 2);
}

float gaussian_kl_forward(const Matrix& stats) {
  const int k = latent_size(stats);
  double sum = 0.0;
  for (Eigen::Index n = 0; n < stats.rows(); ++n)
    for (int j = 0; j < k; ++j) {
      double mu = stats(n, j), logvar = stats(n, k + j);
      sum += -0.5 * (1.0 + logvar - mu * mu - std::exp(logvar));
    }
  return static_cast<float>(sum / static_cast<double>(stats.rows()));
}

void gaussian_kl_backward(const Matrix& stats, Matrix& grad_stats) {
  const int k = latent_size(stats);
  const float scale = 1.0f / static_cast<float>(stats.rows());
  grad_stats.resize(stats.rows(), stats.cols());
  grad_stats.leftCols(k) = stats.leftCols(k) * scale;
  grad_stats.rightCols(k) = (stats.rightCols(k).array().exp() - 1.0f) * (0.5f * scale);
}

}  // namespace bn
