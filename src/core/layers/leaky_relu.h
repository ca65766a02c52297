// LeakyReLU: y = x for x > 0, slope·x otherwise (PyTorch's default slope is 0.01).
#pragma once

#include "core/layers/layer.h"

namespace bn {

// x: [batch, n] -> y: [batch, n]
void leaky_relu_forward(const Matrix& x, float slope, Matrix& y);
// x: the forward input; dy -> dx, all [batch, n]
void leaky_relu_backward(const Matrix& x, float slope, const Matrix& dy, Matrix& dx);

class LeakyReLU : public Layer {
 public:
  explicit LeakyReLU(float slope = 0.01f) : slope_(slope) {}
  std::string kind() const override { return "leaky_relu"; }
  void forward(const ParameterArena&, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) override;

 private:
  float slope_;
  Matrix input_;
};

}  // namespace bn
