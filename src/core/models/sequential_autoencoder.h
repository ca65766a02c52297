// What the deterministic autoencoders share (undercomplete, sparse, denoising, convolutional): an
// encoder and a decoder stack, the decoder ending in logits, and one training step:
//
//   input  = corrupt(x) if the config has training noise, else x
//   code   = encoder(input)                      (ReLU or sigmoid on it for a sparse code)
//   loss   = reconstruction(decoder(code), x)    (per pixel; the target is always the clean x)
//          + penalty(code)                       (sparse: L1 or KL sparsity)
//
// Subclasses only build the two stacks; see mlp_autoencoder.h and conv_autoencoder.h.
#pragma once

#include "core/models/model.h"
#include "core/models/sequential.h"
#include "core/optim/optimizer.h"

namespace bn {

class SequentialAutoencoder : public Model {
 public:
  const ModelConfig& config() const override { return config_; }
  Matrix encode(const Matrix& x) override;
  Matrix decode(const Matrix& codes) override;
  float train_step(const Matrix& x) override;
  LossTerms loss_terms(const Matrix& x) override;
  LossTerms loss_gradients(const Matrix& x) override;
  std::string loss_unit() const override;
  void reset_optimizer() override { optimizer_->reset(); }
  ParameterArena& parameters() override { return arena_; }

 protected:
  explicit SequentialAutoencoder(const ModelConfig& config);
  // Called by subclasses once encoder_ and decoder_ are built.
  void finish_construction();

  ModelConfig config_;
  ParameterArena arena_;
  Sequential encoder_;  // ends in the code
  Sequential decoder_;  // ends in logits

 private:
  // Forward through both stacks on (possibly corrupted) input.
  LossTerms forward(const Matrix& x, Random& noise_rng);
  // forward, then the gradients of its total into the arena (zeroed first).
  LossTerms forward_backward(const Matrix& x, Random& noise_rng);

  std::unique_ptr<Optimizer> optimizer_;
  Random noise_rng_;
  Matrix noisy_;
  Matrix grad_logits_;
  Matrix grad_code_;
  Matrix penalty_grad_;
};

}  // namespace bn
