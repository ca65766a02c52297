// Matrix products split across the compute pool: C = op(A)·op(B), or C += op(A)·op(B).
//
// C is cut into blocks of rows (or of columns, when it is wider than tall) whose size depends only
// on C's shape. Each block is one Eigen product over the whole inner dimension, so every element
// of C is summed in the same order whatever the thread count: results are bit-identical.
//
//   gemm(cview(x), false, weight, true, view(y));             // y = x · Wᵀ     (Dense forward)
//   gemm(cview(dy), true, cview(x), false, dw, kAccumulate);  // dW += dyᵀ · x  (Dense backward)
#pragma once

#include "core/tensor.h"

namespace bn {

enum class GemmMode { kAssign, kAccumulate };
constexpr GemmMode kAccumulate = GemmMode::kAccumulate;

// c must already have the product's shape. In WebAssembly this is packed_gemm; natively, where
// Eigen has AVX2 and FMA kernels, eigen_gemm.
void gemm(ConstMatrixMap a, bool transpose_a, ConstMatrixMap b, bool transpose_b, MatrixMap c,
          GemmMode mode = GemmMode::kAssign);

// Eigen's products, one per block of C: the reference the packed kernel is tested against.
void eigen_gemm(ConstMatrixMap a, bool transpose_a, ConstMatrixMap b, bool transpose_b, MatrixMap c,
                GemmMode mode = GemmMode::kAssign);

// Our own kernel (packed_gemm.cpp): panels of A and B packed for contiguous loads, and a 4 x 8
// tile of C summed in SIMD registers. Also split by shape alone, so also bit-identical across
// thread counts; it agrees with eigen_gemm to rounding.
void packed_gemm(ConstMatrixMap a, bool transpose_a, ConstMatrixMap b, bool transpose_b, MatrixMap c,
                 GemmMode mode = GemmMode::kAssign);

inline ConstMatrixMap cview(const Matrix& m) { return {m.data(), m.rows(), m.cols()}; }
inline MatrixMap view(Matrix& m) { return {m.data(), m.rows(), m.cols()}; }

}  // namespace bn
