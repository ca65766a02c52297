#include "core/parameters.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>

#include "core/parallel/thread_pool.h"

namespace bn {

ParameterRef ParameterArena::reserve(const std::string& name, const std::vector<int>& shape, int fan_in) {
  if (!values_.empty()) throw std::logic_error("ParameterArena: reserve after allocate (" + name + ")");
  if (shape.empty()) throw std::invalid_argument("ParameterArena: empty shape for " + name);
  int cols = 1;
  for (size_t i = 1; i < shape.size(); ++i) cols *= shape[i];
  // Each tensor starts on a 64-byte boundary (see FloatBuffer in tensor.h); the gaps stay zero.
  constexpr size_t kAlignFloats = 16;
  reserved_ = (reserved_ + kAlignFloats - 1) / kAlignFloats * kAlignFloats;
  ParameterRef ref{reserved_, shape[0], cols};
  reserved_ += ref.size();
  tensors_.push_back({name, shape, ref, fan_in});
  return ref;
}

void ParameterArena::allocate() {
  values_.assign(reserved_, 0.0f);
  gradients_.assign(reserved_, 0.0f);
}

void ParameterArena::zero_gradients() {
  // Across the pool: a quarter of a millisecond on one thread for AE-32, and the workers would
  // otherwise sleep through it.
  constexpr size_t kChunk = 1 << 15;
  const size_t size = gradients_.size();
  parallel_for(static_cast<int>((size + kChunk - 1) / kChunk), [&](int chunk) {
    const size_t begin = static_cast<size_t>(chunk) * kChunk;
    std::fill(gradients_.begin() + static_cast<std::ptrdiff_t>(begin),
              gradients_.begin() + static_cast<std::ptrdiff_t>(std::min(size, begin + kChunk)), 0.0f);
  });
}

}  // namespace bn
