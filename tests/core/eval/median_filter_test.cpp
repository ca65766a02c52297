// The 3×3 median filter against a direct computation, what it does to one impulse and to a stroke,
// and the claim the denoising lesson makes: on salt-and-pepper MNIST it removes most of the noise.
#include "core/eval/median_filter.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "core/eval/metrics.h"
#include "core/random.h"
#include "core/test_data_dir.h"

namespace {

// Sorts the whole clamped neighbourhood: the definition, written out.
float direct_median(const float* image, int side, int y, int x) {
  std::vector<float> window;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      const int yy = std::min(std::max(y + dy, 0), side - 1), xx = std::min(std::max(x + dx, 0), side - 1);
      window.push_back(image[yy * side + xx]);
    }
  std::sort(window.begin(), window.end());
  return window[4];
}

}  // namespace

TEST_CASE("median filter: every pixel is the median of its clamped 3x3 neighbourhood", "[median]") {
  bn::Random rng(5);
  for (int side : {1, 2, 3, 7, 28}) {
    bn::Matrix images(3, side * side);
    for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = rng.uniform();
    const bn::Matrix filtered = bn::median_filter_3x3(images, side);
    for (Eigen::Index image = 0; image < images.rows(); ++image)
      for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
          REQUIRE(filtered(image, y * side + x) == direct_median(images.row(image).data(), side, y, x));
  }
}

TEST_CASE("median filter: a lone impulse goes, a stroke three pixels wide stays", "[median]") {
  bn::Matrix image = bn::Matrix::Zero(1, 28 * 28);
  image(0, 10 * 28 + 10) = 1.0f;  // salt
  for (int y = 5; y < 20; ++y)
    for (int x = 20; x < 23; ++x) image(0, y * 28 + x) = 1.0f;
  const bn::Matrix filtered = bn::median_filter_3x3(image, 28);
  CHECK(filtered(0, 10 * 28 + 10) == 0.0f);
  CHECK(filtered(0, 12 * 28 + 21) == 1.0f);
  CHECK_THROWS_AS(bn::median_filter_3x3(image, 27), std::invalid_argument);
}

TEST_CASE("median filter: on salt-and-pepper MNIST it gains over 7 dB", "[median]") {
  const auto [train, test] = bn::split_mnist10k(bn::load_dataset(bn_test::data_path("mnist10k.bnds")));
  const bn::Matrix clean = test.batch_range(0, 200);
  bn::Matrix noisy = clean;
  bn::Random rng(11);
  bn::corrupt(noisy, bn::typical_noise(bn::NoiseType::kSaltPepper), rng);
  const float before = bn::psnr(bn::mean_squared_error(noisy, clean));
  const float after = bn::psnr(bn::mean_squared_error(bn::median_filter_3x3(noisy, 28), clean));
  INFO("noisy " << before << " dB, median " << after << " dB");
  CHECK(after > before + 7.0f);
}
