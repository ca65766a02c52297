// The hidden-layer activation a model config names, as a layer: ReLU, LeakyReLU, Tanh or Sigmoid.
#pragma once

#include <memory>

#include "core/layers/layer.h"

namespace bn {

enum class Activation { kRelu, kLeakyRelu, kTanh, kSigmoid };

std::unique_ptr<Layer> make_activation(Activation activation);

}  // namespace bn
