// Adam with bias correction (Kingma & Ba), as PyTorch's torch.optim.Adam without weight decay.
// One loop over the model's whole parameter arena.
//
//   Adam adam(arena.size(), {.learning_rate = 1e-3f});
//   adam.step(arena.values(), arena.gradients());
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/tensor.h"

namespace bn {

struct AdamOptions {
  float learning_rate = 1e-3f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float epsilon = 1e-8f;
};

class Adam {
 public:
  Adam(size_t parameter_count, AdamOptions options);
  void step(FloatBuffer& values, const FloatBuffer& gradients);
  void reset();
  const AdamOptions& options() const { return options_; }
  void set_learning_rate(float learning_rate) { options_.learning_rate = learning_rate; }
  int64_t steps() const { return steps_; }
  // The moment estimates, one per parameter, as the last step left them.
  const FloatBuffer& first_moment() const { return first_moment_; }
  const FloatBuffer& second_moment() const { return second_moment_; }

 private:
  AdamOptions options_;
  FloatBuffer first_moment_;
  FloatBuffer second_moment_;
  int64_t steps_ = 0;
};

}  // namespace bn
