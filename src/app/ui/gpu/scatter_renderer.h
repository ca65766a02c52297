// Thousands of labelled points drawn as GPU point sprites (shaders/scatter.*), inside an ImGui
// window: the points are uploaded once per refit, and each frame costs one draw call however many
// there are. Hover-picking stays on the CPU, over the same data.
//
//   ScatterRenderer scatter;
//   scatter.upload(xy, labels);                       // when the codes change
//   scatter.draw(ImGui::GetWindowDrawList(), origin, size, window, point_diameter);
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace bn_app {

// The colour of a label's points (the legend uses it too).
ImU32 label_colour(int label);

struct DataWindow {
  float min_x = -1, min_y = -1, max_x = 1, max_y = 1;
};

class ScatterRenderer {
 public:
  ScatterRenderer();
  ~ScatterRenderer();
  ScatterRenderer(const ScatterRenderer&) = delete;
  ScatterRenderer& operator=(const ScatterRenderer&) = delete;

  // xy: count·2 values; labels: count values in 0..9 (colours: the Tableau 10 palette).
  void upload(const std::vector<float>& xy, const std::vector<uint8_t>& labels);
  // Queues the points into `list`, clipped to the rectangle; drawn when ImGui renders.
  void draw(ImDrawList* list, ImVec2 origin, ImVec2 size, const DataWindow& window, float point_diameter);

 private:
  static void render(const ImDrawList* list, const ImDrawCmd* command);
  unsigned int array_ = 0, buffer_ = 0;
  int count_ = 0;
  // What the queued draw needs when ImGui calls back during rendering.
  ImVec2 origin_, size_;
  DataWindow window_;
  float diameter_ = 4.0f;
};

}  // namespace bn_app
