#include "core/eval/evaluate.h"

#include <algorithm>
#include <cmath>

#include "core/eval/metrics.h"
#include "core/models/pca.h"

namespace bn {

namespace {

constexpr int kChunk = 500;

template <typename Fn>
Matrix by_chunks(const Matrix& images, Eigen::Index out_cols, Fn fn) {
  Matrix out(images.rows(), out_cols);
  for (Eigen::Index first = 0; first < images.rows(); first += kChunk) {
    const Eigen::Index count = std::min<Eigen::Index>(kChunk, images.rows() - first);
    out.middleRows(first, count) = fn(Matrix(images.middleRows(first, count)));
  }
  return out;
}

float binary_cross_entropy(const Matrix& output, const Matrix& target) {
  constexpr float kEps = 1e-7f;
  const auto p = output.array().cwiseMax(kEps).cwiseMin(1.0f - kEps);
  const double total = -(target.array() * p.log() + (1.0f - target.array()) * (1.0f - p).log()).cast<double>().sum();
  return static_cast<float>(total / static_cast<double>(std::max<Eigen::Index>(1, output.size())));
}

}  // namespace

Matrix reconstruct_all(Model& model, const Matrix& images) {
  if (auto* pca = dynamic_cast<Pca*>(&model))
    return by_chunks(images, images.cols(), [&](const Matrix& x) { return pca->reconstruct_linear(x); });
  return by_chunks(images, images.cols(), [&](const Matrix& x) { return model.reconstruct(x); });
}

Matrix encode_all(Model& model, const Matrix& images) {
  return by_chunks(images, model.config().latent, [&](const Matrix& x) { return model.encode(x); });
}

Evaluation evaluate(Model& model, const Dataset& data) {
  const Matrix images = data.batch_range(0, data.count());
  Evaluation result;
  double total = 0, reconstruction = 0, penalty = 0;
  for (int first = 0; first < data.count(); first += kChunk) {
    const int count = std::min(kChunk, data.count() - first);
    const LossTerms terms = model.loss_terms(Matrix(images.middleRows(first, count)));
    total += static_cast<double>(terms.total) * count;
    reconstruction += static_cast<double>(terms.reconstruction) * count;
    penalty += static_cast<double>(terms.penalty) * count;
  }
  const double n = std::max(1, data.count());
  result.loss = {static_cast<float>(total / n), static_cast<float>(reconstruction / n), static_cast<float>(penalty / n)};
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
