#include "core/optim/sgd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bn {

Sgd::Sgd(size_t parameter_count, SgdOptions options) : options_(options), velocity_(parameter_count, 0.0f) {}

void Sgd::step(FloatBuffer& values, const FloatBuffer& gradients) {
  if (values.size() != velocity_.size() || gradients.size() != velocity_.size())
    throw std::invalid_argument("Sgd: parameter count changed");
  float* v = velocity_.data();
  float* w = values.data();
  const float* g = gradients.data();
  for (size_t i = 0, n = values.size(); i < n; ++i) {
    // As Adam's first moment (adam.cpp): a velocity decaying by the momentum would otherwise stick
    // in the subnormal range, where every product with it is slow.
    const float velocity = options_.momentum * v[i] + g[i];
    v[i] = std::fabs(velocity) < std::numeric_limits<float>::min() ? 0.0f : velocity;
    w[i] -= options_.learning_rate * v[i];
  }
}

void Sgd::reset() { std::fill(velocity_.begin(), velocity_.end(), 0.0f); }

}  // namespace bn
