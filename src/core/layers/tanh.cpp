#include "core/layers/tanh.h"

namespace bn {

void tanh_forward(const Matrix& x, Matrix& y) { y = x.array().tanh(); }

void tanh_backward(const Matrix& y, const Matrix& dy, Matrix& dx) { dx = dy.array() * (1.0f - y.array().square()); }

void Tanh::forward(const ParameterArena&, const Matrix& input, Matrix& output) {
  tanh_forward(input, output);
  output_ = output;
}

void Tanh::backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) {
  tanh_backward(output_, grad_output, grad_input);
}

}  // namespace bn
