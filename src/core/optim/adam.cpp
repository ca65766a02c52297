#include "core/optim/adam.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bn {

Adam::Adam(size_t parameter_count, AdamOptions options)
    : options_(options), first_moment_(parameter_count, 0.0f), second_moment_(parameter_count, 0.0f) {}

void Adam::step(FloatBuffer& values, const FloatBuffer& gradients) {
  if (values.size() != first_moment_.size() || gradients.size() != first_moment_.size())
    throw std::invalid_argument("Adam: parameter count changed");
  ++steps_;
  const float beta1 = options_.beta1;
  const float beta2 = options_.beta2;
  const double t = static_cast<double>(steps_);
  const float bias1 = static_cast<float>(1.0 - std::pow(static_cast<double>(beta1), t));
  const float bias2 = static_cast<float>(1.0 - std::pow(static_cast<double>(beta2), t));
  const float step_size = options_.learning_rate / bias1;
  const float inv_sqrt_bias2 = 1.0f / std::sqrt(bias2);
  float* m = first_moment_.data();
  float* v = second_moment_.data();
  float* w = values.data();
  const float* g = gradients.data();
  for (size_t i = 0, n = values.size(); i < n; ++i) {
    m[i] = beta1 * m[i] + (1.0f - beta1) * g[i];
    v[i] = beta2 * v[i] + (1.0f - beta2) * g[i] * g[i];
    w[i] -= step_size * m[i] / (std::sqrt(v[i]) * inv_sqrt_bias2 + options_.epsilon);
  }
}

void Adam::reset() {
  std::fill(first_moment_.begin(), first_moment_.end(), 0.0f);
  std::fill(second_moment_.begin(), second_moment_.end(), 0.0f);
  steps_ = 0;
}

}  // namespace bn
