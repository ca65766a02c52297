#include "app/session/drawing.h"

#include <algorithm>

#include "app/session/brush.h"
#include "core/data/mnist_framing.h"

namespace bn_app {

namespace {

// MNIST's pen at the fine grid: about two model pixels of solid core with a grey edge.
constexpr BrushOptions kInkBrush{0.9f * Drawing::kScale, 1.1f * Drawing::kScale, 1.0f, false};
// The eraser is wider than the pen, as on paper.
constexpr BrushOptions kEraseBrush{1.6f * Drawing::kScale, 1.0f * Drawing::kScale, 1.0f, true};
// The hiding brush paints whole model pixels.
constexpr BrushOptions kHideBrush{1.4f, 0.6f, 1.0f, false};
// A feather-light pen touch still leaves a visible line.
constexpr float kMinimumPressure = 0.15f;

}  // namespace

const char* brush_name(BrushTool tool) {
  switch (tool) {
    case BrushTool::kInk: return "ink";
    case BrushTool::kErase: return "erase";
    case BrushTool::kHide: return "hide";
  }
  return "?";
}

void drawing_begin_edit(Drawing& drawing) {
  drawing.history.push_back(drawing.page);
  if (drawing.history.size() > Drawing::kUndoDepth) drawing.history.erase(drawing.history.begin());
}

bool drawing_undo(Drawing& drawing) {
  if (drawing.history.empty()) return false;
  drawing.page = std::move(drawing.history.back());
  drawing.history.pop_back();
  return true;
}

void drawing_stroke(Drawing& drawing, BrushTool tool, float x0, float y0, float x1, float y1, float pressure) {
  if (tool == BrushTool::kHide) {
    brush_stroke(drawing.page.hidden, Drawing::kSide, x0, y0, x1, y1, kHideBrush);
    return;
  }
  const float s = static_cast<float>(Drawing::kScale);
  BrushOptions options = tool == BrushTool::kErase ? kEraseBrush : kInkBrush;
  if (tool == BrushTool::kInk) options.strength = std::clamp(pressure, kMinimumPressure, 1.0f);
  brush_stroke(drawing.page.ink, Drawing::kInkSide, x0 * s, y0 * s, x1 * s, y1 * s, options);
}

void drawing_set_image(Drawing& drawing, const float* pixels) {
  for (int row = 0; row < Drawing::kInkSide; ++row)
    for (int col = 0; col < Drawing::kInkSide; ++col)
      drawing.page.ink[static_cast<size_t>(row) * Drawing::kInkSide + col] =
          pixels[(row / Drawing::kScale) * Drawing::kSide + col / Drawing::kScale];
  drawing_clear_hidden(drawing);
}

void drawing_clear(Drawing& drawing) {
  std::fill(drawing.page.ink.begin(), drawing.page.ink.end(), 0.0f);
  drawing_clear_hidden(drawing);
}

void drawing_clear_hidden(Drawing& drawing) { std::fill(drawing.page.hidden.begin(), drawing.page.hidden.end(), 0.0f); }

std::vector<float> drawing_pixels(const Drawing& drawing) {
  return bn::downsample_by_area(drawing.page.ink, Drawing::kInkSide, Drawing::kScale);
}

int drawing_hidden_count(const Drawing& drawing) {
  return static_cast<int>(
      std::count_if(drawing.page.hidden.begin(), drawing.page.hidden.end(), [](float v) { return v > 0.5f; }));
}

}  // namespace bn_app
