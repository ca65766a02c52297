#include "core/data/corruption.h"

#include <cmath>

#include <catch2/catch.hpp>

namespace {

bn::Matrix grey_images(int count, float value) { return bn::Matrix::Constant(count, 784, value); }

}  // namespace

TEST_CASE("corruption: Gaussian noise has the asked sigma before clipping, and is clipped", "[corruption]") {
  bn::Matrix images = grey_images(50, 0.5f);
  bn::Random rng(3);
  bn::corrupt(images, {bn::NoiseType::kGaussian, 0.1f}, rng);
  const double mean = images.cast<double>().mean();
  const double variance = (images.cast<double>().array() - mean).square().mean();
  REQUIRE(mean == Approx(0.5).margin(0.005));
  REQUIRE(std::sqrt(variance) == Approx(0.1).epsilon(0.03));  // 0.5 ± 5σ stays inside [0, 1]
  bn::Matrix loud = grey_images(10, 0.5f);
  bn::corrupt(loud, {bn::NoiseType::kGaussian, 2.0f}, rng);
  REQUIRE(loud.minCoeff() == 0.0f);
  REQUIRE(loud.maxCoeff() == 1.0f);
}

TEST_CASE("corruption: salt and pepper hits p of the pixels, half black and half white", "[corruption]") {
  bn::Matrix images = grey_images(100, 0.5f);
  bn::Random rng(4);
  bn::corrupt(images, {bn::NoiseType::kSaltPepper, 0.2f}, rng);
  const double black = (images.array() == 0.0f).cast<double>().mean();
  const double white = (images.array() == 1.0f).cast<double>().mean();
  REQUIRE(black + white == Approx(0.2).margin(0.005));
  REQUIRE(black == Approx(0.1).margin(0.005));
}

TEST_CASE("corruption: the mask block zeroes one s x s square inside the image", "[corruption]") {
  bn::Matrix images = grey_images(200, 1.0f);
  bn::Random rng(5);
  bn::corrupt(images, {bn::NoiseType::kMaskBlock, 12}, rng);
  bool corners_vary = false;
  int first_top_left = -1;
  for (Eigen::Index n = 0; n < images.rows(); ++n) {
    REQUIRE((images.row(n).array() == 0.0f).count() == 144);
    int top_left = 0;
    while (images(n, top_left) != 0.0f) ++top_left;
    if (first_top_left < 0) first_top_left = top_left;
    corners_vary |= top_left != first_top_left;
    const int row = top_left / 28, col = top_left % 28;
    REQUIRE(row + 12 <= 28);
    REQUIRE(col + 12 <= 28);
    REQUIRE(images(n, (row + 11) * 28 + col + 11) == 0.0f);
  }
  REQUIRE(corners_vary);
}

TEST_CASE("corruption: blur keeps a flat image flat and spreads a point", "[corruption]") {
  bn::Matrix flat = grey_images(1, 0.3f);
  bn::Random rng(6);
  bn::corrupt(flat, {bn::NoiseType::kBlur, 1.5f}, rng);
  REQUIRE((flat.array() - 0.3f).abs().maxCoeff() < 1e-5f);
  bn::Matrix point = bn::Matrix::Zero(1, 784);
  point(0, 14 * 28 + 14) = 1.0f;
  bn::corrupt(point, {bn::NoiseType::kBlur, 1.0f}, rng);
  REQUIRE(point.sum() == Approx(1.0f).epsilon(1e-4));
  REQUIRE(point(0, 14 * 28 + 14) < 0.2f);
  REQUIRE(point(0, 14 * 28 + 15) == Approx(point(0, 15 * 28 + 14)));
}

TEST_CASE("corruption: reproducible from the seed; brushed masks; bad levels refused", "[corruption]") {
  bn::Matrix a = grey_images(3, 0.5f), b = grey_images(3, 0.5f);
  bn::Random ra(9), rb(9);
  bn::corrupt(a, {bn::NoiseType::kGaussian, 0.3f}, ra);
  bn::corrupt(b, {bn::NoiseType::kGaussian, 0.3f}, rb);
  REQUIRE(a == b);

  std::vector<float> mask(784, 0.0f);
  mask[0] = mask[783] = 1.0f;
  bn::Matrix images = grey_images(2, 1.0f);
  bn::apply_mask(images, mask);
  REQUIRE(images.sum() == Approx(2 * 782));

  bn::Random rng(1);
  CHECK_THROWS_WITH(bn::corrupt(images, {bn::NoiseType::kSaltPepper, 1.5f}, rng), Catch::Contains("in [0, 1]"));
  CHECK_THROWS_WITH(bn::corrupt(images, {bn::NoiseType::kMaskBlock, 40}, rng), Catch::Contains("whole number"));
  CHECK_THROWS_WITH(bn::parse_noise_type("pink"), Catch::Contains("unknown noise type 'pink'"));
}

TEST_CASE("corruption: each type's typical level is valid and visibly corrupts", "[corruption]") {
  for (bn::NoiseType type : {bn::NoiseType::kNone, bn::NoiseType::kGaussian, bn::NoiseType::kSaltPepper,
                             bn::NoiseType::kMaskBlock, bn::NoiseType::kBlur}) {
    const bn::Noise noise = bn::typical_noise(type);
    INFO(bn::noise_type_name(type) << " at " << noise.level);
    CHECK(noise.type == type);
    CHECK_NOTHROW(bn::validate(noise));
    // A bright square on black: every type but "none" changes some of its pixels.
    bn::Matrix images = bn::Matrix::Zero(1, 784);
    for (int y = 8; y < 20; ++y)
      for (int x = 8; x < 20; ++x) images(0, y * 28 + x) = 1.0f;
    const bn::Matrix clean = images;
    bn::Random rng(3);
    bn::corrupt(images, noise, rng);
    const float changed = (images - clean).cwiseAbs().sum();
    if (type == bn::NoiseType::kNone) CHECK(changed == 0.0f);
    else CHECK(changed > 5.0f);
  }
}
