#include "core/optim/optimizer.h"

namespace bn {

Optimizer::Optimizer(OptimizerKind kind, size_t parameter_count, float learning_rate, float momentum) {
  if (kind == OptimizerKind::kAdam) adam_ = std::make_unique<Adam>(parameter_count, AdamOptions{learning_rate});
  else sgd_ = std::make_unique<Sgd>(parameter_count, SgdOptions{learning_rate, momentum});
}

void Optimizer::step(FloatBuffer& values, const FloatBuffer& gradients) {
  if (adam_) adam_->step(values, gradients);
  else sgd_->step(values, gradients);
}

void Optimizer::reset() {
  if (adam_) adam_->reset();
  else sgd_->reset();
}

}  // namespace bn
