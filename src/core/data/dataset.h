// Image data sets as compact uint8 files (".bnds", written by scripts/convert_datasets.mjs).
//
//   "BNDS" | u32 version = 1 | u32 count | u32 rows | u32 cols | pixels (count·rows·cols) | labels (count)
//
//   bn::Dataset all = bn::load_dataset("mnist10k.bnds");   // throws bn::DatasetError, with the reason
//   auto [train, test] = bn::split_mnist10k(all);            // index % 10 == 9 is test
//   bn::Matrix x = train.batch({0, 1, 2});                   // [3, 784] floats in [0, 1]
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/tensor.h"

namespace bn {

class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The label of an image nobody labelled (a user's own picture outside a folder named 0..9).
inline constexpr uint8_t kNoLabel = 255;

struct Dataset {
  std::string name;
  int rows = 0;
  int cols = 0;
  std::vector<uint8_t> pixels;  // count · rows · cols, row-major images one after another
  std::vector<uint8_t> labels;  // count; kNoLabel where there is none

  int count() const { return static_cast<int>(labels.size()); }
  int pixels_per_image() const { return rows * cols; }
  // The images at `indices`, as floats in [0, 1]: [indices.size(), rows·cols].
  Matrix batch(const std::vector<int>& indices) const;
  Matrix batch_range(int first, int count) const;
  Dataset subset(const std::vector<int>& indices, const std::string& subset_name) const;
};

// Parses the bytes of a .bnds file; `name` is used in error messages.
Dataset parse_dataset(const uint8_t* bytes, size_t size, const std::string& name);
Dataset load_dataset(const std::string& path);

// PRODUCT.md's MNIST-10k split: index i is test when i % 10 == 9 (9,000 train / 1,000 test).
std::pair<Dataset, Dataset> split_mnist10k(const Dataset& all);

}  // namespace bn
