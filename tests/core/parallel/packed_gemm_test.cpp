// The packed kernel against Eigen's products (the reference), at the shapes training uses and at
// ragged ones that leave partial tiles on every edge and a partial block of the inner dimension,
// in all four transpose combinations.
#include <tuple>

#include <catch2/catch.hpp>

#include "core/parallel/gemm.h"
#include "core/parallel/thread_pool.h"
#include "core/random.h"

namespace {

bn::Matrix random_matrix(bn::Random& rng, Eigen::Index rows, Eigen::Index cols) {
  bn::Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(-1.0f, 1.0f);
  return m;
}

struct Shape {
  Eigen::Index rows, depth, columns;
};

}  // namespace

TEST_CASE("packed GEMM agrees with Eigen's, for every transpose and both modes", "[parallel][gemm]") {
  bn::Random rng(7);
  const Shape shapes[] = {{1, 1, 1},      {3, 5, 7},      {4, 8, 8},      {5, 9, 9},      {13, 37, 29}, {6, 257, 17},
                          {64, 784, 256}, {64, 256, 784}, {256, 64, 784}, {784, 64, 256}, {1, 784, 256}};
  for (const Shape& shape : shapes) {
    for (const auto& [transpose_a, transpose_b] :
         {std::tuple{false, false}, {false, true}, {true, false}, {true, true}}) {
      CAPTURE(shape.rows, shape.depth, shape.columns, transpose_a, transpose_b);
      const bn::Matrix a =
          transpose_a ? random_matrix(rng, shape.depth, shape.rows) : random_matrix(rng, shape.rows, shape.depth);
      const bn::Matrix b =
          transpose_b ? random_matrix(rng, shape.columns, shape.depth) : random_matrix(rng, shape.depth, shape.columns);
      const bn::Matrix start = random_matrix(rng, shape.rows, shape.columns);
      for (bn::GemmMode mode : {bn::GemmMode::kAssign, bn::GemmMode::kAccumulate}) {
        bn::Matrix expected = start, packed = start;
        bn::eigen_gemm(bn::cview(a), transpose_a, bn::cview(b), transpose_b, bn::view(expected), mode);
        bn::packed_gemm(bn::cview(a), transpose_a, bn::cview(b), transpose_b, bn::view(packed), mode);
        // Each element sums `depth` products of numbers below 1 in another order: rounding only.
        const float tolerance = 1e-6f * static_cast<float>(shape.depth + 4);
        CHECK((packed - expected).cwiseAbs().maxCoeff() <= tolerance);
        if (mode == bn::GemmMode::kAccumulate) CHECK((packed - start).cwiseAbs().maxCoeff() > 0.0f);
      }
    }
  }
}

TEST_CASE("packed GEMM gives the same bits on 1, 2 and 3 threads", "[parallel][gemm]") {
  bn::Random rng(8);
  const bn::Matrix a = random_matrix(rng, 64, 784), b = random_matrix(rng, 250, 784);
  bn::Matrix reference(64, 250);
  bn::set_compute_threads(1);
  bn::packed_gemm(bn::cview(a), false, bn::cview(b), true, bn::view(reference));
  for (int threads : {2, 3}) {
    bn::set_compute_threads(threads);
    bn::Matrix c(64, 250);
    bn::packed_gemm(bn::cview(a), false, bn::cview(b), true, bn::view(c));
    CHECK(c == reference);
  }
  bn::set_compute_threads(1);
}

TEST_CASE("packed GEMM over an empty inner dimension gives zeros, or leaves C as it was", "[parallel][gemm]") {
  const bn::Matrix a(3, 0), b(0, 5);
  bn::Matrix c = bn::Matrix::Constant(3, 5, 2.0f);
  bn::packed_gemm(bn::cview(a), false, bn::cview(b), false, bn::view(c), bn::kAccumulate);
  CHECK(c == bn::Matrix::Constant(3, 5, 2.0f));
  bn::packed_gemm(bn::cview(a), false, bn::cview(b), false, bn::view(c));
  CHECK(c == bn::Matrix::Zero(3, 5));
}
