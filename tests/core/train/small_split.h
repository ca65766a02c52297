// A small slice of MNIST-10k for the trainer's tests, so that a test trains for real in a second or
// two: `train_count` training and `test_count` test digits, spread evenly over each split (which
// is stored digit by digit, so every class is in it). And a small autoencoder to train on it.
#pragma once

#include <memory>
#include <vector>

#include "core/data/dataset.h"
#include "core/models/model_config.h"
#include "core/test_data_dir.h"

namespace bn_test {

struct SmallSplit {
  std::shared_ptr<const bn::Dataset> train;
  std::shared_ptr<const bn::Dataset> test;
};

inline SmallSplit small_mnist_split(int train_count, int test_count) {
  auto [train, test] = bn::split_mnist10k(bn::load_dataset(data_path("mnist10k.bnds")));
  std::vector<int> train_indices, test_indices;
  for (int i = 0; i < train_count; ++i) train_indices.push_back(i * (train.count() / train_count));
  for (int i = 0; i < test_count; ++i) test_indices.push_back(i * (test.count() / test_count));
  return SmallSplit{std::make_shared<bn::Dataset>(train.subset(train_indices, "train")),
                    std::make_shared<bn::Dataset>(test.subset(test_indices, "test"))};
}

// An MLP autoencoder, 784-64-[16]-64-784: a few seconds of training on a small split show it learn.
inline bn::ModelConfig small_autoencoder_config() {
  bn::ModelConfig config;
  config.hidden = {64};
  config.latent = 16;
  return config;
}

}  // namespace bn_test
