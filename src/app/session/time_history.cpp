#include "app/session/time_history.h"

#include <algorithm>
#include <stdexcept>

namespace bn_app {

TimeHistory::TimeHistory(size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("a time history must hold at least one value");
  values_.reserve(capacity);
}

void TimeHistory::add(float milliseconds) {
  if (values_.size() < capacity_) {
    values_.push_back(milliseconds);
    return;
  }
  values_[next_] = milliseconds;
  next_ = (next_ + 1) % capacity_;
}

std::vector<float> TimeHistory::recent(size_t count) const {
  count = std::min(count, values_.size());
  std::vector<float> out;
  out.reserve(count);
  // While filling, values_ is in order; once full, the oldest is at next_ (0 until the first wrap).
  const size_t size = values_.size();
  for (size_t i = size - count; i < size; ++i) out.push_back(values_[(next_ + i) % size]);
  return out;
}

TimeHistory::Summary TimeHistory::summary(size_t count) const {
  std::vector<float> sorted = recent(count);
  if (sorted.empty()) return {};
  std::sort(sorted.begin(), sorted.end());
  return {sorted[sorted.size() / 2], sorted[sorted.size() * 95 / 100], sorted.size()};
}

}  // namespace bn_app
