// The optimizer a model trains with, chosen by name in its config: Adam or SGD with momentum.
#pragma once

#include <memory>

#include "core/optim/adam.h"
#include "core/optim/sgd.h"

namespace bn {

enum class OptimizerKind { kAdam, kSgd };

class Optimizer {
 public:
  Optimizer(OptimizerKind kind, size_t parameter_count, float learning_rate, float momentum);
  void step(FloatBuffer& values, const FloatBuffer& gradients);
  void reset();

 private:
  std::unique_ptr<Adam> adam_;
  std::unique_ptr<Sgd> sgd_;
};

}  // namespace bn
