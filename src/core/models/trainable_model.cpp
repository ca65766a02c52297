#include "core/models/trainable_model.h"

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
  const LossTerms terms = forward_backward(x, training_rng_);
  optimizer_->step(arena_.values(), arena_.gradients());
  return terms.total;
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
