#include "core/parameters.h"

#include <algorithm>
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
  parallel_for_ranges(gradients_.size(), 1 << 15, [&](size_t begin, size_t end) {
    std::fill(gradients_.data() + begin, gradients_.data() + end, 0.0f);
  });
}

}  // namespace bn
