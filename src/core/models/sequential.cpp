#include "core/models/sequential.h"

#include "core/layers/dense.h"

namespace bn {

void Sequential::initialize(ParameterArena& arena, Random& rng, Init init) {
  for (auto& layer : layers_) layer->initialize(arena, rng, init);
}

const Matrix& Sequential::forward(const ParameterArena& arena, const Matrix& x) {
  activations_.resize(layers_.size());
  const Matrix* input = &x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->forward(arena, *input, activations_[i]);
    input = &activations_[i];
  }
  return *input;
}

const Matrix& Sequential::backward(ParameterArena& arena, const Matrix& dy) {
  return backward_through(arena, dy, true);
}

void Sequential::backward_parameters_only(ParameterArena& arena, const Matrix& dy) {
  backward_through(arena, dy, false);
}

const Matrix& Sequential::backward_through(ParameterArena& arena, const Matrix& dy, bool input_gradient) {
  gradients_.resize(layers_.size());
  const Matrix* grad = &dy;
  for (size_t i = layers_.size(); i-- > 0;) {
    if (i == 0 && !input_gradient) layers_[i]->backward_parameters_only(arena, *grad, gradients_[i]);
    else layers_[i]->backward(arena, *grad, gradients_[i]);
    grad = &gradients_[i];
  }
  return *grad;
}

void add_dense_stack(ParameterArena& arena, Sequential& stack, const std::string& prefix,
                     const std::vector<int>& widths, Activation activation) {
  for (size_t i = 0; i + 1 < widths.size(); ++i) {
    stack.add(std::make_unique<Dense>(arena, prefix + "." + std::to_string(2 * i), widths[i], widths[i + 1]));
    if (i + 2 < widths.size()) stack.add(make_activation(activation));
  }
}

}  // namespace bn
