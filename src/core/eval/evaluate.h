// Whole-data-set evaluation of a model, in chunks so memory stays small.
//
//   bn::Evaluation e = bn::evaluate(*model, test);        // loss terms, MSE, BCE, PSNR
//   bn::DenoisingResult d = bn::evaluate_denoising(*model, test, {NoiseType::kGaussian, 0.5f}, 7);
//   bn::Matrix codes = bn::encode_all(*model, images);    // any number of rows, kInferenceChunk at a time
#pragma once

#include <cstdint>
#include <functional>

#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn {

struct Evaluation {
  LossTerms loss;  // the model's own training loss, averaged over the images
  float mse = 0;   // per pixel, of the reconstruction (PCA: its linear reconstruction)
  float bce = 0;   // per pixel, of the reconstruction
  float psnr = 0;  // 10·log10(1 / mse)
};

struct DenoisingResult {
  float noisy_psnr = 0;   // the corrupted input against the clean image
  float output_psnr = 0;  // the model's output from the corrupted input
};

// A model's working memory grows with its batch: the convolutional AE keeps about 280 KB of
// columns and activations per image, so 1,000 test images at once would take ~280 MB, more than the
// threaded browser build's whole heap. Many rows therefore go through a model this many at a time
// (about 28 MB for that model), which costs the MLPs' GEMMs nothing measurable.
constexpr int kInferenceChunk = 100;

// fn(rows) for consecutive chunks of at most kInferenceChunk rows, stacked into one [rows, out_cols]
// matrix. Each row's result depends on that row alone, so chunking does not change it.
Matrix in_chunks(const Matrix& rows, Eigen::Index out_cols, const std::function<Matrix(const Matrix&)>& fn);
// Reconstructions of `images` (PCA: linear, unclipped, which is what its error is measured on).
Matrix reconstruct_all(Model& model, const Matrix& images);
Matrix encode_all(Model& model, const Matrix& images);
Matrix decode_all(Model& model, const Matrix& codes);
Evaluation evaluate(Model& model, const Dataset& data);
// The data set's images corrupted by `noise` from `seed` (the same images for every model).
DenoisingResult evaluate_denoising(Model& model, const Dataset& data, const Noise& noise, uint64_t seed);

}  // namespace bn
