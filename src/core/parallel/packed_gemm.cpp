// The packed matrix product (see gemm.h): op(A) in panels of kTileRows rows, op(B) in panels of
// kTileColumns columns, each laid out one k after another, so the inner loop makes two contiguous
// vector loads of B and kTileRows scalar broadcasts of A per k, and keeps a kTileRows x
// kTileColumns tile of C in registers (8 vectors of 4 floats) over a block of the inner dimension.
//
// Why not Eigen's kernel in WebAssembly: Emscripten maps Eigen's SSE path onto WASM SIMD
// intrinsic by intrinsic, and Eigen's broadcasts become general shuffles; here a broadcast is one
// v128.load32_splat. Eight accumulators, two B vectors, a broadcast and a product take 12 of the 15
// vector registers V8 allocates on x64; a 6 x 8 tile would need 16.
#include <algorithm>
#include <cstring>

#include "core/parallel/gemm.h"
#include "core/parallel/thread_pool.h"

namespace bn {

namespace {

constexpr int kTileRows = 4;
constexpr int kTileColumns = 8;
constexpr int kTileSize = kTileRows * kTileColumns;
// Below this many multiply-adds a product runs on the caller alone: in Chromium on 2 threads,
// AE-32's 64x128x32 products (262K) ran at 17 GFLOP/s split and at 31 on one thread, as a chunk
// is a few microseconds of work and handing it over costs about as much.
constexpr double kMinParallelWork = 1 << 19;
constexpr int kMaxChunks = 8;
// The inner dimension in blocks of this many k: a block of a row panel and of a column panel
// (4 KB and 8 KB) stay in L1 together while every row panel passes over the column panel. At
// AE-32's 784 they would not (37.5 KB), and the first layer's products ran at half speed.
constexpr Eigen::Index kDepthBlock = 256;

using Floats4 = float __attribute__((vector_size(16)));

inline Floats4 load4(const float* p) {
  Floats4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store4(float* p, Floats4 v) { std::memcpy(p, &v, sizeof v); }

// Four values of k from each of four rows, stored k by k: packed[j * stride + r] = rows[r][j].
// Packing an operand whose k runs along its rows is a transpose; this does 4 x 4 of it with four
// loads, eight shuffles and four stores instead of sixteen scalar loads and stores.
inline void store_transposed4(const float* const rows[4], float* packed, Eigen::Index stride) {
  const Floats4 a = load4(rows[0]), b = load4(rows[1]), c = load4(rows[2]), d = load4(rows[3]);
  const Floats4 ab_low = __builtin_shufflevector(a, b, 0, 4, 1, 5), ab_high = __builtin_shufflevector(a, b, 2, 6, 3, 7);
  const Floats4 cd_low = __builtin_shufflevector(c, d, 0, 4, 1, 5), cd_high = __builtin_shufflevector(c, d, 2, 6, 3, 7);
  store4(packed, __builtin_shufflevector(ab_low, cd_low, 0, 1, 4, 5));
  store4(packed + stride, __builtin_shufflevector(ab_low, cd_low, 2, 3, 6, 7));
  store4(packed + 2 * stride, __builtin_shufflevector(ab_high, cd_high, 0, 1, 4, 5));
  store4(packed + 3 * stride, __builtin_shufflevector(ab_high, cd_high, 2, 3, 6, 7));
}

// op(X) of a row-major matrix: element (row, column) of X, or of Xᵀ.
struct Operand {
  const float* data;
  Eigen::Index stride;  // floats between rows of X as stored
  bool transposed;

  const float* address(Eigen::Index row, Eigen::Index column) const {
    return transposed ? data + column * stride + row : data + row * stride + column;
  }
};

Eigen::Index panels(Eigen::Index extent, int width) { return (extent + width - 1) / width; }

// Rows first .. first + kTileRows of op(A), k by k: packed[k * kTileRows + r]; rows past the end
// are zero, so every tile runs the same full-width kernel.
void pack_rows(const Operand& a, Eigen::Index first, Eigen::Index rows, Eigen::Index depth, float* packed) {
  const Eigen::Index count = std::min<Eigen::Index>(kTileRows, rows - first);
  if (count < kTileRows) std::fill(packed, packed + depth * kTileRows, 0.0f);
  if (a.transposed) {
    // Stored depth x rows: each k's rows are contiguous.
    for (Eigen::Index k = 0; k < depth; ++k) {
      // A whole panel row is one vector; a variable-length memcpy would be a call per k.
      if (count == kTileRows) store4(packed + k * kTileRows, load4(a.address(first, k)));
      else std::memcpy(packed + k * kTileRows, a.address(first, k), count * sizeof(float));
    }
  } else {
    Eigen::Index k = 0;
    if (count == kTileRows) {
      for (; k + 4 <= depth; k += 4) {
        const float* rows[4] = {a.address(first, k), a.address(first + 1, k), a.address(first + 2, k),
                                a.address(first + 3, k)};
        store_transposed4(rows, packed + k * kTileRows, kTileRows);
      }
    }
    for (Eigen::Index r = 0; r < count; ++r) {
      const float* row = a.address(first + r, 0);
      for (Eigen::Index j = k; j < depth; ++j) packed[j * kTileRows + r] = row[j];
    }
  }
}

// Columns first .. first + kTileColumns of op(B), rows (k) from `start`, `depth` of them, k by k:
// packed[k * kTileColumns + c].
void pack_columns(const Operand& b, Eigen::Index first, Eigen::Index columns, Eigen::Index start, Eigen::Index depth,
                  float* packed) {
  const Eigen::Index count = std::min<Eigen::Index>(kTileColumns, columns - first);
  if (count < kTileColumns) std::fill(packed, packed + depth * kTileColumns, 0.0f);
  if (!b.transposed) {
    for (Eigen::Index k = 0; k < depth; ++k) {
      const float* row = b.address(start + k, first);
      if (count == kTileColumns) {
        store4(packed + k * kTileColumns, load4(row));
        store4(packed + k * kTileColumns + 4, load4(row + 4));
      } else {
        std::memcpy(packed + k * kTileColumns, row, count * sizeof(float));
      }
    }
  } else {
    Eigen::Index k = 0;
    if (count == kTileColumns) {
      for (; k + 4 <= depth; k += 4) {
        for (int half = 0; half < 2; ++half) {
          const Eigen::Index c = first + 4 * half;
          const float* columns4[4] = {b.address(start + k, c), b.address(start + k, c + 1), b.address(start + k, c + 2),
                                      b.address(start + k, c + 3)};
          store_transposed4(columns4, packed + k * kTileColumns + 4 * half, kTileColumns);
        }
      }
    }
    for (Eigen::Index c = 0; c < count; ++c) {
      const float* column = b.address(start, first + c);
      for (Eigen::Index j = k; j < depth; ++j) packed[j * kTileColumns + c] = column[j];
    }
  }
}

// tile = the packed rows times the packed columns, summed over k in order. Four k a loop
// iteration spread the loop's own work (the pointers, the branch, and the interrupt check V8 puts
// at every loop head) over 64 multiplies and adds.
void multiply_panels(const float* rows, const float* columns, Eigen::Index depth, float* tile) {
  Floats4 sum[kTileRows][2] = {};
  auto add_products = [&sum](const float* row_values, const float* column_values) {
    const Floats4 left = load4(column_values), right = load4(column_values + 4);
    for (int r = 0; r < kTileRows; ++r) {
      const float value = row_values[r];
      const Floats4 broadcast = {value, value, value, value};
      sum[r][0] += broadcast * left;
      sum[r][1] += broadcast * right;
    }
  };
  Eigen::Index k = 0;
  for (; k + 4 <= depth; k += 4, rows += 4 * kTileRows, columns += 4 * kTileColumns) {
    add_products(rows, columns);
    add_products(rows + kTileRows, columns + kTileColumns);
    add_products(rows + 2 * kTileRows, columns + 2 * kTileColumns);
    add_products(rows + 3 * kTileRows, columns + 3 * kTileColumns);
  }
  for (; k < depth; ++k, rows += kTileRows, columns += kTileColumns) add_products(rows, columns);
  for (int r = 0; r < kTileRows; ++r) {
    store4(tile + r * kTileColumns, sum[r][0]);
    store4(tile + r * kTileColumns + 4, sum[r][1]);
  }
}

void write_tile(const float* tile, MatrixMap c, Eigen::Index row, Eigen::Index column, GemmMode mode) {
  const Eigen::Index rows = std::min<Eigen::Index>(kTileRows, c.rows() - row);
  const Eigen::Index columns = std::min<Eigen::Index>(kTileColumns, c.cols() - column);
  for (Eigen::Index r = 0; r < rows; ++r) {
    float* out = c.data() + (row + r) * c.cols() + column;
    const float* in = tile + r * kTileColumns;
    if (columns == kTileColumns) {
      if (mode == GemmMode::kAccumulate) {
        store4(out, load4(out) + load4(in));
        store4(out + 4, load4(out + 4) + load4(in + 4));
      } else {
        store4(out, load4(in));
        store4(out + 4, load4(in + 4));
      }
    } else {
      for (Eigen::Index j = 0; j < columns; ++j) out[j] = mode == GemmMode::kAccumulate ? out[j] + in[j] : in[j];
    }
  }
}

// Grows and never shrinks: after the first step of a given model, no GEMM allocates.
float* scratch(FloatBuffer& buffer, Eigen::Index floats) {
  if (static_cast<Eigen::Index>(buffer.size()) < floats) buffer.resize(static_cast<size_t>(floats));
  return buffer.data();
}

}  // namespace

void packed_gemm(ConstMatrixMap a, bool transpose_a, ConstMatrixMap b, bool transpose_b, MatrixMap c, GemmMode mode) {
  const Eigen::Index rows = c.rows(), columns = c.cols(), depth = transpose_a ? a.rows() : a.cols();
  if (rows == 0 || columns == 0) return;
  if (depth == 0) {
    if (mode == GemmMode::kAssign) c.setZero();
    return;
  }
  const Operand left{a.data(), a.cols(), transpose_a}, right{b.data(), b.cols(), transpose_b};

  // All of op(A), packed once by the caller and read by every chunk.
  thread_local FloatBuffer packed_rows_buffer;
  const Eigen::Index row_panels = panels(rows, kTileRows);
  float* packed_rows = scratch(packed_rows_buffer, row_panels * depth * kTileRows);
  for (Eigen::Index p = 0; p < row_panels; ++p)
    pack_rows(left, p * kTileRows, rows, depth, packed_rows + p * depth * kTileRows);

  // Chunks of whole column panels, their number from the shape alone: each tile of C is summed the
  // same way whichever thread computes it.
  const Eigen::Index column_panels = panels(columns, kTileColumns);
  const double work = static_cast<double>(rows) * columns * depth;
  const Eigen::Index panels_per_chunk = work < kMinParallelWork
                                            ? column_panels
                                            : panels(column_panels, std::min<Eigen::Index>(kMaxChunks, column_panels));
  const int chunks = static_cast<int>(panels(column_panels, panels_per_chunk));
  parallel_for(chunks, [&](int chunk) {
    thread_local FloatBuffer packed_columns_buffer;
    float* packed_columns = scratch(packed_columns_buffer, kDepthBlock * kTileColumns);
    alignas(16) float tile[kTileSize];
    const Eigen::Index last = std::min(column_panels, (chunk + 1) * panels_per_chunk);
    for (Eigen::Index q = chunk * panels_per_chunk; q < last; ++q) {
      for (Eigen::Index start = 0; start < depth; start += kDepthBlock) {
        const Eigen::Index count = std::min(kDepthBlock, depth - start);
        pack_columns(right, q * kTileColumns, columns, start, count, packed_columns);
        const GemmMode block_mode = start == 0 ? mode : GemmMode::kAccumulate;
        for (Eigen::Index p = 0; p < row_panels; ++p) {
          multiply_panels(packed_rows + (p * depth + start) * kTileRows, packed_columns, count, tile);
          write_tile(tile, c, p * kTileRows, q * kTileColumns, block_mode);
        }
      }
    }
  });
}

}  // namespace bn
