// The compute pool splits work into chunks that depend only on the problem's sizes, so training
// gives bit-identical weights with 1, 2 or 3 threads. Checked on the two kinds with the most
// parallel code paths: the MLP (row-split GEMMs) and the conv AE (column splits, split-K weight
// gradients, im2col by samples).
#include <tuple>

#include <catch2/catch.hpp>

#include "core/models/model.h"
#include "core/parallel/gemm.h"
#include "core/parallel/thread_pool.h"

namespace {

bn::FloatBuffer train_weights(bn::ModelKind kind, int threads) {
  bn::set_compute_threads(threads);
  bn::ModelConfig config;
  config.kind = kind;
  config.seed = 11;
  auto model = bn::make_model(config);
  bn::Random rng(4);
  bn::Matrix x(64, 784);
  for (int step = 0; step < 3; ++step) {
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.uniform();
    model->train_step(x);
  }
  bn::set_compute_threads(1);
  return model->parameters().values();
}

}  // namespace

TEST_CASE("gemm: each split shape agrees with Eigen's product", "[parallel]") {
  bn::set_compute_threads(2);
  bn::Random rng(8);
  auto random = [&](int r, int c) {
    bn::Matrix m(r, c);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal();
    return m;
  };
  // Tall (row blocks), wide (column blocks), and small over a long inner dimension (split-K).
  for (auto [m, k, n] : {std::tuple{300, 200, 40}, std::tuple{16, 144, 3000}, std::tuple{16, 9000, 20}}) {
    const bn::Matrix a = random(m, k), b = random(k, n);
    bn::Matrix c(m, n);
    bn::gemm(bn::cview(a), false, bn::cview(b), false, bn::view(c));
    const bn::Matrix expected = a * b;
    CHECK((c - expected).cwiseAbs().maxCoeff() <= 1e-3f * (1.0f + expected.cwiseAbs().maxCoeff()));
    const bn::Matrix at = a.transpose(), bt = b.transpose();
    bn::Matrix c2 = bn::Matrix::Ones(m, n);
    bn::gemm(bn::cview(at), true, bn::cview(bt), true, bn::view(c2), bn::kAccumulate);
    CHECK((c2 - expected.array().matrix() - bn::Matrix::Ones(m, n)).cwiseAbs().maxCoeff() <=
          1e-3f * (1.0f + expected.cwiseAbs().maxCoeff()));
  }
  bn::set_compute_threads(1);
}

TEST_CASE("training is bit-identical whatever the thread count", "[parallel][determinism]") {
  for (bn::ModelKind kind : {bn::ModelKind::kAutoencoder, bn::ModelKind::kConv}) {
    const bn::FloatBuffer one = train_weights(kind, 1);
    CHECK(train_weights(kind, 2) == one);
    CHECK(train_weights(kind, 3) == one);
  }
}
