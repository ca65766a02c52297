#include "core/data/dataset.h"

#include <cstring>
#include <fstream>
#include <iterator>

namespace bn {

namespace {

constexpr size_t kHeaderSize = 20;
constexpr uint32_t kVersion = 1;
// Far above any real data set here (Fashion-MNIST's train split is 47 MB); it guards allocations.
constexpr uint64_t kMaxPixels = 1ull << 31;

uint32_t read_u32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

}  // namespace

Dataset parse_dataset(const uint8_t* bytes, size_t size, const std::string& name) {
  if (size < kHeaderSize)
    throw DatasetError(name + ": too short to be a data set (" + std::to_string(size) + " bytes)");
  if (std::memcmp(bytes, "BNDS", 4) != 0) throw DatasetError(name + ": not a Bottleneck data set (bad magic)");
  uint32_t version = read_u32(bytes + 4);
  if (version != kVersion) throw DatasetError(name + ": unsupported data set version " + std::to_string(version));
  uint64_t count = read_u32(bytes + 8);
  uint64_t rows = read_u32(bytes + 12);
  uint64_t cols = read_u32(bytes + 16);
  if (count == 0 || rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
    throw DatasetError(name + ": implausible shape " + std::to_string(count) + "x" + std::to_string(rows) + "x" +
                       std::to_string(cols));
  uint64_t pixel_count = count * rows * cols;
  if (pixel_count > kMaxPixels) throw DatasetError(name + ": too large (" + std::to_string(pixel_count) + " pixels)");
  uint64_t expected = kHeaderSize + pixel_count + count;
  if (size != expected)
    throw DatasetError(name + ": size is " + std::to_string(size) + " bytes, expected " + std::to_string(expected) +
                       " for " + std::to_string(count) + " images of " + std::to_string(rows) + "x" +
                       std::to_string(cols) + " (truncated or corrupt?)");
  Dataset dataset;
  dataset.name = name;
  dataset.rows = static_cast<int>(rows);
  dataset.cols = static_cast<int>(cols);
  const uint8_t* pixels = bytes + kHeaderSize;
  dataset.pixels.assign(pixels, pixels + pixel_count);
  dataset.labels.assign(pixels + pixel_count, pixels + pixel_count + count);
  return dataset;
}

Dataset load_dataset(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw DatasetError(path + ": cannot open (does it exist? run ./build.sh deps)");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  return parse_dataset(bytes.data(), bytes.size(), path);
}

Matrix Dataset::batch(const std::vector<int>& indices) const {
  const int n = pixels_per_image();
  Matrix out(static_cast<Eigen::Index>(indices.size()), n);
  for (size_t r = 0; r < indices.size(); ++r) {
    const uint8_t* src = pixels.data() + static_cast<size_t>(indices[r]) * n;
    float* dst = out.data() + r * n;
    for (int i = 0; i < n; ++i) dst[i] = static_cast<float>(src[i]) * (1.0f / 255.0f);
  }
  return out;
}

Matrix Dataset::batch_range(int first, int batch_count) const {
  std::vector<int> indices(static_cast<size_t>(batch_count));
  for (int i = 0; i < batch_count; ++i) indices[i] = first + i;
  return batch(indices);
}

Dataset Dataset::subset(const std::vector<int>& indices, const std::string& subset_name) const {
  Dataset out;
  out.name = subset_name;
  out.rows = rows;
  out.cols = cols;
  const size_t n = static_cast<size_t>(pixels_per_image());
  out.pixels.reserve(indices.size() * n);
  out.labels.reserve(indices.size());
  for (int index : indices) {
    out.pixels.insert(out.pixels.end(), pixels.begin() + index * n, pixels.begin() + (index + 1) * n);
    out.labels.push_back(labels[index]);
  }
  return out;
}

std::pair<Dataset, Dataset> split_mnist10k(const Dataset& all) {
  std::vector<int> train;
  std::vector<int> test;
  for (int i = 0; i < all.count(); ++i) (i % 10 == 9 ? test : train).push_back(i);
  return {all.subset(train, all.name + " (train)"), all.subset(test, all.name + " (test)")};
}

}  // namespace bn
