#include "core/layers/dense.h"

#include <stdexcept>

#include "core/layers/init.h"
#include "core/parallel/gemm.h"

namespace bn {

void dense_forward(const Matrix& x, ConstMatrixMap weight, ConstMatrixMap bias, Matrix& y) {
  y.resize(x.rows(), weight.rows());
  gemm(cview(x), false, weight, true, view(y));
  y.rowwise() += bias.row(0);
}

void dense_backward(const Matrix& x, ConstMatrixMap weight, const Matrix& dy, Matrix& dx, MatrixMap dweight,
                    MatrixMap dbias) {
  dense_backward_parameters(x, dy, dweight, dbias);
  dx.resize(dy.rows(), weight.cols());
  gemm(cview(dy), false, weight, false, view(dx));
}

void dense_backward_parameters(const Matrix& x, const Matrix& dy, MatrixMap dweight, MatrixMap dbias) {
  gemm(cview(dy), true, cview(x), false, dweight, kAccumulate);
  dbias.row(0) += dy.colwise().sum();
}

Dense::Dense(ParameterArena& arena, const std::string& name, int in_features, int out_features)
    : in_features_(in_features), out_features_(out_features) {
  if (in_features <= 0 || out_features <= 0)
    throw std::invalid_argument("Dense " + name + ": sizes must be positive (got " + std::to_string(in_features) +
                                " -> " + std::to_string(out_features) + ")");
  weight_ = arena.reserve(name + ".weight", {out_features, in_features}, in_features);
  bias_ = arena.reserve(name + ".bias", {out_features}, in_features);
  // A bias of shape {out} is viewed as one row.
  bias_.rows = 1;
  bias_.cols = out_features;
}

void Dense::initialize(ParameterArena& arena, Random& rng, Init init) {
  initialize_weight_and_bias(arena.value(weight_), arena.value(bias_), in_features_, out_features_, rng, init);
}

void Dense::forward(const ParameterArena& arena, const Matrix& input, Matrix& output) {
  if (input.cols() != in_features_)
    throw std::invalid_argument("Dense: input has " + std::to_string(input.cols()) + " features, expected " +
                                std::to_string(in_features_));
  input_ = input;
  dense_forward(input, arena.value(weight_), arena.value(bias_), output);
}

void Dense::backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) {
  const ParameterArena& weights = arena;
  dense_backward(input_, weights.value(weight_), grad_output, grad_input, arena.gradient(weight_),
                 arena.gradient(bias_));
}

void Dense::backward_parameters_only(ParameterArena& arena, const Matrix& grad_output, Matrix&) {
  dense_backward_parameters(input_, grad_output, arena.gradient(weight_), arena.gradient(bias_));
}

}  // namespace bn
