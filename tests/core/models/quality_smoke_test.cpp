// Small versions of the quality table (`./build.sh quality`), so that a regression in any model
// fails CI: each recipe trains for real, for a couple of epochs on the MNIST-10k train split, and
// must reach a bound set from our own runs of exactly these tests (the measured figure is in each
// comment; bounds leave a few percent for the WASM build's different rounding).
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/data/dataset.h"
#include "core/eval/evaluate.h"
#include "core/eval/linear_probe.h"
#include "core/eval/metrics.h"
#include "core/models/model.h"
#include "core/test_data_dir.h"
#include "core/train/fit.h"

namespace {

struct Mnist {
  bn::Dataset train;
  bn::Dataset test;
};

const Mnist& mnist() {
  static const Mnist data = [] {
    auto [train, test] = bn::split_mnist10k(bn::load_dataset(bn_test::data_path("mnist10k.bnds")));
    return Mnist{std::move(train), std::move(test)};
  }();
  return data;
}

std::unique_ptr<bn::Model> trained(const bn::ModelConfig& config, int epochs) {
  auto model = bn::make_model(config);
  bn::fit(*model, mnist().train, epochs);
  return model;
}

void report(const char* what, double value) { std::printf("QUALITY_SMOKE %s=%.6f\n", what, value); }

}  // namespace

TEST_CASE("quality smoke: PCA-32 matches the reference maths", "[quality]") {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kPca;
  const float mse = bn::evaluate(*trained(config, 1), mnist().test).mse;
  report("pca32_mse", mse);
  CHECK(mse == Approx(0.0173).margin(0.0003));
}

TEST_CASE("quality smoke: a denoiser beats its noisy input, the mean image and a plain AE", "[quality]") {
  // A model that copies its input, or one that outputs the mean image, must fail here: so the
  // denoiser must beat both, and a plain AE (trained on clean images for as many epochs) fed the
  // same corrupted inputs, by a margin. The 12×12 hole needs more epochs than Gaussian noise before
  // the output beats the input, which is sharp everywhere but in the hole.
  const bn::Matrix clean = mnist().test.batch_range(0, mnist().test.count());
  const bn::Matrix mean_image = mnist().train.batch_range(0, mnist().train.count()).colwise().mean();
  const float mean_image_psnr = bn::psnr(bn::mean_squared_error(mean_image.replicate(clean.rows(), 1), clean));
  report("mean_image_psnr", mean_image_psnr);
  CHECK(mean_image_psnr == Approx(11.73f).margin(0.01f));

  struct Row {
    bn::Noise noise;
    int epochs;
    float noisy_psnr;
    float min_psnr;
  };
  // Measured (natively; the WASM build differs in the last digits): Gaussian 12.67 dB after 3
  // epochs, against the plain AE's 11.76; the mask 14.61 dB after 5, against the plain AE's 13.35.
  const Row rows[] = {{{bn::NoiseType::kGaussian, 0.5f}, 3, 9.38f, 12.4f},
                      {{bn::NoiseType::kMaskBlock, 12.0f}, 5, 14.19f, 14.4f}};
  // One plain AE, scored on each row's corrupted inputs after that row's number of epochs.
  std::vector<bn::DenoisingResult> plain(std::size(rows));
  auto plain_ae = bn::make_model(bn::ModelConfig{});
  const int most_epochs = std::max(rows[0].epochs, rows[1].epochs);
  bn::fit(*plain_ae, mnist().train, most_epochs, [&](int epoch) {
    for (size_t i = 0; i < std::size(rows); ++i)
      if (rows[i].epochs == epoch) plain[i] = bn::evaluate_denoising(*plain_ae, mnist().test, rows[i].noise, 7);
  });

  for (size_t i = 0; i < std::size(rows); ++i) {
    const Row& row = rows[i];
    bn::ModelConfig config;
    config.kind = bn::ModelKind::kDenoising;
    config.noise = row.noise;
    auto denoiser = trained(config, row.epochs);
    const bn::DenoisingResult d = bn::evaluate_denoising(*denoiser, mnist().test, config.noise, 7);
    const bn::DenoisingResult& p = plain[i];
    const std::string name = bn::noise_type_name(row.noise.type);
    report((name + "_denoiser").c_str(), d.output_psnr);
    report((name + "_plain_ae").c_str(), p.output_psnr);
    INFO(name << ": denoiser " << d.output_psnr << " dB, plain AE " << p.output_psnr << " dB, input " << d.noisy_psnr
              << " dB, mean image " << mean_image_psnr << " dB");
    CHECK(d.noisy_psnr == Approx(row.noisy_psnr).margin(0.01));
    CHECK(d.output_psnr >= row.min_psnr);
    CHECK(d.output_psnr >= d.noisy_psnr + 0.2f);
    CHECK(d.output_psnr >= mean_image_psnr + 0.5f);
    CHECK(d.output_psnr >= p.output_psnr + 0.5f);
  }
}

TEST_CASE("quality smoke: VAE latent 16, 3 epochs", "[quality]") {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kVae;
  config.latent = 16;
  const bn::Evaluation e = bn::evaluate(*trained(config, 3), mnist().test);
  report("vae16_neg_elbo_3ep", e.loss.total);
  CHECK(e.loss.total <= 170.0f);  // measured 164.3 nats (30 epochs: 112.3)
  CHECK(e.loss.penalty > 1.0f);   // the code is used, not collapsed onto the prior
}

TEST_CASE("quality smoke: convolutional AE, 2 epochs", "[quality]") {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kConv;
  const float mse = bn::evaluate(*trained(config, 2), mnist().test).mse;
  report("conv_mse_2ep", mse);
  CHECK(mse <= 0.036f);  // measured 0.0332 (10 epochs: 0.0085)
}

TEST_CASE("quality smoke: sparse code, 3 epochs: far fewer active units than without the penalty", "[quality]") {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kSparse;
  config.latent = 128;
  config.lambda = 2e-4f;
  auto sparse = trained(config, 3);
  config.lambda = 0.0f;
  auto dense = trained(config, 3);
  const bn::Matrix images = mnist().test.batch_range(0, mnist().test.count());
  const float sparse_active = bn::active_fraction(bn::encode_all(*sparse, images));
  const float dense_active = bn::active_fraction(bn::encode_all(*dense, images));
  report("sparse_active_3ep", sparse_active);
  report("sparse0_active_3ep", dense_active);
  CHECK(sparse_active <= 0.22f);  // measured 0.188, against 0.628 without the penalty
  CHECK(sparse_active < 0.5f * dense_active);
}

TEST_CASE("quality smoke: AE-32 after 2 epochs tells digits from clothes, and its codes feed a probe", "[quality]") {
  auto model = trained(bn::ModelConfig{}, 2);
  const bn::Dataset fashion = bn::load_dataset(bn_test::data_path("fashion-test.bnds"));
  const bn::Matrix normal = mnist().test.batch_range(0, mnist().test.count());
  const bn::Matrix anomalous = fashion.batch_range(0, 2000);
  const double auc = bn::auroc(bn::per_image_mse(bn::reconstruct_all(*model, normal), normal),
                               bn::per_image_mse(bn::reconstruct_all(*model, anomalous), anomalous));
  report("auroc_2ep", auc);
  CHECK(auc >= 0.82);  // measured 0.848 (20 epochs, all 10,000 clothes: 0.987)

  const std::vector<int> picked = bn::pick_labelled(mnist().train.labels, 100, 0);
  const bn::Dataset labelled = mnist().train.subset(picked, "labelled");
  const bn::Matrix train_pixels = labelled.batch_range(0, labelled.count());
  auto probe_codes = [&](bn::Model& encoder) {
    return bn::linear_probe(bn::encode_all(encoder, train_pixels), labelled.labels, bn::encode_all(encoder, normal),
                            mnist().test.labels)
        .accuracy;
  };
  const float codes = probe_codes(*model);
  // Random features already score well above chance: the same encoder, untrained, is the floor
  // (measured 0.514, against 0.603 after two epochs).
  const float untrained = probe_codes(*bn::make_model(bn::ModelConfig{}));
  const float pixels = bn::linear_probe(train_pixels, labelled.labels, normal, mnist().test.labels).accuracy;
  report("probe100_codes_2ep", codes);
  report("probe100_codes_untrained", untrained);
  report("probe100_pixels", pixels);
  // Measured 0.719 and 0.603: two epochs are not enough for codes to beat pixels (20 are: 0.769).
  CHECK(pixels >= 0.69f);
  CHECK(codes >= 0.57f);
  CHECK(codes >= untrained + 0.05f);
}
