#include "core/losses/bce.h"

#include <cmath>
#include <stdexcept>

#include "core/layers/sigmoid.h"

namespace bn {

static void check_shapes(const Matrix& logits, const Matrix& target) {
  if (logits.rows() != target.rows() || logits.cols() != target.cols())
    throw std::invalid_argument("bce: logits and target shapes differ");
}

float bce_with_logits_forward(const Matrix& logits, const Matrix& target) {
  check_shapes(logits, target);
  // Accumulated in double: a 64×784 batch sums 50k terms.
  double sum = 0.0;
  for (Eigen::Index i = 0; i < logits.size(); ++i) {
    float z = logits.data()[i];
    float t = target.data()[i];
    sum += std::max(z, 0.0f) - z * t + std::log1p(std::exp(-std::abs(z)));
  }
  return static_cast<float>(sum / static_cast<double>(logits.size()));
}

void bce_with_logits_backward(const Matrix& logits, const Matrix& target, Matrix& grad_logits) {
  check_shapes(logits, target);
  sigmoid_forward(logits, grad_logits);
  grad_logits -= target;
  grad_logits *= 1.0f / static_cast<float>(logits.size());
}

}  // namespace bn
