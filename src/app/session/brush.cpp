#include "app/session/brush.h"

#include <algorithm>
#include <cmath>

namespace bn_app {

namespace {

float distance_to_segment(float px, float py, float x0, float y0, float x1, float y1) {
  float dx = x1 - x0, dy = y1 - y0;
  float length_sq = dx * dx + dy * dy;
  float t = length_sq > 0.0f ? std::clamp(((px - x0) * dx + (py - y0) * dy) / length_sq, 0.0f, 1.0f) : 0.0f;
  float cx = x0 + t * dx - px, cy = y0 + t * dy - py;
  return std::sqrt(cx * cx + cy * cy);
}

}  // namespace

void brush_stroke(std::vector<float>& pixels, int side, float x0, float y0, float x1, float y1,
                  const BrushOptions& options) {
  const float reach = options.core_radius + options.edge_width;
  const int col_min = std::max(0, static_cast<int>(std::floor(std::min(x0, x1) - reach)));
  const int col_max = std::min(side - 1, static_cast<int>(std::ceil(std::max(x0, x1) + reach)));
  const int row_min = std::max(0, static_cast<int>(std::floor(std::min(y0, y1) - reach)));
  const int row_max = std::min(side - 1, static_cast<int>(std::ceil(std::max(y0, y1) + reach)));
  for (int row = row_min; row <= row_max; ++row) {
    for (int col = col_min; col <= col_max; ++col) {
      float d = distance_to_segment(col + 0.5f, row + 0.5f, x0, y0, x1, y1);
      float ink = std::clamp(1.0f - (d - options.core_radius) / options.edge_width, 0.0f, 1.0f) * options.strength;
      float& pixel = pixels[static_cast<size_t>(row) * side + col];
      pixel = options.erase ? std::min(pixel, 1.0f - ink) : std::max(pixel, ink);
    }
  }
}

}  // namespace bn_app
