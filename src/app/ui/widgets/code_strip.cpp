#include "app/ui/widgets/code_strip.h"

#include <algorithm>
#include <cmath>

namespace bn_app {

namespace {

// The value axis: symmetric around 0 for a code that can be negative, from 0 up for one that
// cannot (a ReLU or sigmoid code), with room above the largest value for a drag to go further.
struct Axis {
  float low = -1.0f, high = 1.0f;
  float y_of(float value, float top, float height) const {
    return top + height * (high - std::clamp(value, low, high)) / (high - low);
  }
  float value_at(float y, float top, float height) const { return high - (y - top) / height * (high - low); }
};

Axis axis_for(const std::vector<float>& values, const std::vector<float>& spread) {
  float largest = 0.0f;
  bool negative = false;
  for (size_t i = 0; i < values.size(); ++i) {
    const float whisker = spread.empty() ? 0.0f : spread[i];
    largest = std::max(largest, std::abs(values[i]) + whisker);
    negative = negative || values[i] - whisker < 0.0f;
  }
  const float reach = std::max(1e-3f, 1.5f * largest);
  return negative ? Axis{-reach, reach} : Axis{0.0f, reach};
}

}  // namespace

void code_strip(PadReconstruction& rebuild, WidgetProbes& probes, float height) {
  const CodeReadout& code = rebuild.code();
  const int units = static_cast<int>(code.values.size());
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##code strip", ImVec2(width, height));
  probes.probe("codeStrip");
  if (units == 0) return;
  // The axis stays put while a bar is dragged, so the bar follows the pointer.
  static Axis held_axis;
  const bool dragging = ImGui::IsItemActive();
  const Axis axis =
      dragging && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) ? held_axis : axis_for(code.values, code.spread);
  if (!dragging) held_axis = axis;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  draw->AddRectFilled(origin, end, ImGui::GetColorU32(ImGuiCol_FrameBg));
  const float zero = axis.y_of(0.0f, origin.y, height);
  draw->AddLine(ImVec2(origin.x, zero), ImVec2(end.x, zero), ImGui::GetColorU32(ImGuiCol_Border));
  const float slot = width / static_cast<float>(units);
  const float bar = std::max(1.0f, slot * 0.8f);
  const bool sparse = !code.active.empty();
  const ImU32 lit = ImGui::GetColorU32(ImGuiCol_PlotHistogram), idle = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 edited_colour = ImGui::GetColorU32(ImGuiCol_PlotLinesHovered);
  for (int i = 0; i < units; ++i) {
    const float x = origin.x + slot * static_cast<float>(i) + (slot - bar) / 2.0f;
    const float y = axis.y_of(code.values[i], origin.y, height);
    const bool changed = code.edited && code.values[i] != code.encoded[i];
    const ImU32 colour = changed ? edited_colour : (!sparse || code.active[i]) ? lit : idle;
    draw->AddRectFilled(ImVec2(x, std::min(y, zero)), ImVec2(x + bar, std::max(y, zero) + 1.0f), colour);
    if (!code.spread.empty()) {  // the VAE's ±σ around μ
      const float centre = x + bar / 2.0f;
      const float up = axis.y_of(code.values[i] + code.spread[i], origin.y, height);
      const float down = axis.y_of(code.values[i] - code.spread[i], origin.y, height);
      draw->AddLine(ImVec2(centre, up), ImVec2(centre, down), ImGui::GetColorU32(ImGuiCol_Text));
    }
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const int under = std::clamp(static_cast<int>((mouse.x - origin.x) / slot), 0, units - 1);
  static int dragged = -1;
  if (ImGui::IsItemActivated()) dragged = under;
  if (dragging && dragged >= 0) {
    rebuild.set_code_value(dragged, axis.value_at(mouse.y, origin.y, height));
  } else if (ImGui::IsItemHovered()) {
    if (!code.spread.empty())
      ImGui::SetTooltip("unit %d: %.3f (mean), spread %.3f (sigma)\nDrag to change it", under, code.values[under],
                        code.spread[under]);
    else ImGui::SetTooltip("unit %d: %.3f\nDrag to change it", under, code.values[under]);
  }
  if (!dragging) dragged = -1;
}

}  // namespace bn_app
