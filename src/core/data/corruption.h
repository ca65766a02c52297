// Corruptions for denoising and inpainting, deterministic from a seeded generator. Images are rows
// of a [batch, side·side] matrix with pixels in [0, 1]; they are corrupted in place.
//
//   bn::Random rng(seed);
//   bn::corrupt(images, bn::Noise{bn::NoiseType::kGaussian, 0.5f}, rng);   // σ = 0.5, then clipped
//   bn::corrupt(images, bn::Noise{bn::NoiseType::kMaskBlock, 12}, rng);    // one 12×12 square
//   bn::apply_mask(images, brushed_mask);                                  // the user's brush
//
// The level means: Gaussian σ; salt & pepper p (the share of pixels hit, half set to 0 and half to
// 1); mask block s (the side of one s×s square set to 0, its top-left corner uniform over where it
// fits); blur σ of a Gaussian kernel, in pixels.
#pragma once

#include <string>
#include <vector>

#include "core/random.h"
#include "core/tensor.h"

namespace bn {

enum class NoiseType { kNone, kGaussian, kSaltPepper, kMaskBlock, kBlur };

struct Noise {
  NoiseType type = NoiseType::kNone;
  float level = 0.0f;
};

// "none", "gaussian", "salt_pepper", "mask", "blur"; throws std::invalid_argument for anything else.
NoiseType parse_noise_type(const std::string& name);
const char* noise_type_name(NoiseType type);
// Throws std::invalid_argument when the level is outside what the type allows.
void validate(const Noise& noise, int side = 28);
// The one table of default levels: each type at a level that shows what it does, the one a user is
// given on choosing it (Gaussian σ 0.5, salt & pepper on 30% of the pixels, a 12×12 block, blur
// σ 1.5 px; none at 0).
Noise typical_noise(NoiseType type);

void corrupt(Matrix& images, const Noise& noise, Random& rng, int side = 28);
// Sets to 0 every pixel where mask > 0.5 (mask: side·side values), in every row.
void apply_mask(Matrix& images, const std::vector<float>& mask);

}  // namespace bn
