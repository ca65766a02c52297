#include "core/data/image_csv.h"

#include <catch2/catch.hpp>

#include "core/data/dataset.h"

namespace {

// One CSV row: an optional label, then 784 pixels that are `value` on the first `lit` and 0 after.
std::string row(int label, int lit, const std::string& value) {
  std::string text = label >= 0 ? std::to_string(label) + "," : "";
  for (int i = 0; i < 784; ++i) text += (i ? "," : "") + (i < lit ? value : std::string("0"));
  return text + "\n";
}

std::string header(bool with_label) {
  std::string text = with_label ? "label" : "";
  for (int i = 0; i < 784; ++i) text += (i || with_label ? "," : "") + std::string("pixel") + std::to_string(i);
  return text + "\n";
}

}  // namespace

TEST_CASE("image CSV: 0-255 rows with a header and labels, as Kaggle's mnist_train.csv", "[image_csv]") {
  const bn::CsvImages csv = bn::parse_image_csv(header(true) + row(7, 10, "255") + row(3, 5, "128"), 100);
  REQUIRE(csv.count() == 2);
  REQUIRE(csv.labels == std::vector<uint8_t>{7, 3});
  REQUIRE(csv.pixels.size() == 2 * 784u);
  REQUIRE(csv.pixels[9] == 255);
  REQUIRE(csv.pixels[10] == 0);
  REQUIRE(csv.pixels[784 + 4] == 128);
  REQUIRE(csv.skipped == 0);
}

TEST_CASE("image CSV: 0-1 rows without header or label are scaled to 0-255", "[image_csv]") {
  const bn::CsvImages csv = bn::parse_image_csv(row(-1, 3, "0.5") + "\r\n" + row(-1, 2, "1.0"), 100);
  REQUIRE(csv.count() == 2);
  REQUIRE(csv.labels == std::vector<uint8_t>{bn::kNoLabel, bn::kNoLabel});
  REQUIRE(csv.pixels[0] == 128);
  REQUIRE(csv.pixels[784] == 255);
}

TEST_CASE("image CSV: 0-1 looking rows before the first value above 1 are read as 0-255", "[image_csv]") {
  const bn::CsvImages csv = bn::parse_image_csv(row(1, 3, "1") + row(2, 3, "200"), 100);
  REQUIRE(csv.pixels[0] == 1);
  REQUIRE(csv.pixels[784] == 200);
}

TEST_CASE("image CSV: a label column named 'label' anywhere in the header", "[image_csv]") {
  std::string head;
  for (int i = 0; i < 784; ++i) head += "p" + std::to_string(i) + ",";
  head += "Label\n";
  std::string body;
  for (int i = 0; i < 784; ++i) body += (i == 0 ? "255," : "0,");
  body += "4\n";
  const bn::CsvImages csv = bn::parse_image_csv(head + body, 100);
  REQUIRE(csv.count() == 1);
  REQUIRE(csv.labels[0] == 4);
  REQUIRE(csv.pixels[0] == 255);
}

TEST_CASE("image CSV: bad rows are skipped with the first reason, the rest are read", "[image_csv]") {
  std::string short_row = row(-1, 0, "0");
  short_row.erase(short_row.size() - 3);  // 783 values
  const std::string text =
      row(5, 1, "255") + short_row + "\n" + row(5, 1, "abc") + row(5, 1, "300") + row(11, 1, "9") + row(2, 1, "9");
  const bn::CsvImages csv = bn::parse_image_csv(text, 100);
  REQUIRE(csv.count() == 3);  // labels 5, 11 and 2
  REQUIRE(csv.skipped == 3);
  REQUIRE(csv.first_problem == "row 2: 783 values; a row has 784 pixels and an optional label");
}

TEST_CASE("image CSV: semicolons, the image limit, and files with nothing usable", "[image_csv]") {
  std::string semicolons = row(1, 2, "255");
  for (char& c : semicolons)
    if (c == ',') c = ';';
  REQUIRE(bn::parse_image_csv(semicolons, 100).count() == 1);
  const bn::CsvImages limited = bn::parse_image_csv(row(1, 1, "9") + row(2, 1, "9") + row(3, 1, "9"), 2);
  REQUIRE(limited.count() == 2);
  REQUIRE(limited.left_out == 1);
  REQUIRE_THROWS_WITH(bn::parse_image_csv("", 100), Catch::Contains("no rows"));
  REQUIRE_THROWS_WITH(bn::parse_image_csv("a,b,c\n1,2,3\n", 100), Catch::Contains("header has 3 columns"));
  REQUIRE_THROWS_WITH(bn::parse_image_csv("1,2,3\n4,5,6\n", 100),
                      Catch::Contains("no row could be read (row 1: 3 values"));
  REQUIRE_THROWS_WITH(bn::parse_image_csv(row(-1, 1, "-4"), 100), Catch::Contains("outside 0"));
}

// Issue 29: a label of 1e30 was converted to a byte before it was refused (undefined behaviour).
TEST_CASE("image CSV: a label far out of range is refused, not converted", "[image_csv][hostile]") {
  for (const char* label : {"1e30", "-1e30", "255", "3.5"}) {
    std::string text = label;
    for (int i = 0; i < 784; ++i) text += ",0";
    CHECK_THROWS_WITH(bn::parse_image_csv(text + "\n", 10), Catch::Contains("not a whole number from 0 to 254"));
  }
}
