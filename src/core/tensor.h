// Matrix types shared by the whole core.
//
// Activations are [batch, features] and weights are [out, in], both row-major: the same memory
// layout as PyTorch, so weights move to and from safetensors files without a transpose.
#pragma once

#include <Eigen/Core>

namespace bn {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using Vector = Eigen::VectorXf;
using RowVectorMap = Eigen::Map<Eigen::RowVectorXf>;

}  // namespace bn
