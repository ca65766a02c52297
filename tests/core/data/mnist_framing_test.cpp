#include "core/data/mnist_framing.h"

#include <vector>

#include <catch2/catch.hpp>

namespace {

constexpr int kSide = 28;

std::vector<float> square(int left, int top, int size) {
  std::vector<float> image(kSide * kSide, 0.0f);
  for (int row = top; row < top + size; ++row)
    for (int col = left; col < left + size; ++col) image[row * kSide + col] = 1.0f;
  return image;
}

struct Moments {
  double mass = 0, x = 0, y = 0;
  int left = kSide, right = -1, top = kSide, bottom = -1;
};

Moments moments(const std::vector<float>& image) {
  Moments m;
  for (int row = 0; row < kSide; ++row)
    for (int col = 0; col < kSide; ++col) {
      const float v = image[row * kSide + col];
      m.mass += v;
      m.x += v * (col + 0.5);
      m.y += v * (row + 0.5);
      if (v >= 0.5f) {
        m.left = std::min(m.left, col);
        m.right = std::max(m.right, col);
        m.top = std::min(m.top, row);
        m.bottom = std::max(m.bottom, row);
      }
    }
  m.x /= m.mass;
  m.y /= m.mass;
  return m;
}

}  // namespace

TEST_CASE("mnist framing: a small drawing in a corner is scaled to a 20-pixel box at the centre", "[framing]") {
  const std::vector<float> corner = square(1, 2, 6);
  const bn::Frame frame = bn::fit_mnist_frame(corner, kSide);
  REQUIRE_FALSE(frame.identity);
  REQUIRE(frame.scale == Approx(20.0f / 6.0f));
  const Moments m = moments(bn::apply_frame(frame, corner, kSide));
  REQUIRE(m.x == Approx(14.0).margin(0.3));
  REQUIRE(m.y == Approx(14.0).margin(0.3));
  REQUIRE(m.right - m.left + 1 == Approx(20).margin(1));
  REQUIRE(m.bottom - m.top + 1 == Approx(20).margin(1));
}

TEST_CASE("mnist framing: a tall stroke keeps its aspect ratio", "[framing]") {
  std::vector<float> stroke(kSide * kSide, 0.0f);
  for (int row = 3; row < 13; ++row) stroke[row * kSide + 20] = stroke[row * kSide + 21] = 1.0f;  // 2 wide, 10 tall
  const Moments m = moments(bn::apply_frame(bn::fit_mnist_frame(stroke, kSide), stroke, kSide));
  REQUIRE(m.bottom - m.top + 1 == Approx(20).margin(1));
  REQUIRE(m.right - m.left + 1 == Approx(4).margin(1));
  REQUIRE(m.x == Approx(14.0).margin(0.3));
}

TEST_CASE("mnist framing: the same frame moves a mask with the drawing", "[framing]") {
  const std::vector<float> drawing = square(2, 2, 10);
  const std::vector<float> mask = square(2, 2, 5);  // the drawing's top-left quarter
  const bn::Frame frame = bn::fit_mnist_frame(drawing, kSide);
  const std::vector<float> framed_drawing = bn::apply_frame(frame, drawing, kSide);
  const std::vector<float> framed_mask = bn::apply_frame(frame, mask, kSide);
  const Moments d = moments(framed_drawing), k = moments(framed_mask);
  REQUIRE(k.left == d.left);
  REQUIRE(k.top == d.top);
  REQUIRE(k.right - k.left + 1 == Approx((d.right - d.left + 1) / 2.0).margin(1));
}

TEST_CASE("mnist framing: an empty drawing is left alone, and bad sizes are refused", "[framing]") {
  const std::vector<float> empty(kSide * kSide, 0.0f);
  const bn::Frame frame = bn::fit_mnist_frame(empty, kSide);
  REQUIRE(frame.identity);
  REQUIRE(bn::apply_frame(frame, empty, kSide) == empty);
  REQUIRE_THROWS_WITH(bn::fit_mnist_frame(std::vector<float>(10), kSide), Catch::Contains("expected 28x28"));
}

TEST_CASE("downsample by area: each block becomes its mean", "[framing]") {
  std::vector<float> fine(8 * 8, 0.0f);
  for (int row = 0; row < 4; ++row) fine[row * 8 + 0] = 1.0f;  // one column of the top-left 4×4 block
  const std::vector<float> coarse = bn::downsample_by_area(fine, 8, 4);
  REQUIRE(coarse.size() == 4);
  REQUIRE(coarse[0] == Approx(0.25f));
  REQUIRE(coarse[1] == 0.0f);
  REQUIRE(coarse[3] == 0.0f);
  REQUIRE_THROWS_WITH(bn::downsample_by_area(fine, 8, 3), Catch::Contains("not a multiple"));
}
