#include "core/layers/relu.h"

namespace bn {

void relu_forward(const Matrix& x, Matrix& y) { y = x.cwiseMax(0.0f); }

void relu_backward(const Matrix& x, const Matrix& dy, Matrix& dx) { dx = (x.array() > 0.0f).select(dy, 0.0f); }

void ReLU::forward(const ParameterArena&, const Matrix& input, Matrix& output) {
  input_ = input;
  relu_forward(input, output);
}

void ReLU::backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) {
  relu_backward(input_, grad_output, grad_input);
}

}  // namespace bn
