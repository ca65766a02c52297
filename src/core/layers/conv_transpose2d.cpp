#include "core/layers/conv_transpose2d.h"

#include "core/layers/init.h"
#include "core/parallel/gemm.h"

namespace bn {

void conv_transpose2d_forward(const ConvGeometry& g, const Matrix& x, ConstMatrixMap weight, ConstMatrixMap bias,
                              Matrix& x_by_channel, Matrix& y) {
  const int batch = static_cast<int>(x.rows());
  rows_to_channel_blocks(x, static_cast<int>(weight.rows()), x_by_channel);  // [C_in, batch·P]
  Matrix cols(weight.cols(), x_by_channel.cols());                           // [C_out·K·K, batch·P]
  gemm(weight, true, cview(x_by_channel), false, view(cols));
  col2im(g, cols, batch, y);
  const int area = g.height * g.width;
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < g.channels; ++c)
      y.row(n).segment(static_cast<Eigen::Index>(c) * area, area).array() += bias(0, c);
}

void conv_transpose2d_backward(const ConvGeometry& g, const Matrix& x_by_channel, ConstMatrixMap weight,
                               const Matrix& dy, Matrix& dx, MatrixMap dweight, MatrixMap dbias) {
  const int batch = static_cast<int>(dy.rows());
  const int area = g.height * g.width;
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < g.channels; ++c)
      dbias(0, c) += dy.row(n).segment(static_cast<Eigen::Index>(c) * area, area).sum();
  Matrix dcols;
  im2col(g, dy, dcols);  // [C_out·K·K, batch·P]
  gemm(cview(x_by_channel), false, cview(dcols), true, dweight, kAccumulate);
  Matrix dx_by_channel(weight.rows(), dcols.cols());  // [C_in, batch·P]
  gemm(weight, false, cview(dcols), false, view(dx_by_channel));
  channel_blocks_to_rows(dx_by_channel, batch, dx);
}

ConvTranspose2d::ConvTranspose2d(ParameterArena& arena, const std::string& name, const ConvShape& shape)
    : in_channels_(shape.in_channels) {
  const int out_height = (shape.height - 1) * shape.stride - 2 * shape.padding + shape.kernel + shape.output_padding;
  const int out_width = (shape.width - 1) * shape.stride - 2 * shape.padding + shape.kernel + shape.output_padding;
  geometry_ = {shape.out_channels, out_height, out_width, shape.kernel, shape.stride, shape.padding};
  geometry_.validate("ConvTranspose2d " + name);
  if (shape.output_padding < 0 || shape.output_padding >= std::max(shape.stride, 1))
    throw std::invalid_argument("ConvTranspose2d " + name + ": output_padding must be in [0, stride)");
  if (geometry_.out_height() != shape.height || geometry_.out_width() != shape.width || in_channels_ <= 0)
    throw std::invalid_argument("ConvTranspose2d " + name + ": inconsistent geometry");
  // PyTorch computes ConvTranspose2d's fan-in from weight.size(1) · K · K.
  const int fan_in = shape.out_channels * shape.kernel * shape.kernel;
  weight_ = arena.reserve(name + ".weight", {in_channels_, shape.out_channels, shape.kernel, shape.kernel}, fan_in);
  bias_ = arena.reserve(name + ".bias", {shape.out_channels}, fan_in);
  bias_.rows = 1;
  bias_.cols = shape.out_channels;
}

void ConvTranspose2d::initialize(ParameterArena& arena, Random& rng, Init init) {
  const int fan_in = geometry_.patch();
  const int fan_out = in_channels_ * geometry_.kernel * geometry_.kernel;
  initialize_weight_and_bias(arena.value(weight_), arena.value(bias_), fan_in, fan_out, rng, init);
}

void ConvTranspose2d::forward(const ParameterArena& arena, const Matrix& input, Matrix& output) {
  const int expected = in_channels_ * geometry_.positions();
  if (input.cols() != expected)
    throw std::invalid_argument("ConvTranspose2d: input has " + std::to_string(input.cols()) +
                                " values per sample, expected " + std::to_string(expected));
  conv_transpose2d_forward(geometry_, input, arena.value(weight_), arena.value(bias_), input_by_channel_, output);
}

void ConvTranspose2d::backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) {
  const ParameterArena& weights = arena;
  conv_transpose2d_backward(geometry_, input_by_channel_, weights.value(weight_), grad_output, grad_input,
                            arena.gradient(weight_), arena.gradient(bias_));
}

}  // namespace bn
