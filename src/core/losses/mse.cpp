#include "core/losses/mse.h"

#include <stdexcept>

namespace bn {

static void check_shapes(const Matrix& prediction, const Matrix& target) {
  if (prediction.rows() != target.rows() || prediction.cols() != target.cols())
    throw std::invalid_argument("mse: prediction and target shapes differ");
}

float mse_forward(const Matrix& prediction, const Matrix& target) {
  check_shapes(prediction, target);
  double sum = 0.0;
  for (Eigen::Index i = 0; i < prediction.size(); ++i) {
    double d = static_cast<double>(prediction.data()[i]) - target.data()[i];
    sum += d * d;
  }
  return static_cast<float>(sum / static_cast<double>(prediction.size()));
}

void mse_backward(const Matrix& prediction, const Matrix& target, Matrix& grad_prediction) {
  check_shapes(prediction, target);
  grad_prediction = (prediction - target) * (2.0f / static_cast<float>(prediction.size()));
}

}  // namespace bn
