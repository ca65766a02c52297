// Reshape: between a Dense code and a convolution, e.g. [batch, 1568] <-> [batch, 32, 7, 7].
//
// Every tensor already travels as one flattened row per sample in PyTorch's order, so reshaping
// moves no data. The layer is there to say, and check, what shape the next layer sees.
#pragma once

#include <vector>

#include "core/layers/layer.h"

namespace bn {

class Reshape : public Layer {
 public:
  explicit Reshape(std::vector<int> shape);  // the per-sample shape, e.g. {32, 7, 7}
  std::string kind() const override { return "reshape"; }
  int output_size(int) const override { return size_; }
  const std::vector<int>& shape() const { return shape_; }
  void forward(const ParameterArena&, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) override;

 private:
  std::vector<int> shape_;
  int size_ = 1;
};

}  // namespace bn
