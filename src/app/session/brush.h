// The draw pad's brush: soft, round strokes on a 28×28 grid of floats in [0, 1], which look like
// MNIST's anti-aliased pen strokes (a solid core about two pixels wide with grey edges).
#pragma once

#include <vector>

namespace bn_app {

struct BrushOptions {
  float core_radius = 0.9f;  // fully inked within this distance of the stroke, in pad pixels
  float edge_width = 1.1f;   // then fading linearly to 0 over this width
  float strength = 1.0f;     // pen pressure scales the ink
  bool erase = false;
};

// Inks the segment from (x0, y0) to (x1, y1), in pad pixels (0..side), into `pixels` [side·side].
void brush_stroke(std::vector<float>& pixels, int side, float x0, float y0, float x1, float y1,
                  const BrushOptions& options);

}  // namespace bn_app
