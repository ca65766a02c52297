#include "core/models/sequential_autoencoder.h"

#include "core/layers/sigmoid.h"
#include "core/losses/kl_sparsity.h"
#include "core/losses/l1_penalty.h"

namespace bn {

Matrix SequentialAutoencoder::encode(const Matrix& x) { return encoder_.forward(arena_, x); }

Matrix SequentialAutoencoder::decode(const Matrix& codes) {
  Matrix images;
  sigmoid_forward(decoder_.forward(arena_, codes), images);
  return images;
}

std::string SequentialAutoencoder::loss_unit() const {
  std::string unit = config_.loss == ReconstructionLoss::kBce ? "BCE per pixel" : "MSE per pixel";
  if (config_.kind == ModelKind::kSparse) unit += " + sparsity penalty";
  return unit;
}

LossTerms SequentialAutoencoder::forward(const Matrix& x, Random& noise_rng) { return run(x, noise_rng, nullptr); }

LossTerms SequentialAutoencoder::run(const Matrix& x, Random& noise_rng, Matrix* grad_logits) {
  const Matrix* input = &x;
  if (config_.noise.type != NoiseType::kNone) {
    noisy_ = x;
    corrupt(noisy_, config_.noise, noise_rng, config_.image_side);
    input = &noisy_;
  }
  const Matrix& code = encoder_.forward(arena_, *input);
  const Matrix& logits = decoder_.forward(arena_, code);
  LossTerms terms;
  terms.reconstruction = grad_logits ? reconstruction_forward_backward(config_.loss, logits, x, 1.0f, *grad_logits)
                                     : reconstruction_forward(config_.loss, logits, x);
  if (config_.kind == ModelKind::kSparse) {
    terms.penalty = config_.sparsity == SparsityPenalty::kL1 ? l1_penalty_forward(code, config_.lambda)
                                                             : kl_sparsity_forward(code, config_.rho, config_.lambda);
  }
  terms.total = terms.reconstruction + terms.penalty;
  return terms;
}

LossTerms SequentialAutoencoder::forward_with_loss_gradient(const Matrix& x, Random& noise_rng) {
  return run(x, noise_rng, &grad_logits_);
}

void SequentialAutoencoder::backward() {
  arena_.zero_gradients();
  const Matrix& code = encoder_.output();
  grad_code_ = decoder_.backward(arena_, grad_logits_);
  if (config_.kind == ModelKind::kSparse) {
    if (config_.sparsity == SparsityPenalty::kL1) l1_penalty_backward(code, config_.lambda, penalty_grad_);
    else kl_sparsity_backward(code, config_.rho, config_.lambda, penalty_grad_);
    grad_code_ += penalty_grad_;
  }
  encoder_.backward_parameters_only(arena_, grad_code_);
}

}  // namespace bn
