// Tanh: y = tanh(x), with dx = dy · (1 − y²) computed from the forward output.
#pragma once

#include "core/layers/layer.h"

namespace bn {

// x: [batch, n] -> y: [batch, n]
void tanh_forward(const Matrix& x, Matrix& y);
// y: the forward output; dy -> dx, all [batch, n]
void tanh_backward(const Matrix& y, const Matrix& dy, Matrix& dx);

class Tanh : public Layer {
 public:
  std::string kind() const override { return "tanh"; }
  void forward(const ParameterArena&, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) override;

 private:
  Matrix output_;
};

}  // namespace bn
