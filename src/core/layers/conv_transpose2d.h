// ConvTranspose2d: the adjoint of Conv2d (the "deconvolution" of decoders), weight
// [in_channels, out_channels, K, K] and bias [out_channels], as PyTorch's nn.ConvTranspose2d.
// Output size: (H − 1)·stride − 2·padding + K + output_padding.
//
// It is Conv2d run backwards: the output image is the image a Conv2d with the same kernel, stride
// and padding would slide over, and the input holds that Conv2d's output positions.
#pragma once

#include "core/layers/conv2d.h"

namespace bn {

// g: the geometry of the equivalent Conv2d over the OUTPUT image (channels = out_channels).
// x: [batch, C_in·H·W] -> y: [batch, C_out·OH·OW]
void conv_transpose2d_forward(const ConvGeometry& g, const Matrix& x, ConstMatrixMap weight, ConstMatrixMap bias,
                              Matrix& x_by_channel, Matrix& y);
// dy: [batch, C_out·OH·OW] -> dx: [batch, C_in·H·W]; dweight [C_in, C_out·K·K], dbias [1, C_out] accumulate.
void conv_transpose2d_backward(const ConvGeometry& g, const Matrix& x_by_channel, ConstMatrixMap weight,
                               const Matrix& dy, Matrix& dx, MatrixMap dweight, MatrixMap dbias);

class ConvTranspose2d : public Layer {
 public:
  ConvTranspose2d(ParameterArena& arena, const std::string& name, const ConvShape& shape);
  std::string kind() const override { return "conv_transpose2d"; }
  int output_size(int) const override { return geometry_.image_size(); }
  int out_height() const { return geometry_.height; }
  int out_width() const { return geometry_.width; }
  void initialize(ParameterArena& arena, Random& rng, Init init) override;
  void forward(const ParameterArena& arena, const Matrix& input, Matrix& output) override;
  void backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) override;

 private:
  ConvGeometry geometry_;  // of the equivalent Conv2d, over the output image
  int in_channels_;
  ParameterRef weight_;
  ParameterRef bias_;
  Matrix input_by_channel_;
};

}  // namespace bn
