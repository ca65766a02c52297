// Whole data sets go through a model in chunks (kInferenceChunk rows at a time) so that its working
// memory stays bounded: the results must be those of one big batch.
#include "core/eval/evaluate.h"

#include <stdexcept>

#include <catch2/catch.hpp>

#include "core/models/model.h"

namespace {

bn::Matrix random_images(int count, uint64_t seed) {
  bn::Random rng(seed);
  bn::Matrix images(count, 784);
  for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = rng.uniform();
  return images;
}

}  // namespace

TEST_CASE("chunked inference gives what one big batch gives, for every row", "[evaluate]") {
  for (bn::ModelKind kind : {bn::ModelKind::kAutoencoder, bn::ModelKind::kConv, bn::ModelKind::kVae}) {
    bn::ModelConfig config;
    config.kind = kind;
    auto model = bn::make_model(config);
    const int count = 2 * bn::kInferenceChunk + 37;  // two whole chunks and a ragged one
    const bn::Matrix images = random_images(count, 5);
    const bn::Matrix codes = bn::encode_all(*model, images);
    REQUIRE(codes.rows() == count);
    REQUIRE(codes.cols() == config.latent);
    CHECK((codes - model->encode(images)).cwiseAbs().maxCoeff() < 1e-5f);
    const bn::Matrix decoded = bn::decode_all(*model, codes);
    REQUIRE(decoded.rows() == count);
    REQUIRE(decoded.cols() == 784);
    CHECK((decoded - model->decode(codes)).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK((bn::reconstruct_all(*model, images) - model->reconstruct(images)).cwiseAbs().maxCoeff() < 1e-5f);
  }
}

TEST_CASE("in_chunks refuses a function whose result does not fit its chunk", "[evaluate]") {
  const bn::Matrix rows = bn::Matrix::Ones(150, 3);
  CHECK(bn::in_chunks(rows, 1, [](const bn::Matrix& x) { return bn::Matrix(x.rowwise().sum()); }).sum() == 450.0f);
  CHECK_THROWS_AS(bn::in_chunks(rows, 3, [](const bn::Matrix& x) { return bn::Matrix(x.topRows(1)); }),
                  std::logic_error);
}
