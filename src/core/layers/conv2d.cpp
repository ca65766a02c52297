#include "core/layers/conv2d.h"

#include "core/layers/init.h"
#include "core/parallel/gemm.h"

namespace bn {

void conv2d_forward(const ConvGeometry& g, const Matrix& x, ConstMatrixMap weight, ConstMatrixMap bias, Matrix& cols,
                    Matrix& y) {
  im2col(g, x, cols);
  Matrix by_channel(weight.rows(), cols.cols());  // [OC, batch·P]
  gemm(weight, false, cview(cols), false, view(by_channel));
  for (Eigen::Index c = 0; c < by_channel.rows(); ++c) by_channel.row(c).array() += bias(0, c);
  channel_blocks_to_rows(by_channel, static_cast<int>(x.rows()), y);
}

namespace {

// dy_by_channel: [OC, batch·P]
void accumulate_parameter_gradients(const Matrix& cols, const Matrix& dy_by_channel, MatrixMap dweight,
                                    MatrixMap dbias) {
  gemm(cview(dy_by_channel), false, cview(cols), true, dweight, kAccumulate);
  dbias.row(0) += dy_by_channel.rowwise().sum().transpose();
}

}  // namespace

void conv2d_backward(const ConvGeometry& g, const Matrix& cols, ConstMatrixMap weight, const Matrix& dy, Matrix& dx,
                     MatrixMap dweight, MatrixMap dbias) {
  Matrix dy_by_channel;
  rows_to_channel_blocks(dy, static_cast<int>(weight.rows()), dy_by_channel);  // [OC, batch·P]
  accumulate_parameter_gradients(cols, dy_by_channel, dweight, dbias);
  Matrix dcols(weight.cols(), dy_by_channel.cols());  // [C·K·K, batch·P]
  gemm(weight, true, cview(dy_by_channel), false, view(dcols));
  col2im(g, dcols, static_cast<int>(dy.rows()), dx);
}

void conv2d_backward_parameters(const Matrix& cols, const Matrix& dy, MatrixMap dweight, MatrixMap dbias) {
  Matrix dy_by_channel;
  rows_to_channel_blocks(dy, static_cast<int>(dweight.rows()), dy_by_channel);
  accumulate_parameter_gradients(cols, dy_by_channel, dweight, dbias);
}

Conv2d::Conv2d(ParameterArena& arena, const std::string& name, const ConvShape& shape)
    : geometry_{shape.in_channels, shape.height, shape.width, shape.kernel, shape.stride, shape.padding},
      out_channels_(shape.out_channels) {
  geometry_.validate("Conv2d " + name);
  if (out_channels_ <= 0) throw std::invalid_argument("Conv2d " + name + ": out_channels must be positive");
  const int fan_in = geometry_.patch();
  weight_ = arena.reserve(name + ".weight", {out_channels_, shape.in_channels, shape.kernel, shape.kernel}, fan_in);
  bias_ = arena.reserve(name + ".bias", {out_channels_}, fan_in);
  bias_.rows = 1;
  bias_.cols = out_channels_;
}

void Conv2d::initialize(ParameterArena& arena, Random& rng, Init init) {
  const int fan_out = out_channels_ * geometry_.kernel * geometry_.kernel;
  initialize_weight_and_bias(arena.value(weight_), arena.value(bias_), geometry_.patch(), fan_out, rng, init);
}

void Conv2d::forward(const ParameterArena& arena, const Matrix& input, Matrix& output) {
  if (input.cols() != geometry_.image_size())
    throw std::invalid_argument("Conv2d: input has " + std::to_string(input.cols()) + " values per sample, expected " +
                                std::to_string(geometry_.image_size()));
  conv2d_forward(geometry_, input, arena.value(weight_), arena.value(bias_), cols_, output);
}

void Conv2d::backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) {
  const ParameterArena& weights = arena;
  conv2d_backward(geometry_, cols_, weights.value(weight_), grad_output, grad_input, arena.gradient(weight_),
                  arena.gradient(bias_));
}

void Conv2d::backward_parameters_only(ParameterArena& arena, const Matrix& grad_output, Matrix&) {
  conv2d_backward_parameters(cols_, grad_output, arena.gradient(weight_), arena.gradient(bias_));
}

}  // namespace bn
