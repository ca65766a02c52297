// One contiguous arena for all of a model's parameters, and one for their gradients.
//
// Layers reserve named tensors in the arena when they are built, and view them as Eigen maps while
// they run. Because everything lives in one buffer, the optimizer step, zeroing the gradients,
// copying weights into a snapshot for the UI, and saving or loading are each one loop.
//
//   ParameterArena arena;
//   ParameterRef w = arena.reserve("encoder.0.weight", {256, 784});
//   arena.allocate();                      // after every layer has reserved its tensors
//   MatrixMap weight = arena.value(w);     // [256, 784]
//   MatrixMap grad = arena.gradient(w);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace bn {

struct ParameterRef {
  size_t offset = 0;
  int rows = 0;
  int cols = 0;
  size_t size() const { return static_cast<size_t>(rows) * static_cast<size_t>(cols); }
};

struct ParameterInfo {
  std::string name;
  std::vector<int> shape;  // PyTorch's shape, e.g. {out, in} for a Linear weight, {out} for a bias
  ParameterRef ref;
  int fan_in = 0;  // for initialisation
};

class ParameterArena {
 public:
  // `shape` is the tensor's PyTorch shape; it is viewed as a matrix of [shape[0], rest].
  ParameterRef reserve(const std::string& name, const std::vector<int>& shape, int fan_in);
  void allocate();

  MatrixMap value(const ParameterRef& ref) { return {values_.data() + ref.offset, ref.rows, ref.cols}; }
  ConstMatrixMap value(const ParameterRef& ref) const { return {values_.data() + ref.offset, ref.rows, ref.cols}; }
  MatrixMap gradient(const ParameterRef& ref) { return {gradients_.data() + ref.offset, ref.rows, ref.cols}; }

  void zero_gradients();
  size_t size() const { return values_.size(); }
  FloatBuffer& values() { return values_; }
  const FloatBuffer& values() const { return values_; }
  FloatBuffer& gradients() { return gradients_; }
  const std::vector<ParameterInfo>& tensors() const { return tensors_; }

 private:
  std::vector<ParameterInfo> tensors_;
  FloatBuffer values_;
  FloatBuffer gradients_;
  size_t reserved_ = 0;
};

}  // namespace bn
