#include "core/parallel/gemm.h"

#include <algorithm>
#include <vector>

#include "core/parallel/thread_pool.h"

namespace bn {

namespace {

// Below this many multiply-adds a product runs as one block: waking workers would cost more.
constexpr double kMinParallelWork = 1 << 17;
constexpr int kMaxBlocks = 8;
// Blocks are multiples of this, so Eigen's kernels see whole SIMD panels.
constexpr Eigen::Index kBlockQuantum = 16;

struct Split {
  bool by_rows;
  Eigen::Index block;
  int blocks;
};

Split split_for(Eigen::Index rows, Eigen::Index cols, Eigen::Index inner) {
  const bool by_rows = rows >= cols;
  const Eigen::Index extent = by_rows ? rows : cols;
  const double work = static_cast<double>(rows) * cols * inner;
  if (work < kMinParallelWork || extent < 2 * kBlockQuantum) return {by_rows, extent, 1};
  Eigen::Index block = (extent + kMaxBlocks - 1) / kMaxBlocks;
  block = (block + kBlockQuantum - 1) / kBlockQuantum * kBlockQuantum;
  const int blocks = static_cast<int>((extent + block - 1) / block);
  return {by_rows, block, blocks};
}

// For a small C over a long inner dimension (a convolution's weight gradient sums over every
// position of every image), the inner dimension is cut into fixed slices instead; their partial
// products are added in slice order, which again does not depend on the thread count.
template <typename Lhs, typename Rhs>
bool split_inner_product(const Lhs& lhs, const Rhs& rhs, MatrixMap c, GemmMode mode) {
  const Eigen::Index inner = lhs.cols();
  const double work = static_cast<double>(c.rows()) * c.cols() * inner;
  if (work < kMinParallelWork || std::max(c.rows(), c.cols()) >= 2 * kBlockQuantum || inner < 64 * kMaxBlocks)
    return false;
  Eigen::Index slice = (inner + kMaxBlocks - 1) / kMaxBlocks;
  slice = (slice + kBlockQuantum - 1) / kBlockQuantum * kBlockQuantum;
  const int slices = static_cast<int>((inner + slice - 1) / slice);
  std::vector<Matrix> partial(slices);
  parallel_for(slices, [&](int index) {
    const Eigen::Index first = index * slice;
    const Eigen::Index count = std::min(slice, inner - first);
    partial[index].noalias() = lhs.middleCols(first, count) * rhs.middleRows(first, count);
  });
  if (mode == GemmMode::kAssign) c.setZero();
  for (const Matrix& part : partial) c += part;
  return true;
}

template <typename Lhs, typename Rhs>
void blocked_product(const Lhs& lhs, const Rhs& rhs, MatrixMap c, GemmMode mode) {
  if (split_inner_product(lhs, rhs, c, mode)) return;
  const Split split = split_for(c.rows(), c.cols(), lhs.cols());
  const Eigen::Index extent = split.by_rows ? c.rows() : c.cols();
  parallel_for(split.blocks, [&](int index) {
    const Eigen::Index first = index * split.block;
    const Eigen::Index count = std::min(split.block, extent - first);
    if (split.by_rows) {
      auto out = c.middleRows(first, count);
      if (mode == GemmMode::kAccumulate) out.noalias() += lhs.middleRows(first, count) * rhs;
      else out.noalias() = lhs.middleRows(first, count) * rhs;
    } else {
      auto out = c.middleCols(first, count);
      if (mode == GemmMode::kAccumulate) out.noalias() += lhs * rhs.middleCols(first, count);
      else out.noalias() = lhs * rhs.middleCols(first, count);
    }
  });
}

}  // namespace

void gemm(ConstMatrixMap a, bool transpose_a, ConstMatrixMap b, bool transpose_b, MatrixMap c, GemmMode mode) {
#ifdef __wasm_simd128__
  packed_gemm(a, transpose_a, b, transpose_b, c, mode);
#else
  eigen_gemm(a, transpose_a, b, transpose_b, c, mode);
#endif
}

void eigen_gemm(ConstMatrixMap a, bool transpose_a, ConstMatrixMap b, bool transpose_b, MatrixMap c,
                GemmMode mode) {
  if (c.size() == 0) return;
  if (!transpose_a && !transpose_b) return blocked_product(a, b, c, mode);
  if (!transpose_a && transpose_b) return blocked_product(a, b.transpose(), c, mode);
  if (transpose_a && !transpose_b) return blocked_product(a.transpose(), b, c, mode);
  blocked_product(a.transpose(), b.transpose(), c, mode);
}

}  // namespace bn
