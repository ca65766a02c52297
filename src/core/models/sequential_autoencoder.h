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

#include "core/models/sequential.h"
#include "core/models/trainable_model.h"

namespace bn {

class SequentialAutoencoder : public TrainableModel {
 public:
  Matrix encode(const Matrix& x) override;
  Matrix decode(const Matrix& codes) override;
  std::string loss_unit() const override;

 protected:
  using TrainableModel::TrainableModel;
  // Called by subclasses once encoder_ and decoder_ are built.
  void finish_construction() { TrainableModel::finish_construction({&encoder_, &decoder_}); }

  Sequential encoder_;  // ends in the code
  Sequential decoder_;  // ends in logits

 private:
  // Forward through both stacks on the input, corrupted from `noise_rng` if the config has noise.
  LossTerms forward(const Matrix& x, Random& noise_rng) override;
  LossTerms forward_with_loss_gradient(const Matrix& x, Random& noise_rng) override;
  void backward() override;
  // forward(); with `grad_logits`, the reconstruction's gradient too, from the same pass as its loss.
  LossTerms run(const Matrix& x, Random& noise_rng, Matrix* grad_logits);

  Matrix noisy_;
  Matrix grad_logits_;
  Matrix grad_code_;
  Matrix penalty_grad_;
};

}  // namespace bn
