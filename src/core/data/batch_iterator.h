// Shuffled mini-batches over a data set, reshuffled each epoch from a seeded generator.
//
//   BatchIterator batches(train.count(), 64, seed);
//   std::vector<int> indices;
//   while (true) { bool epoch_ended = batches.next(indices); ... }
//
// The last batch of an epoch may be smaller (as PyTorch's DataLoader with drop_last=False).
#pragma once

#include <vector>

#include "core/random.h"

namespace bn {

class BatchIterator {
 public:
  BatchIterator(int count, int batch_size, uint64_t seed);
  // Fills `indices` with the next batch; returns true when that batch is the last of its epoch.
  bool next(std::vector<int>& indices);
  int epoch() const { return epoch_; }  // completed epochs
  int batches_per_epoch() const { return (count_ + batch_size_ - 1) / batch_size_; }
  float epoch_progress() const { return static_cast<float>(position_) / static_cast<float>(count_); }

 private:
  void shuffle();

  int count_;
  int batch_size_;
  Random rng_;
  std::vector<int> order_;
  int position_ = 0;
  int epoch_ = 0;
};

}  // namespace bn
