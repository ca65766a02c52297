// A chain of layers: forward runs them in order, backward in reverse.
#pragma once

#include <memory>
#include <vector>

#include "core/layers/activation.h"
#include "core/layers/layer.h"

namespace bn {

class Sequential {
 public:
  void add(std::unique_ptr<Layer> layer) { layers_.push_back(std::move(layer)); }
  void initialize(ParameterArena& arena, Random& rng, Init init);
  // x: [batch, in] -> the last layer's output
  const Matrix& forward(const ParameterArena& arena, const Matrix& x);
  // dy: the gradient of the last output -> the gradient of x
  const Matrix& backward(ParameterArena& arena, const Matrix& dy);
  // The parameter gradients alone, for a stack whose input is the data: its first layer skips the
  // gradient of x (Layer::backward_parameters_only).
  void backward_parameters_only(ParameterArena& arena, const Matrix& dy);
  // The last forward's output (the stack must not be empty).
  const Matrix& output() const { return activations_.back(); }
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }

 private:
  const Matrix& backward_through(ParameterArena& arena, const Matrix& dy, bool input_gradient);

  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Matrix> activations_;  // one per layer, reused between calls
  std::vector<Matrix> gradients_;
};

// Appends Dense layers through `widths` (e.g. {784, 256, 128, 32}), with the activation between
// them but not after the last. Layers are named "<prefix>.<index>" with the activations taking
// their own indices, as in a PyTorch nn.Sequential: encoder.0, encoder.2, encoder.4.
void add_dense_stack(ParameterArena& arena, Sequential& stack, const std::string& prefix,
                     const std::vector<int>& widths, Activation activation);

}  // namespace bn
