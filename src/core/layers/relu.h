// ReLU: y = max(x, 0). The gradient at exactly 0 is taken as 0, as in PyTorch.
#pragma once

#include "core/layers/layer.h"

namespace bn {

// x: [batch, n] -> y: [batch, n]
void relu_forward(const Matrix& x, Matrix& y);
// x: [batch, n] (the forward input), dy: [batch, n] -> dx: [batch, n]
void relu_backward(const Matrix& x, const Matrix& dy, Matrix& dx);

class ReLU : public Layer {
 public:
  std::string kind() const override { return "relu"; }
  void forward(const ParameterArena&, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) override;

 private:
  Matrix input_;
};

}  // namespace bn
