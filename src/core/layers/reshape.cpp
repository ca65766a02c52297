#include "core/layers/reshape.h"

#include <stdexcept>
#include <string>

namespace bn {

Reshape::Reshape(std::vector<int> shape) : shape_(std::move(shape)) {
  for (int d : shape_) {
    if (d <= 0) throw std::invalid_argument("Reshape: dimensions must be positive");
    size_ *= d;
  }
}

void Reshape::forward(const ParameterArena&, const Matrix& input, Matrix& output) {
  if (input.cols() != size_)
    throw std::invalid_argument("Reshape: input has " + std::to_string(input.cols()) + " values per sample, expected " +
                                std::to_string(size_));
  output = input;
}

void Reshape::backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) { grad_input = grad_output; }

}  // namespace bn
