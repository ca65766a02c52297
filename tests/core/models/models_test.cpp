// Every kind of model from its config: shapes, what each kind promises (a linear AE-32 code, a
// sparse code that is non-negative, a VAE that samples, PCA's maths), and clear refusals.
#include <cmath>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "core/models/model.h"
#include "core/models/pca.h"

namespace {

bn::Matrix random_images(int count, int pixels, uint64_t seed) {
  bn::Random rng(seed);
  bn::Matrix m(count, pixels);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform();
  return m;
}

// A 7-unit code of the given kind; the denoiser with the noise it needs.
bn::ModelConfig small_config(const char* kind) {
  bn::ModelConfig config;
  config.kind = bn::parse_kind(kind);
  config.latent = 7;
  if (config.kind == bn::ModelKind::kDenoising) config.noise = {bn::NoiseType::kGaussian, 0.3f};
  return config;
}

}  // namespace

TEST_CASE("models: every kind encodes to its latent size and decodes to images in [0, 1]", "[model]") {
  for (const char* kind : {"ae", "sparse", "denoise", "vae", "conv"}) {
    SECTION(kind) {
      const bn::ModelConfig config = small_config(kind);
      auto model = bn::make_model(config);
      const bn::Matrix x = random_images(5, 784, 1);
      const bn::Matrix codes = model->encode(x);
      CHECK(codes.rows() == 5);
      CHECK(codes.cols() == 7);
      const bn::Matrix images = model->decode(codes);
      CHECK(images.rows() == 5);
      CHECK(images.cols() == 784);
      CHECK(images.minCoeff() >= 0.0f);
      CHECK(images.maxCoeff() <= 1.0f);
      CHECK(std::isfinite(model->train_step(x)));
      CHECK(model->loss(x) == model->loss(x));  // evaluation is deterministic, noise and sampling included
      CHECK_FALSE(model->loss_unit().empty());
    }
  }
}

TEST_CASE("models: a step in parts changes the weights bit for bit as a whole step does, for every kind", "[model]") {
  for (const char* kind : {"ae", "sparse", "denoise", "vae", "conv"}) {
    SECTION(kind) {
      const bn::ModelConfig config = small_config(kind);
      auto whole = bn::make_model(config);
      auto in_parts = bn::make_model(config);
      for (int step = 0; step < 3; ++step) {
        const bn::Matrix x = random_images(6, 784, 10 + step);
        const float whole_loss = whole->train_step(x);
        const float begun_loss = in_parts->begin_step(x);
        REQUIRE(begun_loss == whole_loss);
        int parts = 1;
        while (!in_parts->continue_step()) ++parts;
        CHECK(parts == 2);  // forward, backward, and the update that ends it
        REQUIRE(in_parts->parameters().values() == whole->parameters().values());
      }
      CHECK_THROWS_AS(in_parts->continue_step(), std::logic_error);  // no step begun
      CHECK(in_parts->parameters().values() != bn::make_model(config)->parameters().values());
    }
  }
}

TEST_CASE("models: AE-32's code is linear and a sparse L1 code is a non-negative ReLU code", "[model]") {
  const bn::Matrix x = random_images(64, 784, 2);
  auto ae = bn::make_model(bn::ModelConfig{});
  CHECK(ae->encode(x).minCoeff() < 0.0f);
  bn::ModelConfig sparse;
  sparse.kind = bn::ModelKind::kSparse;
  auto model = bn::make_model(sparse);
  const bn::Matrix codes = model->encode(x);
  CHECK(codes.minCoeff() == 0.0f);
  const bn::LossTerms terms = model->loss_terms(x);
  CHECK(terms.penalty == Approx(sparse.lambda * codes.rowwise().sum().mean()).epsilon(1e-4));
}

TEST_CASE("models: a VAE samples from its prior and reports reconstruction and KL", "[model]") {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kVae;
  config.latent = 2;
  config.beta = 3.0f;
  auto vae = bn::make_model(config);
  bn::Random rng(5);
  const bn::Matrix samples = vae->sample(9, rng);
  CHECK(samples.rows() == 9);
  CHECK(samples.cols() == 784);
  bn::Random same(5);
  CHECK(vae->sample(9, same) == samples);
  bn::Random cold(5);
  const bn::Matrix zero_temperature = vae->sample(9, cold, 0.0f);
  CHECK((zero_temperature.row(0) - vae->decode(bn::Matrix::Zero(1, 2)).row(0)).cwiseAbs().maxCoeff() < 1e-6f);
  const bn::LossTerms terms = vae->loss_terms(random_images(8, 784, 3));
  CHECK(terms.total == Approx(terms.reconstruction + terms.penalty));
  CHECK(terms.penalty > 0.0f);
  CHECK(terms.reconstruction > 100.0f);  // nats per image: a sum over 784 pixels
  auto ae = bn::make_model(bn::ModelConfig{});
  CHECK_THROWS_WITH(ae->sample(1, rng), Catch::Contains("only a VAE"));
}

TEST_CASE("PCA finds the principal directions and reconstructs within them exactly", "[model][pca]") {
  // Points on a 2-D plane in 16-D space, plus an offset: 2 components reconstruct them exactly.
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kPca;
  config.image_side = 4;
  config.latent = 2;
  auto model = bn::make_model(config);
  auto& pca = dynamic_cast<bn::Pca&>(*model);
  bn::Random rng(9);
  bn::Matrix basis(2, 16);
  for (Eigen::Index i = 0; i < basis.size(); ++i) basis.data()[i] = rng.normal();
  bn::Matrix coefficients(200, 2);
  for (Eigen::Index i = 0; i < 200; ++i) {
    coefficients(i, 0) = 3.0f * rng.normal();  // the first direction has the larger spread
    coefficients(i, 1) = 0.5f * rng.normal();
  }
  bn::Matrix data = coefficients * basis;
  data.array() += 0.4f;
  pca.fit(data);
  CHECK((pca.reconstruct_linear(data) - data).cwiseAbs().maxCoeff() < 1e-4f);
  const bn::Matrix codes = pca.encode(data);
  const auto variance = [&](int j) { return (codes.col(j).array() - codes.col(j).mean()).square().mean(); };
  CHECK(variance(0) > variance(1));
  CHECK_THROWS_WITH(pca.train_step(data), Catch::Contains("fitted"));
}

TEST_CASE("models: bad configs are refused with the reason", "[model]") {
  bn::ModelConfig denoise;
  denoise.kind = bn::ModelKind::kDenoising;
  CHECK_THROWS_WITH(bn::make_model(denoise), Catch::Contains("needs a noise type"));
  bn::ModelConfig conv;
  conv.kind = bn::ModelKind::kConv;
  conv.image_side = 30;
  CHECK_THROWS_WITH(bn::make_model(conv), Catch::Contains("divisible by 4"));
  bn::ModelConfig huge;
  huge.latent = 5000;
  CHECK_THROWS_WITH(bn::make_model(huge), Catch::Contains("latent size 5000 is out of range"));
  bn::ModelConfig rho;
  rho.rho = 1.5f;
  CHECK_THROWS_WITH(bn::make_model(rho), Catch::Contains("rho"));
  bn::ModelConfig noise;
  noise.noise = {bn::NoiseType::kGaussian, -1.0f};
  CHECK_THROWS(bn::make_model(noise));
}

TEST_CASE("model config: layer widths are read as typed, and a stray word is named", "[config]") {
  REQUIRE(bn::parse_widths("256,128") == std::vector<int>{256, 128});
  REQUIRE(bn::parse_widths(" 512 - 64 ") == std::vector<int>{512, 64});
  REQUIRE(bn::parse_widths("").empty());
  REQUIRE_THROWS_WITH(bn::parse_widths("256,12x"), Catch::Contains("'12x' is not a whole number"));
  REQUIRE_THROWS_WITH(bn::parse_widths("99999999999"), Catch::Contains("not a whole number"));
}

TEST_CASE("models: the VAE's code spread is its σ, and point codes have none", "[model]") {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kVae;
  config.latent = 5;
  auto vae = bn::make_model(config);
  const bn::Matrix x = random_images(3, 784, 2);
  const bn::Matrix sigma = vae->code_spread(x);
  REQUIRE(sigma.rows() == 3);
  REQUIRE(sigma.cols() == 5);
  CHECK((sigma.array() > 0.0f).all());
  config.kind = bn::ModelKind::kAutoencoder;
  CHECK(bn::make_model(config)->code_spread(x).size() == 0);
}
