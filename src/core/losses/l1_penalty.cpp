#include "core/losses/l1_penalty.h"

namespace bn {

float l1_penalty_forward(const Matrix& codes, float lambda) {
  return lambda * static_cast<float>(codes.cast<double>().cwiseAbs().sum() / static_cast<double>(codes.rows()));
}

void l1_penalty_backward(const Matrix& codes, float lambda, Matrix& grad_codes) {
  const float scale = lambda / static_cast<float>(codes.rows());
  grad_codes = codes.unaryExpr([scale](float h) { return h > 0.0f ? scale : h < 0.0f ? -scale : 0.0f; });
}

}  // namespace bn
