// Dense (fully connected): y = x Wᵀ + b, with W of shape [out, in] as in PyTorch's nn.Linear.
#pragma once

#include "core/layers/layer.h"

namespace bn {

// x: [batch, in], weight: [out, in], bias: [1, out] -> y: [batch, out]
void dense_forward(const Matrix& x, ConstMatrixMap weight, ConstMatrixMap bias, Matrix& y);
// dy: [batch, out] -> dx: [batch, in]; dweight [out, in] and dbias [1, out] are accumulated into.
void dense_backward(const Matrix& x, ConstMatrixMap weight, const Matrix& dy, Matrix& dx, MatrixMap dweight,
                    MatrixMap dbias);
// The same without dx: dweight and dbias alone.
void dense_backward_parameters(const Matrix& x, const Matrix& dy, MatrixMap dweight, MatrixMap dbias);

class Dense : public Layer {
 public:
  Dense(ParameterArena& arena, const std::string& name, int in_features, int out_features);
  std::string kind() const override { return "dense"; }
  int output_size(int) const override { return out_features_; }
  int in_features() const { return in_features_; }
  int out_features() const { return out_features_; }
  void initialize(ParameterArena& arena, Random& rng, Init init) override;
  void forward(const ParameterArena& arena, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) override;
  void backward_parameters_only(ParameterArena& arena, const Matrix& grad_output, Matrix& unused) override;

 private:
  int in_features_;
  int out_features_;
  ParameterRef weight_;
  ParameterRef bias_;
  Matrix input_;
};

}  // namespace bn
