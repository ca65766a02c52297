#include "core/data/corruption.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bn {

namespace {

void add_gaussian(Matrix& images, float sigma, Random& rng) {
  for (Eigen::Index i = 0; i < images.size(); ++i) {
    float& v = images.data()[i];
    v = std::clamp(v + sigma * rng.normal(), 0.0f, 1.0f);
  }
}

void salt_and_pepper(Matrix& images, float p, Random& rng) {
  for (Eigen::Index i = 0; i < images.size(); ++i) {
    if (rng.uniform() >= p) continue;
    images.data()[i] = rng.uniform() < 0.5f ? 0.0f : 1.0f;
  }
}

void mask_block(Matrix& images, int square, int side, Random& rng) {
  const uint32_t positions = static_cast<uint32_t>(side - square + 1);
  for (Eigen::Index n = 0; n < images.rows(); ++n) {
    const int top = static_cast<int>(rng.below(positions));
    const int left = static_cast<int>(rng.below(positions));
    for (int r = top; r < top + square; ++r)
      for (int c = left; c < left + square; ++c) images(n, r * side + c) = 0.0f;
  }
}

// A separable Gaussian blur; the image edge is extended (clamped), so flat regions stay flat.
void blur(Matrix& images, float sigma, int side) {
  const int radius = std::max(1, static_cast<int>(std::ceil(3.0f * sigma)));
  std::vector<float> kernel(2 * radius + 1);
  float total = 0.0f;
  for (int k = -radius; k <= radius; ++k) total += kernel[k + radius] = std::exp(-0.5f * k * k / (sigma * sigma));
  for (float& k : kernel) k /= total;
  std::vector<float> pass(static_cast<size_t>(side) * side);
  for (Eigen::Index n = 0; n < images.rows(); ++n) {
    float* image = images.row(n).data();
    for (int r = 0; r < side; ++r)
      for (int c = 0; c < side; ++c) {
        float sum = 0.0f;
        for (int k = -radius; k <= radius; ++k)
          sum += kernel[k + radius] * image[r * side + std::clamp(c + k, 0, side - 1)];
        pass[r * side + c] = sum;
      }
    for (int r = 0; r < side; ++r)
      for (int c = 0; c < side; ++c) {
        float sum = 0.0f;
        for (int k = -radius; k <= radius; ++k)
          sum += kernel[k + radius] * pass[std::clamp(r + k, 0, side - 1) * side + c];
        image[r * side + c] = sum;
      }
  }
}

}  // namespace

NoiseType parse_noise_type(const std::string& name) {
  if (name == "none") return NoiseType::kNone;
  if (name == "gaussian") return NoiseType::kGaussian;
  if (name == "salt_pepper") return NoiseType::kSaltPepper;
  if (name == "mask") return NoiseType::kMaskBlock;
  if (name == "blur") return NoiseType::kBlur;
  throw std::invalid_argument("unknown noise type '" + name + "' (expected none, gaussian, salt_pepper, mask or blur)");
}

const char* noise_type_name(NoiseType type) {
  switch (type) {
    case NoiseType::kNone: return "none";
    case NoiseType::kGaussian: return "gaussian";
    case NoiseType::kSaltPepper: return "salt_pepper";
    case NoiseType::kMaskBlock: return "mask";
    case NoiseType::kBlur: return "blur";
  }
  return "none";
}

Noise typical_noise(NoiseType type) {
  switch (type) {
    case NoiseType::kNone: return {type, 0.0f};
    case NoiseType::kGaussian: return {type, 0.5f};
    case NoiseType::kSaltPepper: return {type, 0.3f};
    case NoiseType::kMaskBlock: return {type, 12.0f};
    case NoiseType::kBlur: return {type, 1.5f};
  }
  return {};
}

void validate(const Noise& noise, int side) {
  auto fail = [&](const std::string& range) {
    throw std::invalid_argument(std::string(noise_type_name(noise.type)) + " noise level must be " + range + ", got " +
                                std::to_string(noise.level));
  };
  const float level = noise.level;
  if (!std::isfinite(level)) fail("a finite number");
  switch (noise.type) {
    case NoiseType::kNone: break;
    case NoiseType::kGaussian:
      if (level < 0.0f || level > 10.0f) fail("in [0, 10]");
      break;
    case NoiseType::kSaltPepper:
      if (level < 0.0f || level > 1.0f) fail("in [0, 1]");
      break;
    case NoiseType::kMaskBlock:
      if (level < 0.0f || level > side || level != std::floor(level))
        fail("a whole number of pixels in [0, " + std::to_string(side) + "]");
      break;
    case NoiseType::kBlur:
      if (level < 0.0f || level > 10.0f) fail("in [0, 10]");
      break;
  }
}

void corrupt(Matrix& images, const Noise& noise, Random& rng, int side) {
  validate(noise, side);
  if (images.cols() != static_cast<Eigen::Index>(side) * side)
    throw std::invalid_argument("corrupt: images are not " + std::to_string(side) + "x" + std::to_string(side));
  switch (noise.type) {
    case NoiseType::kNone: break;
    case NoiseType::kGaussian: add_gaussian(images, noise.level, rng); break;
    case NoiseType::kSaltPepper: salt_and_pepper(images, noise.level, rng); break;
    case NoiseType::kMaskBlock:
      if (noise.level >= 1.0f) mask_block(images, static_cast<int>(noise.level), side, rng);
      break;
    case NoiseType::kBlur:
      if (noise.level > 0.0f) blur(images, noise.level, side);
      break;
  }
}

void apply_mask(Matrix& images, const std::vector<float>& mask) {
  if (static_cast<Eigen::Index>(mask.size()) != images.cols())
    throw std::invalid_argument("apply_mask: the mask has " + std::to_string(mask.size()) + " values, the images " +
                                std::to_string(images.cols()));
  for (Eigen::Index n = 0; n < images.rows(); ++n)
    for (Eigen::Index i = 0; i < images.cols(); ++i)
      if (mask[i] > 0.5f) images(n, i) = 0.0f;
}

}  // namespace bn
