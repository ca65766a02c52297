#include "core/data/dataset.h"

#include <cstring>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "core/data/batch_iterator.h"
#include "core/test_data_dir.h"

namespace {

std::vector<uint8_t> make_bnds(uint32_t count, uint32_t rows, uint32_t cols) {
  std::vector<uint8_t> bytes(20 + count * rows * cols + count, 0);
  std::memcpy(bytes.data(), "BNDS", 4);
  auto put = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<uint8_t>(v >> (8 * i));
  };
  put(4, 1);
  put(8, count);
  put(12, rows);
  put(16, cols);
  for (uint32_t i = 0; i < count * rows * cols; ++i) bytes[20 + i] = static_cast<uint8_t>(i % 256);
  for (uint32_t i = 0; i < count; ++i) bytes[20 + count * rows * cols + i] = static_cast<uint8_t>(i % 10);
  return bytes;
}

std::string parse_error(const std::vector<uint8_t>& bytes) {
  try {
    bn::parse_dataset(bytes.data(), bytes.size(), "test.bnds");
  } catch (const bn::DatasetError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("dataset: a well-formed file parses into pixels and labels", "[data]") {
  auto bytes = make_bnds(3, 2, 2);
  bn::Dataset d = bn::parse_dataset(bytes.data(), bytes.size(), "tiny");
  REQUIRE(d.count() == 3);
  REQUIRE(d.pixels_per_image() == 4);
  REQUIRE(d.labels == std::vector<uint8_t>{0, 1, 2});
  bn::Matrix b = d.batch({2});
  REQUIRE(b.rows() == 1);
  REQUIRE(b(0, 0) == Approx(8.0f / 255.0f));
}

TEST_CASE("dataset: corrupt files get a clear error", "[data]") {
  auto good = make_bnds(3, 2, 2);
  CHECK_THAT(parse_error({1, 2, 3}), Catch::Contains("too short"));
  auto bad_magic = good;
  bad_magic[0] = 'X';
  CHECK_THAT(parse_error(bad_magic), Catch::Contains("bad magic"));
  auto bad_version = good;
  bad_version[4] = 9;
  CHECK_THAT(parse_error(bad_version), Catch::Contains("version 9"));
  auto truncated = good;
  truncated.pop_back();
  CHECK_THAT(parse_error(truncated), Catch::Contains("truncated or corrupt"));
  auto huge = make_bnds(1, 1, 1);
  huge[12] = 0xff;
  huge[13] = 0xff;
  CHECK_THAT(parse_error(huge), Catch::Contains("implausible shape"));
  CHECK_THROWS_WITH(bn::load_dataset("/no/such/file.bnds"), Catch::Contains("cannot open"));
}

TEST_CASE("dataset: MNIST-10k splits 9,000 / 1,000 by index % 10", "[data]") {
  bn::Dataset all = bn::load_dataset(bn_test::data_path("mnist10k.bnds"));
  REQUIRE(all.count() == 10000);
  REQUIRE(all.rows == 28);
  REQUIRE(all.cols == 28);
  auto [train, test] = bn::split_mnist10k(all);
  REQUIRE(train.count() == 9000);
  REQUIRE(test.count() == 1000);
  // Stored digit file by digit file: index 9 is the first test image, a "0".
  REQUIRE(test.labels[0] == 0);
  REQUIRE(test.labels.back() == 9);
  REQUIRE(std::equal(test.pixels.begin(), test.pixels.begin() + 784, all.pixels.begin() + 9 * 784));
  std::set<int> labels(all.labels.begin(), all.labels.end());
  REQUIRE(labels.size() == 10);
}

TEST_CASE("dataset: Fashion-MNIST has the standard 60,000 / 10,000 split", "[data]") {
  bn::Dataset test = bn::load_dataset(bn_test::data_path("fashion-test.bnds"));
  REQUIRE(test.count() == 10000);
  REQUIRE(test.pixels_per_image() == 784);
}

TEST_CASE("batch iterator: each index once per epoch, reproducible from the seed", "[data]") {
  bn::BatchIterator a(10, 4, 7);
  bn::BatchIterator b(10, 4, 7);
  std::vector<int> batch;
  std::vector<int> seen;
  std::vector<size_t> sizes;
  bool ended = false;
  while (!ended) {
    ended = a.next(batch);
    std::vector<int> other;
    b.next(other);
    REQUIRE(batch == other);
    sizes.push_back(batch.size());
    seen.insert(seen.end(), batch.begin(), batch.end());
  }
  REQUIRE(sizes == std::vector<size_t>{4, 4, 2});
  std::vector<int> epoch1 = seen;
  std::sort(seen.begin(), seen.end());
  REQUIRE(seen == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  REQUIRE(a.epoch() == 1);
  // Each epoch is reshuffled.
  std::vector<int> epoch2;
  for (ended = false; !ended;) {
    ended = a.next(batch);
    epoch2.insert(epoch2.end(), batch.begin(), batch.end());
  }
  REQUIRE(epoch2.size() == 10);
  REQUIRE(epoch2 != epoch1);
}
