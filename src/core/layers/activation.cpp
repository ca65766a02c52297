#include "core/layers/activation.h"

#include "core/layers/leaky_relu.h"
#include "core/layers/relu.h"
#include "core/layers/sigmoid.h"
#include "core/layers/tanh.h"

namespace bn {

std::unique_ptr<Layer> make_activation(Activation activation) {
  switch (activation) {
    case Activation::kRelu: return std::make_unique<ReLU>();
    case Activation::kLeakyRelu: return std::make_unique<LeakyReLU>();
    case Activation::kTanh: return std::make_unique<Tanh>();
    case Activation::kSigmoid: return std::make_unique<Sigmoid>();
  }
  return std::make_unique<ReLU>();
}

}  // namespace bn
