#include "core/layers/sigmoid.h"

#include <cmath>

namespace bn {

void sigmoid_forward(const Matrix& x, Matrix& y) {
  // Written with exp(-|x|) so that neither branch overflows.
  y.resize(x.rows(), x.cols());
  y = x.unaryExpr([](float v) {
    float e = std::exp(-std::abs(v));
    return v >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
  });
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
