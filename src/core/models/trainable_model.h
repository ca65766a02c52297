// What every gradient-trained model shares (all kinds but PCA): its config, one parameter arena,
// the optimizer, and the three ways a batch goes through it:
//
//   train_step(x)      forward_backward with the training generator, then an optimizer step
//                      (begin_step and continue_step: the same in three parts, see Model)
//   loss_terms(x)      forward with a freshly seeded generator: the same batch, the same loss
//   loss_gradients(x)  forward_backward with that same fresh generator (for gradient checks)
//
// A subclass builds its layers in the arena, calls finish_construction(), and implements forward,
// forward_with_loss_gradient and backward; `rng` supplies any training noise and the VAE's ε.
#pragma once

#include "core/models/model.h"
#include "core/optim/optimizer.h"

namespace bn {

class TrainableModel : public Model {
 public:
  const ModelConfig& config() const override { return config_; }
  float train_step(const Matrix& x) override;
  float begin_step(const Matrix& x) override;
  bool continue_step() override;
  LossTerms loss_terms(const Matrix& x) override;
  LossTerms loss_gradients(const Matrix& x) override;
  void reset_optimizer() override { optimizer_->reset(); }
  ParameterArena& parameters() override { return arena_; }

 protected:
  explicit TrainableModel(const ModelConfig& config);
  // Allocates the arena, initialises `stacks` from the seed, and builds the optimizer.
  void finish_construction(std::initializer_list<class Sequential*> stacks);
  virtual LossTerms forward(const Matrix& x, Random& rng) = 0;
  // forward, keeping what backward needs: the loss's gradient with respect to the model's output,
  // and each layer's input.
  virtual LossTerms forward_with_loss_gradient(const Matrix& x, Random& rng) = 0;
  // The gradients of that forward pass's total into the arena (which it zeroes first).
  virtual void backward() = 0;
  LossTerms forward_backward(const Matrix& x, Random& rng);

  ModelConfig config_;
  ParameterArena arena_;

 private:
  std::unique_ptr<Optimizer> optimizer_;
  Random training_rng_;
  enum class StepPart { kNone, kBackward, kUpdate };
  StepPart next_part_ = StepPart::kNone;  // of the step that begin_step began
};

}  // namespace bn
