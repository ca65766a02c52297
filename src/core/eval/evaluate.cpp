#include "core/eval/evaluate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/eval/metrics.h"
#include "core/models/pca.h"

namespace bn {

namespace {

// The loss is averaged over chunks this size: a VAE's sampling is seeded afresh for each call, so
// the chunk is part of what a measured loss means, and the quality table was measured with it.
constexpr int kLossChunk = 500;

float binary_cross_entropy(const Matrix& output, const Matrix& target) {
  constexpr float kEps = 1e-7f;
  const auto p = output.array().cwiseMax(kEps).cwiseMin(1.0f - kEps);
  const double total = -(target.array() * p.log() + (1.0f - target.array()) * (1.0f - p).log()).cast<double>().sum();
  return static_cast<float>(total / static_cast<double>(std::max<Eigen::Index>(1, output.size())));
}

}  // namespace

Matrix in_chunks(const Matrix& rows, Eigen::Index out_cols, const std::function<Matrix(const Matrix&)>& fn) {
  Matrix out(rows.rows(), out_cols);
  for (Eigen::Index first = 0; first < rows.rows(); first += kInferenceChunk) {
    const Eigen::Index count = std::min<Eigen::Index>(kInferenceChunk, rows.rows() - first);
    const Matrix result = fn(Matrix(rows.middleRows(first, count)));
    if (result.rows() != count || result.cols() != out_cols)
      throw std::logic_error("in_chunks: a chunk of " + std::to_string(count) + " rows gave " +
                             std::to_string(result.rows()) + "x" + std::to_string(result.cols()) + ", expected " +
                             std::to_string(count) + "x" + std::to_string(out_cols));
    out.middleRows(first, count) = result;
  }
  return out;
}

Matrix reconstruct_all(Model& model, const Matrix& images) {
  if (auto* pca = dynamic_cast<Pca*>(&model))
    return in_chunks(images, images.cols(), [&](const Matrix& x) { return pca->reconstruct_linear(x); });
  return in_chunks(images, images.cols(), [&](const Matrix& x) { return model.reconstruct(x); });
}

Matrix encode_all(Model& model, const Matrix& images) {
  return in_chunks(images, model.config().latent, [&](const Matrix& x) { return model.encode(x); });
}

Matrix decode_all(Model& model, const Matrix& codes) {
  return in_chunks(codes, model.config().input_size(), [&](const Matrix& z) { return model.decode(z); });
}

Evaluation evaluate(Model& model, const Dataset& data) {
  const Matrix images = data.batch_range(0, data.count());
  Evaluation result;
  double total = 0, reconstruction = 0, penalty = 0;
  for (int first = 0; first < data.count(); first += kLossChunk) {
    const int count = std::min(kLossChunk, data.count() - first);
    const LossTerms terms = model.loss_terms(Matrix(images.middleRows(first, count)));
    total += static_cast<double>(terms.total) * count;
    reconstruction += static_cast<double>(terms.reconstruction) * count;
    penalty += static_cast<double>(terms.penalty) * count;
  }
  const double n = std::max(1, data.count());
  result.loss = {static_cast<float>(total / n), static_cast<float>(reconstruction / n),
                 static_cast<float>(penalty / n)};
  const Matrix output = reconstruct_all(model, images);
  result.mse = mean_squared_error(output, images);
  result.bce = binary_cross_entropy(output, images);
  result.psnr = psnr(result.mse);
  return result;
}

DenoisingResult evaluate_denoising(Model& model, const Dataset& data, const Noise& noise, uint64_t seed) {
  const Matrix clean = data.batch_range(0, data.count());
  Matrix noisy = clean;
  Random rng(seed);
  corrupt(noisy, noise, rng, data.cols);
  return {psnr(mean_squared_error(noisy, clean)), psnr(mean_squared_error(reconstruct_all(model, noisy), clean))};
}

}  // namespace bn
