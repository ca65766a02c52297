// Matrix types shared by the whole core.
//
// Activations are [batch, features] and weights are [out, in], both row-major: the same memory
// layout as PyTorch, so weights move to and from safetensors files without a transpose.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace bn {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using Vector = Eigen::VectorXf;
using RowVectorMap = Eigen::Map<Eigen::RowVectorXf>;

// A float buffer aligned for Eigen's widest SIMD packets. Eigen's vectorised loops peel a few
// leading elements until the data is aligned, so the order of floating-point operations (and the
// rounding) depends on an address modulo the packet size. Aligned buffers, with every tensor
// starting on an aligned offset, make results independent of where the heap put them.
using FloatBuffer = std::vector<float, Eigen::aligned_allocator<float>>;

}  // namespace bn
