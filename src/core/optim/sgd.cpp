#include "core/optim/sgd.h"

#include <algorithm>
#include <stdexcept>

#include "core/optim/flush_subnormal.h"

namespace bn {

Sgd::Sgd(size_t parameter_count, SgdOptions options) : options_(options), velocity_(parameter_count, 0.0f) {}

void Sgd::step(FloatBuffer& values, const FloatBuffer& gradients) {
  if (values.size() != velocity_.size() || gradients.size() != velocity_.size())
    throw std::invalid_argument("Sgd: parameter count changed");
  float* v = velocity_.data();
  float* w = values.data();
  const float* g = gradients.data();
  for (size_t i = 0, n = values.size(); i < n; ++i) {
    v[i] = flush_subnormal(options_.momentum * v[i] + g[i]);
    w[i] -= options_.learning_rate * v[i];
  }
}

void Sgd::reset() { std::fill(velocity_.begin(), velocity_.end(), 0.0f); }

}  // namespace bn
