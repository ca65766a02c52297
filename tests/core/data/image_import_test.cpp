#include "core/data/image_import.h"

#include <cmath>

#include <catch2/catch.hpp>

#include "core/data/dataset.h"

namespace {

constexpr int kSide = 28;

// A width × height grey picture of `background` with a filled rectangle of `ink`.
struct Picture {
  int width, height;
  std::vector<uint8_t> grey;
  Picture(int w, int h, uint8_t background) : width(w), height(h), grey(static_cast<size_t>(w) * h, background) {}
  Picture& fill(int x0, int y0, int x1, int y1, uint8_t ink) {
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) grey[static_cast<size_t>(y) * width + x] = ink;
    return *this;
  }
  bn::ImageView view() const { return {grey.data(), width, height, 1}; }
};

struct Extent {
  int x0 = kSide, y0 = kSide, x1 = 0, y1 = 0;
  double mass_x = 0, mass_y = 0;
};

// The bounding box of the pixels above `threshold`, and the centre of mass of all of them.
Extent extent_of(const std::vector<uint8_t>& image, int threshold = 0) {
  Extent e;
  double mass = 0;
  for (int y = 0; y < kSide; ++y)
    for (int x = 0; x < kSide; ++x) {
      const int v = image[static_cast<size_t>(y) * kSide + x];
      mass += v;
      e.mass_x += v * (x + 0.5);
      e.mass_y += v * (y + 0.5);
      if (v > threshold) {
        e.x0 = std::min(e.x0, x);
        e.y0 = std::min(e.y0, y);
        e.x1 = std::max(e.x1, x + 1);
        e.y1 = std::max(e.y1, y + 1);
      }
    }
  e.mass_x /= mass;
  e.mass_y /= mass;
  return e;
}

}  // namespace

TEST_CASE("image import: a square is resized to fill 20x20 and centred in 28x28", "[image_import]") {
  // A 40×40 white square off-centre in a 100×100 black picture: half size, in the middle.
  const Picture picture = Picture(100, 100, 0).fill(10, 50, 50, 90, 255);
  const std::vector<uint8_t> image = bn::mnist_style_image(picture.view());
  REQUIRE(image.size() == 784u);
  const Extent e = extent_of(image);
  REQUIRE(e.x0 == 4);
  REQUIRE(e.x1 == 24);
  REQUIRE(e.y0 == 4);
  REQUIRE(e.y1 == 24);
  REQUIRE(image[14 * kSide + 14] == 255);
  REQUIRE(image[0] == 0);
}

TEST_CASE("image import: the aspect ratio is kept; the long side becomes 20", "[image_import]") {
  const Picture picture = Picture(200, 100, 0).fill(20, 40, 180, 80, 200);  // 160 × 40 bar
  const Extent e = extent_of(bn::mnist_style_image(picture.view()));
  REQUIRE(e.x1 - e.x0 == 20);
  REQUIRE(e.y1 - e.y0 == 5);
  REQUIRE(e.mass_x == Approx(14).margin(0.5));
  REQUIRE(e.mass_y == Approx(14).margin(0.5));
}

TEST_CASE("image import: dark ink on light paper is inverted, and the paper's grey is taken away", "[image_import]") {
  // Grey paper (200) with a dark (40) vertical stroke: the stroke becomes full white on black.
  const Picture picture = Picture(60, 80, 200).fill(28, 10, 34, 70, 40);
  const std::vector<uint8_t> image = bn::mnist_style_image(picture.view());
  const Extent e = extent_of(image);
  REQUIRE(e.y1 - e.y0 == 20);
  REQUIRE(e.x1 - e.x0 == 2);
  REQUIRE(image[14 * kSide + 14] == 255);
  REQUIRE(image[0] == 0);
  REQUIRE(image[14 * kSide + 3] == 0);
}

TEST_CASE("image import: the centre of mass, not the box, goes to the centre", "[image_import]") {
  // A Γ: a top bar and an upright on the left. Its box is 80×80 (20×20 once scaled) and its mass
  // sits up and to the left (6.8, 6.8 in the scaled box), so the box moves 7 down and 7 right.
  const Picture picture = Picture(100, 100, 0).fill(10, 10, 90, 30, 255).fill(10, 30, 30, 90, 255);
  const Extent e = extent_of(bn::mnist_style_image(picture.view()));
  REQUIRE(e.x1 - e.x0 == 20);
  REQUIRE(e.y1 - e.y0 == 20);
  REQUIRE(e.x0 == 7);
  REQUIRE(e.y0 == 7);
  REQUIRE(e.mass_x == Approx(14).margin(0.5));
  REQUIRE(e.mass_y == Approx(14).margin(0.5));
}

TEST_CASE("image import: RGB and RGBA, with a transparent background", "[image_import]") {
  // Black strokes on a transparent canvas, as drawing apps save them.
  std::vector<uint8_t> rgba(50 * 50 * 4, 0);
  for (int y = 10; y < 40; ++y)
    for (int x = 20; x < 30; ++x) rgba[(static_cast<size_t>(y) * 50 + x) * 4 + 3] = 255;  // opaque black
  const std::vector<uint8_t> image = bn::mnist_style_image({rgba.data(), 50, 50, 4});
  REQUIRE(image[14 * kSide + 14] == 255);
  REQUIRE(image[0] == 0);
  // Red ink on white: luma, then inverted.
  std::vector<uint8_t> rgb(40 * 40 * 3, 255);
  for (int y = 5; y < 35; ++y)
    for (int x = 15; x < 25; ++x) {
      uint8_t* p = &rgb[(static_cast<size_t>(y) * 40 + x) * 3];
      p[1] = p[2] = 0;
    }
  const std::vector<uint8_t> red = bn::mnist_style_image({rgb.data(), 40, 40, 3});
  REQUIRE(red[14 * kSide + 14] == 255);
  REQUIRE(red[0] == 0);
}

TEST_CASE("image import: blank, empty, huge and malformed pictures are refused with the reason", "[image_import]") {
  const Picture blank(30, 30, 240);
  REQUIRE_THROWS_WITH(bn::mnist_style_image(blank.view()), Catch::Contains("nothing on it"));
  const Picture faint = Picture(30, 30, 240).fill(10, 10, 20, 20, 230);
  REQUIRE_THROWS_AS(bn::mnist_style_image(faint.view()), bn::DatasetError);
  const uint8_t one = 0;
  REQUIRE_THROWS_WITH(bn::mnist_style_image({&one, 0, 5, 1}), Catch::Contains("empty"));
  REQUIRE_THROWS_WITH(bn::mnist_style_image({&one, 5000, 5000, 1}), Catch::Contains("too large"));
  REQUIRE_THROWS_WITH(bn::mnist_style_image({&one, 1, 1, 5}), Catch::Contains("channels"));
  REQUIRE_THROWS_AS(bn::mnist_style_image({nullptr, 1, 1, 1}), bn::DatasetError);
}

TEST_CASE("image import: a tiny picture is scaled up, not lost", "[image_import]") {
  const Picture picture = Picture(8, 8, 0).fill(3, 2, 5, 6, 255);  // 2 × 4
  const Extent e = extent_of(bn::mnist_style_image(picture.view()));
  REQUIRE(e.y1 - e.y0 == 20);
  REQUIRE(e.x1 - e.x0 == 10);
}
