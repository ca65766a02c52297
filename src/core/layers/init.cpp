#include "core/layers/init.h"

#include <cmath>

namespace bn {

void initialize_weight_and_bias(MatrixMap weight, MatrixMap bias, int fan_in, int fan_out, Random& rng, Init init) {
  const float in = static_cast<float>(fan_in), out = static_cast<float>(fan_out);
  float weight_bound = 0.0f, bias_bound = 0.0f;
  switch (init) {
    case Init::kTorchDefault: weight_bound = bias_bound = 1.0f / std::sqrt(in); break;
    case Init::kHe: weight_bound = std::sqrt(6.0f / in); break;
    case Init::kGlorot: weight_bound = std::sqrt(6.0f / (in + out)); break;
  }
  for (Eigen::Index i = 0; i < weight.size(); ++i) weight.data()[i] = rng.uniform(-weight_bound, weight_bound);
  for (Eigen::Index i = 0; i < bias.size(); ++i)
    bias.data()[i] = bias_bound > 0 ? rng.uniform(-bias_bound, bias_bound) : 0.0f;
}

}  // namespace bn
