#include "core/data/mnist_framing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bn {

namespace {

// Pixels at least this bright count as ink for the bounding box; the soft edges of a stroke do not.
constexpr float kInkThreshold = 0.1f;

void check_size(const std::vector<float>& image, int side, const char* who) {
  if (side <= 0 || image.size() != static_cast<size_t>(side) * side)
    throw std::invalid_argument(std::string(who) + ": expected " + std::to_string(side) + "x" + std::to_string(side) +
                                " values, got " + std::to_string(image.size()));
}

// Bilinear sample at (x, y) in pixel units, pixel centres at integer + 0.5; 0 outside the image.
float sample(const std::vector<float>& image, int side, float x, float y) {
  const float fx = x - 0.5f, fy = y - 0.5f;
  const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
  const float ax = fx - x0, ay = fy - y0;
  auto at = [&](int col, int row) {
    return (col < 0 || row < 0 || col >= side || row >= side) ? 0.0f : image[static_cast<size_t>(row) * side + col];
  };
  return (1 - ay) * ((1 - ax) * at(x0, y0) + ax * at(x0 + 1, y0)) +
         ay * ((1 - ax) * at(x0, y0 + 1) + ax * at(x0 + 1, y0 + 1));
}

}  // namespace

Frame fit_mnist_frame(const std::vector<float>& image, int side, float box) {
  check_size(image, side, "fit_mnist_frame");
  int left = side, right = -1, top = side, bottom = -1;
  double mass = 0, moment_x = 0, moment_y = 0;
  for (int row = 0; row < side; ++row)
    for (int col = 0; col < side; ++col) {
      const float v = image[static_cast<size_t>(row) * side + col];
      mass += v;
      moment_x += v * (col + 0.5);
      moment_y += v * (row + 0.5);
      if (v >= kInkThreshold) {
        left = std::min(left, col);
        right = std::max(right, col);
        top = std::min(top, row);
        bottom = std::max(bottom, row);
      }
    }
  Frame frame;
  frame.target_x = frame.target_y = side / 2.0f;
  if (right < 0 || mass <= 0) return frame;
  const float extent = static_cast<float>(std::max(right - left + 1, bottom - top + 1));
  frame.scale = std::clamp(box / extent, 0.25f, 4.0f);
  frame.source_x = static_cast<float>(moment_x / mass);
  frame.source_y = static_cast<float>(moment_y / mass);
  frame.identity = false;
  return frame;
}

std::vector<float> apply_frame(const Frame& frame, const std::vector<float>& image, int side) {
  check_size(image, side, "apply_frame");
  if (frame.identity) return image;
  std::vector<float> out(image.size());
  const float offsets[2] = {0.25f, 0.75f};
  for (int row = 0; row < side; ++row)
    for (int col = 0; col < side; ++col) {
      float total = 0;
      for (float oy : offsets)
        for (float ox : offsets) {
          const float x = (col + ox - frame.target_x) / frame.scale + frame.source_x;
          const float y = (row + oy - frame.target_y) / frame.scale + frame.source_y;
          total += sample(image, side, x, y);
        }
      out[static_cast<size_t>(row) * side + col] = std::clamp(total / 4.0f, 0.0f, 1.0f);
    }
  return out;
}

std::vector<float> downsample_by_area(const std::vector<float>& fine, int fine_side, int factor) {
  check_size(fine, fine_side, "downsample_by_area");
  if (factor <= 0 || fine_side % factor != 0)
    throw std::invalid_argument("downsample_by_area: " + std::to_string(fine_side) + " is not a multiple of " +
                                std::to_string(factor));
  const int side = fine_side / factor;
  std::vector<float> out(static_cast<size_t>(side) * side, 0.0f);
  for (int row = 0; row < fine_side; ++row)
    for (int col = 0; col < fine_side; ++col)
      out[static_cast<size_t>(row / factor) * side + col / factor] += fine[static_cast<size_t>(row) * fine_side + col];
  const float area = static_cast<float>(factor * factor);
  for (float& v : out) v /= area;
  return out;
}

}  // namespace bn
