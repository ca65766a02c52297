// Conv2d: a 2-D convolution, weight [out_channels, in_channels, K, K] and bias [out_channels], as
// PyTorch's nn.Conv2d. Images travel flattened, one per row: [batch, C·H·W] in NCHW order.
#pragma once

#include "core/layers/im2col.h"
#include "core/layers/layer.h"

namespace bn {

// x: [batch, C·H·W] -> y: [batch, OC·OH·OW]; cols (kept for backward): [C·K·K, batch·OH·OW]
void conv2d_forward(const ConvGeometry& g, const Matrix& x, ConstMatrixMap weight, ConstMatrixMap bias, Matrix& cols,
                    Matrix& y);
// dy: [batch, OC·OH·OW] -> dx: [batch, C·H·W]; dweight [OC, C·K·K] and dbias [1, OC] are accumulated into.
void conv2d_backward(const ConvGeometry& g, const Matrix& cols, ConstMatrixMap weight, const Matrix& dy, Matrix& dx,
                     MatrixMap dweight, MatrixMap dbias);
// The same without dx: dweight and dbias alone.
void conv2d_backward_parameters(const Matrix& cols, const Matrix& dy, MatrixMap dweight, MatrixMap dbias);

struct ConvShape {
  int in_channels = 1, height = 28, width = 28;
  int out_channels = 1, kernel = 3, stride = 1, padding = 0;
  int output_padding = 0;  // ConvTranspose2d only: extra rows and columns on the far edges
};

class Conv2d : public Layer {
 public:
  Conv2d(ParameterArena& arena, const std::string& name, const ConvShape& shape);
  std::string kind() const override { return "conv2d"; }
  int output_size(int) const override { return out_channels_ * geometry_.positions(); }
  int out_height() const { return geometry_.out_height(); }
  int out_width() const { return geometry_.out_width(); }
  void initialize(ParameterArena& arena, Random& rng, Init init) override;
  void forward(const ParameterArena& arena, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) override;
  void backward_parameters_only(ParameterArena& arena, const Matrix& grad_output, Matrix& unused) override;

 private:
  ConvGeometry geometry_;
  int out_channels_;
  ParameterRef weight_;
  ParameterRef bias_;
  Matrix cols_;
};

}  // namespace bn
