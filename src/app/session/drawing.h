// The user's drawing: ink at four times the model's resolution (down-sampled by area, the way a
// scanner would), an optional "hidden" mask painted over it (the pixels the model is not shown),
// and an undo history. Pure logic, no UI: the Draw panel turns pointer moves into these calls.
//
//   Drawing d;
//   drawing_begin_edit(d);                                  // one undo step per stroke
//   drawing_stroke(d, BrushTool::kInk, 3, 4, 10, 20, 1.0f); // pad pixels; pen pressure in (0, 1]
//   std::vector<float> pixels = drawing_pixels(d);          // 28×28, what the pad shows
//   drawing_undo(d);
#pragma once

#include <cstddef>
#include <vector>

namespace bn_app {

enum class BrushTool { kInk, kErase, kHide };
// "ink", "erase" or "hide": in a link and in the automation state.
const char* brush_name(BrushTool tool);

struct Drawing {
  static constexpr int kSide = 28;  // the model's grid
  static constexpr int kScale = 4;  // ink is drawn at kScale × kSide
  static constexpr int kInkSide = kSide * kScale;
  static constexpr size_t kUndoDepth = 64;

  struct Page {
    std::vector<float> ink = std::vector<float>(kInkSide * kInkSide, 0.0f);
    std::vector<float> hidden = std::vector<float>(kSide * kSide, 0.0f);  // > 0.5: hidden from the model
  };
  Page page;
  std::vector<Page> history;  // the pages before each edit, oldest first
};

// Remembers the current page, so drawing_undo can return to it. Call once per stroke or action.
void drawing_begin_edit(Drawing& drawing);
// Back one edit; false when there is nothing to undo.
bool drawing_undo(Drawing& drawing);
// A segment from (x0, y0) to (x1, y1) in pad pixels (0..28): ink, erase ink, or hide.
void drawing_stroke(Drawing& drawing, BrushTool tool, float x0, float y0, float x1, float y1, float pressure);
// Replaces the ink with a 28×28 image (each pixel becomes a kScale² block) and clears the mask.
void drawing_set_image(Drawing& drawing, const float* pixels);
void drawing_clear(Drawing& drawing);
void drawing_clear_hidden(Drawing& drawing);
// The ink down-sampled to 28×28.
std::vector<float> drawing_pixels(const Drawing& drawing);
int drawing_hidden_count(const Drawing& drawing);

}  // namespace bn_app
