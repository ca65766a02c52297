// What every gradient-trained model shares (all kinds but PCA): its config, one parameter arena,
// the optimizer, and the three ways a batch goes through it:
//
//   train_step(x)      forward_backward with the training generator, then an optimizer step
//   loss_terms(x)      forward with a freshly seeded generator: the same batch, the same loss
//   loss_gradients(x)  forward_backward with that same fresh generator (for gradient checks)
//
// A subclass builds its layers in the arena, calls finish_construction(), and implements forward
// and forward_backward; `rng` supplies any training noise and the VAE's ε.
#pragma once

#include "core/models/model.h"
#include "core/optim/optimizer.h"

namespace bn {

class TrainableModel : public Model {
 public:
  const ModelConfig& config() const override { return config_; }
  float train_step(const Matrix& x) override;
  LossTerms loss_terms(const Matrix& x) override;
  LossTerms loss_gradients(const Matrix& x) override;
  void reset_optimizer() override { optimizer_->reset(); }
  ParameterArena& parameters() override { return arena_; }

 protected:
  explicit TrainableModel(const ModelConfig& config);
  // Allocates the arena, initialises `stacks` from the seed, and builds the optimizer.
  void finish_construction(std::initializer_list<class Sequential*> stacks);
  virtual LossTerms forward(const Matrix& x, Random& rng) = 0;
  // forward, then the gradients of its total into the arena (which it zeroes first).
  virtual LossTerms forward_backward(const Matrix& x, Random& rng) = 0;

  ModelConfig config_;
  ParameterArena arena_;

 private:
  std::unique_ptr<Optimizer> optimizer_;
  Random training_rng_;
};

}  // namespace bn
