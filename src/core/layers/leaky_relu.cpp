#include "core/layers/leaky_relu.h"

namespace bn {

void leaky_relu_forward(const Matrix& x, float slope, Matrix& y) { y = (x.array() > 0.0f).select(x, slope * x); }

void leaky_relu_backward(const Matrix& x, float slope, const Matrix& dy, Matrix& dx) {
  dx = (x.array() > 0.0f).select(dy, slope * dy);
}

void LeakyReLU::forward(const ParameterArena&, const Matrix& input, Matrix& output) {
  input_ = input;
  leaky_relu_forward(input, slope_, output);
}

void LeakyReLU::backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) {
  leaky_relu_backward(input_, slope_, grad_output, grad_input);
}

}  // namespace bn
