// Whole-data-set evaluation of a model, in chunks so memory stays small.
//
//   bn::Evaluation e = bn::evaluate(*model, test);        // loss terms, MSE, BCE, PSNR
//   bn::DenoisingResult d = bn::evaluate_denoising(*model, test, {NoiseType::kGaussian, 0.5f}, 7);
#pragma once

#include <cstdint>

#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn {

struct Evaluation {
  LossTerms loss;   // the model's own training loss, averaged over the images
  float mse = 0;    // per pixel, of the reconstruction (PCA: its linear reconstruction)
  float bce = 0;    // per pixel, of the reconstruction
  float psnr = 0;   // 10·log10(1 / mse)
};

struct DenoisingResult {
  float noisy_psnr = 0;   // the corrupted input against the clean image
  float output_psnr = 0;  // the model's output from the corrupted input
};

// Reconstructions of `images` (PCA: linear, unclipped, which is what its error is measured on).
Matrix reconstruct_all(Model& model, const Matrix& images);
Matrix encode_all(Model& model, const Matrix& images);
Evaluation evaluate(Model& model, const Dataset& data);
// The data set's images corrupted by `noise` from `seed` (the same images for every model).
DenoisingResult evaluate_denoising(Model& model, const Dataset& data, const Noise& noise, uint64_t seed);

}  // namespace bn
