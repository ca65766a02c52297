#include "core/models/sequential.h"

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
  gradients_.resize(layers_.size());
  const Matrix* grad = &dy;
  for (size_t i = layers_.size(); i-- > 0;) {
    layers_[i]->backward(arena, *grad, gradients_[i]);
    grad = &gradients_[i];
  }
  return *grad;
}

}  // namespace bn
