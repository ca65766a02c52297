#include "core/data/own_images.h"

#include <catch2/catch.hpp>

namespace {

// A 40×40 picture: a dark square on white, whose position varies with `i`.
std::vector<uint8_t> picture(int i) {
  std::vector<uint8_t> grey(40 * 40, 250);
  for (int y = 5 + i % 10; y < 25 + i % 10; ++y)
    for (int x = 8; x < 20 + i % 5; ++x) grey[static_cast<size_t>(y) * 40 + x] = 10;
  return grey;
}

std::string csv_row(int label) {
  std::string text = std::to_string(label);
  for (int i = 0; i < 784; ++i) text += i == 400 ? ",255" : ",0";
  return text + "\n";
}

}  // namespace

TEST_CASE("own images: a folder named 0-9 gives the label", "[own_images]") {
  REQUIRE(bn::label_from_path("digits/7/a.png") == 7);
  REQUIRE(bn::label_from_path("7\\b.jpg") == 7);
  REQUIRE(bn::label_from_path("3/x.png") == 3);
  REQUIRE(bn::label_from_path("a.png") == bn::kNoLabel);
  REQUIRE(bn::label_from_path("/a.png") == bn::kNoLabel);
  REQUIRE(bn::label_from_path("12/a.png") == bn::kNoLabel);
  REQUIRE(bn::label_from_path("sevens/a.png") == bn::kNoLabel);
}

TEST_CASE("own images: pictures and CSV rows make one data set; bad files are skipped with reasons", "[own_images]") {
  bn::OwnImages own;
  for (int i = 0; i < 12; ++i) {
    const std::vector<uint8_t> grey = picture(i);
    own.add_image(std::to_string(i % 3) + "/p" + std::to_string(i) + ".png", {grey.data(), 40, 40, 1});
  }
  const std::vector<uint8_t> blank(40 * 40, 250);
  own.add_image("blank.png", {blank.data(), 40, 40, 1});
  own.skip("broken.png", "not a PNG or JPEG image");
  own.add_csv("more.csv", csv_row(4) + csv_row(5) + "1,2,3\n");
  REQUIRE(own.count() == 14);
  REQUIRE(own.skipped_files() == 2);
  REQUIRE(own.skipped_rows() == 1);
  REQUIRE(own.report() ==
          "14 images; 2 files skipped, 1 CSV row skipped: blank.png (nothing on it: no marks stand out from the "
          "background), broken.png (not a PNG or JPEG image), more.csv (1 row skipped; row 3: 3 values; a row has "
          "784 pixels and an optional label)");
  const bn::Dataset all = own.build();
  REQUIRE(all.name == "yours");
  REQUIRE(all.count() == 14);
  REQUIRE(all.labels[4] == 1);
  REQUIRE(all.labels[12] == 4);
  // The dark square on white came in as a white square on black.
  REQUIRE(all.pixels[14 * 28 + 14] == 255);
  REQUIRE(all.pixels[0] == 0);

  auto [train, test] = bn::split_own_images(all);
  REQUIRE(train.count() == 13);
  REQUIRE(test.count() == 1);
  REQUIRE(test.labels[0] == 0);  // index 9: picture 9, in folder "0"
}

TEST_CASE("own images: the split keeps a test image for tiny sets, and refuses one image", "[own_images]") {
  bn::OwnImages own;
  own.add_csv("two.csv", csv_row(1) + csv_row(2));
  auto [train, test] = bn::split_own_images(own.build());
  REQUIRE(train.count() == 1);
  REQUIRE(test.count() == 1);
  REQUIRE(test.labels[0] == 2);
  bn::OwnImages one;
  one.add_csv("one.csv", csv_row(1));
  REQUIRE_THROWS_WITH(bn::split_own_images(one.build()), Catch::Contains("at least two"));
}

TEST_CASE("own images: nothing usable is an error that says why; the limit is counted", "[own_images]") {
  bn::OwnImages none;
  none.skip("a.txt", "not a PNG, JPEG or CSV file");
  REQUIRE(none.count() == 0);
  REQUIRE_THROWS_WITH(none.build(), Catch::Contains("a.txt (not a PNG, JPEG or CSV file)"));
  bn::OwnImages small(3);
  small.add_csv("many.csv", csv_row(1) + csv_row(2) + csv_row(3) + csv_row(4));
  const std::vector<uint8_t> grey = picture(0);
  small.add_image("p.png", {grey.data(), 40, 40, 1});
  REQUIRE(small.count() == 3);
  REQUIRE(small.report() == "3 images (2 more left out: at most 3)");
}
