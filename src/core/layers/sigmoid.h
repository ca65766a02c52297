// Sigmoid: y = 1 / (1 + exp(-x)). Models trained with BCE do not use this layer on their output:
// the loss takes logits (see losses/bce.h), which is stabler. It is for MSE-trained outputs and for
// turning logits into images.
#pragma once

#include "core/layers/layer.h"

namespace bn {

// x: [batch, n] -> y: [batch, n]
void sigmoid_forward(const Matrix& x, Matrix& y);
// y: [batch, n] (the forward output), dy: [batch, n] -> dx = dy * y * (1 - y)
void sigmoid_backward(const Matrix& y, const Matrix& dy, Matrix& dx);

class Sigmoid : public Layer {
 public:
  std::string kind() const override { return "sigmoid"; }
  void forward(const ParameterArena&, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) override;

 private:
  Matrix output_;
};

}  // namespace bn
