#include "core/models/trainable_model.h"

#include <stdexcept>

#include "core/models/sequential.h"

namespace bn {

namespace {

// Training and evaluation draw from separate streams of the seed, apart from initialisation's.
constexpr uint64_t kTrainingStream = 0x747261696eULL;
constexpr uint64_t kEvaluationStream = 0x6576616cULL;

}  // namespace

TrainableModel::TrainableModel(const ModelConfig& config)
    : config_(config), training_rng_(config.seed, kTrainingStream) {
  validate(config_);
}

void TrainableModel::finish_construction(std::initializer_list<Sequential*> stacks) {
  arena_.allocate();
  Random rng(config_.seed);
  for (Sequential* stack : stacks) stack->initialize(arena_, rng, config_.init);
  optimizer_ = std::make_unique<Optimizer>(config_.optimizer, arena_.size(), config_.learning_rate, config_.momentum);
}

float TrainableModel::train_step(const Matrix& x) {
  const float loss = begin_step(x);
  while (!continue_step()) {
  }
  return loss;
}

float TrainableModel::begin_step(const Matrix& x) {
  next_part_ = StepPart::kNone;  // a step that failed half-way is dropped, not resumed
  const LossTerms terms = forward_with_loss_gradient(x, training_rng_);
  next_part_ = StepPart::kBackward;
  return terms.total;
}

bool TrainableModel::continue_step() {
  switch (next_part_) {
    case StepPart::kBackward:
      backward();
      next_part_ = StepPart::kUpdate;
      return false;
    case StepPart::kUpdate:
      optimizer_->step(arena_.values(), arena_.gradients());
      next_part_ = StepPart::kNone;
      return true;
    case StepPart::kNone: break;
  }
  throw std::logic_error("continue_step without a step begun");
}

LossTerms TrainableModel::forward_backward(const Matrix& x, Random& rng) {
  const LossTerms terms = forward_with_loss_gradient(x, rng);
  backward();
  return terms;
}

LossTerms TrainableModel::loss_terms(const Matrix& x) {
  Random evaluation_rng(config_.seed, kEvaluationStream);
  return forward(x, evaluation_rng);
}

LossTerms TrainableModel::loss_gradients(const Matrix& x) {
  Random evaluation_rng(config_.seed, kEvaluationStream);
  return forward_backward(x, evaluation_rng);
}

}  // namespace bn
