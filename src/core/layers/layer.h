// The layer interface: a layer maps a batch [batch, in] to [batch, out], and back-propagates.
//
// Each layer file holds a pair of plain functions, `<layer>_forward` and `<layer>_backward`, with
// the shapes in a comment, plus a small class that keeps what backward needs from forward (the
// input or the output) and that owns the layer's tensors in the model's ParameterArena.
//
//   Dense dense(arena, "encoder.0", 784, 256);
//   arena.allocate(); dense.initialize(arena, rng, Init::kTorchDefault);
//   dense.forward(arena, x, y);            // y: [batch, 256]
//   dense.backward(arena, dy, dx);         // accumulates into the arena's gradients
//   dense.backward_parameters_only(arena, dy, dx);  // the same, without dx (dx is left alone)
#pragma once

#include <string>

#include "core/parameters.h"
#include "core/random.h"
#include "core/tensor.h"

namespace bn {

enum class Init {
  kTorchDefault,  // PyTorch's nn.Linear default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias
  kHe,            // He uniform, for ReLU stacks: U(-sqrt(6/fan_in), sqrt(6/fan_in)), zero bias
  kGlorot,        // Glorot uniform, for tanh/sigmoid stacks, zero bias
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string kind() const = 0;
  virtual int output_size(int input_size) const { return input_size; }
  virtual void initialize(ParameterArena&, Random&, Init) {}
  // Keeps what backward needs; `output` is resized by the layer.
  virtual void forward(const ParameterArena& arena, const Matrix& input, Matrix& output) = 0;
  // Accumulates parameter gradients into the arena; `grad_input` is resized by the layer.
  virtual void backward(ParameterArena& arena, const Matrix& grad_output, Matrix& grad_input) = 0;
  // The same parameter gradients, for a model's first layer, whose input is the data and needs no
  // gradient. A layer whose input gradient is a product of its own (Dense, Conv2d) skips it and
  // leaves `unused` alone: for AE-32 that is a 64x256x784 product, a seventh of a step's work.
  virtual void backward_parameters_only(ParameterArena& arena, const Matrix& grad_output, Matrix& unused) {
    backward(arena, grad_output, unused);
  }
};

}  // namespace bn
