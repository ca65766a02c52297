#include "core/data/batch_iterator.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace bn {

BatchIterator::BatchIterator(int count, int batch_size, uint64_t seed)
    : count_(count), batch_size_(batch_size), rng_(seed, /*stream=*/0xB47C5) {
  if (count <= 0) throw std::invalid_argument("BatchIterator: empty data set");
  if (batch_size <= 0)
    throw std::invalid_argument("BatchIterator: batch size must be positive, got " + std::to_string(batch_size));
  order_.resize(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) order_[i] = i;
  shuffle();
}

void BatchIterator::shuffle() {
  for (int i = count_ - 1; i > 0; --i) std::swap(order_[i], order_[rng_.below(static_cast<uint32_t>(i + 1))]);
}

bool BatchIterator::next(std::vector<int>& indices) {
  int end = std::min(position_ + batch_size_, count_);
  indices.assign(order_.begin() + position_, order_.begin() + end);
  position_ = end;
  if (position_ < count_) return false;
  position_ = 0;
  ++epoch_;
  shuffle();
  return true;
}

}  // namespace bn
