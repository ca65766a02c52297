// SGD with momentum, as PyTorch's torch.optim.SGD (no dampening, no Nesterov):
//   v ← μ·v + g;   w ← w − lr·v
// One loop over the model's whole parameter arena.
#pragma once

#include "core/tensor.h"

namespace bn {

struct SgdOptions {
  float learning_rate = 0.01f;
  float momentum = 0.9f;
};

class Sgd {
 public:
  Sgd(size_t parameter_count, SgdOptions options);
  void step(FloatBuffer& values, const FloatBuffer& gradients);
  void reset();
  // The velocity, one per parameter, as the last step left it.
  const FloatBuffer& velocity() const { return velocity_; }

 private:
  SgdOptions options_;
  FloatBuffer velocity_;
};

}  // namespace bn
