#include "core/models/vae.h"

#include <cmath>

#include "core/layers/dense.h"
#include "core/layers/sigmoid.h"
#include "core/losses/gaussian_kl.h"

namespace bn {

Vae::Vae(const ModelConfig& config) : TrainableModel(config) {
  std::vector<int> widths{config_.input_size()};
  widths.insert(widths.end(), config_.hidden.begin(), config_.hidden.end());
  widths.push_back(2 * config_.latent);
  add_dense_stack(arena_, encoder_, "encoder", widths, config_.activation);
  std::vector<int> mirrored(widths.rbegin(), widths.rend());
  mirrored.front() = config_.latent;
  add_dense_stack(arena_, decoder_, "decoder", mirrored, config_.activation);
  finish_construction({&encoder_, &decoder_});
}

Matrix Vae::encode(const Matrix& x) { return encoder_.forward(arena_, x).leftCols(config_.latent); }

Matrix Vae::code_spread(const Matrix& x) {
  return (0.5f * encoder_.forward(arena_, x).rightCols(config_.latent).array()).exp().matrix();
}

Matrix Vae::decode(const Matrix& codes) {
  Matrix images;
  sigmoid_forward(decoder_.forward(arena_, codes), images);
  return images;
}

Matrix Vae::sample(int count, Random& rng, float temperature) {
  Matrix z(count, config_.latent);
  for (Eigen::Index i = 0; i < z.size(); ++i) z.data()[i] = temperature * rng.normal();
  return decode(z);
}

LossTerms Vae::forward(const Matrix& x, Random& rng) { return run(x, rng, nullptr); }

LossTerms Vae::run(const Matrix& x, Random& rng, Matrix* grad_logits) {
  const int latent = config_.latent;
  const Matrix* input = &x;
  if (config_.noise.type != NoiseType::kNone) {
    noisy_ = x;
    corrupt(noisy_, config_.noise, rng, config_.image_side);
    input = &noisy_;
  }
  stats_ = encoder_.forward(arena_, *input);
  epsilon_.resize(x.rows(), latent);
  for (Eigen::Index i = 0; i < epsilon_.size(); ++i) epsilon_.data()[i] = rng.normal();
  z_ = stats_.leftCols(latent).array() + (0.5f * stats_.rightCols(latent).array()).exp() * epsilon_.array();
  const Matrix& logits = decoder_.forward(arena_, z_);
  LossTerms terms;
  // The reconstruction is a sum over pixels: the per-pixel mean times the pixel count, and so its
  // gradient.
  const float pixels = static_cast<float>(x.cols());
  terms.reconstruction =
      pixels * (grad_logits ? reconstruction_forward_backward(config_.loss, logits, x, pixels, *grad_logits)
                            : reconstruction_forward(config_.loss, logits, x));
  terms.penalty = config_.beta * gaussian_kl_forward(stats_);
  terms.total = terms.reconstruction + terms.penalty;
  return terms;
}

LossTerms Vae::forward_with_loss_gradient(const Matrix& x, Random& rng) { return run(x, rng, &grad_logits_); }

void Vae::backward() {
  const int latent = config_.latent;
  arena_.zero_gradients();
  const Matrix& grad_z = decoder_.backward(arena_, grad_logits_);
  gaussian_kl_backward(stats_, grad_stats_);
  grad_stats_ *= config_.beta;
  // z = μ + exp(½ log σ²) ε:  dz/dμ = 1,  dz/d log σ² = ½ exp(½ log σ²) ε
  grad_stats_.leftCols(latent) += grad_z;
  grad_stats_.rightCols(latent).array() +=
      grad_z.array() * epsilon_.array() * 0.5f * (0.5f * stats_.rightCols(latent).array()).exp();
  encoder_.backward_parameters_only(arena_, grad_stats_);
}

}  // namespace bn
