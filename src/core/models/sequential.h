// A chain of layers: forward runs them in order, backward in reverse.
#pragma once

#include <memory>
#include <vector>

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
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }

 private:
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Matrix> activations_;  // one per layer, reused between calls
  std::vector<Matrix> gradients_;
};

}  // namespace bn
