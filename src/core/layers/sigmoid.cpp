#include "core/layers/sigmoid.h"

#include <cmath>

namespace bn {

void sigmoid_forward(const Matrix& x, Matrix& y) {
  // Written with exp(-|x|) so that neither branch overflows.
  // Vectorised (Eigen's exp), in y itself: e first, then the branch that fits each sign.
  y.resize(x.rows(), x.cols());
  y.array() = (-x.array().abs()).exp();
  y.array() = (x.array() >= 0.0f).select((1.0f + y.array()).inverse(), y.array() / (1.0f + y.array()));
}

void sigmoid_backward(const Matrix& y, const Matrix& dy, Matrix& dx) {
  dx = dy.array() * y.array() * (1.0f - y.array());
}

void Sigmoid::forward(const ParameterArena&, const Matrix& input, Matrix& output) {
  sigmoid_forward(input, output);
  output_ = output;
}

void Sigmoid::backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) {
  sigmoid_backward(output_, grad_output, grad_input);
}

}  // namespace bn
