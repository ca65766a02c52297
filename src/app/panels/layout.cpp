#include <algorithm>

#include "app/panels/panels.h"

namespace bn_app {

PanelLayout compute_panel_layout(ImVec2 display) {
  const float margin = 8.0f;
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float header_height = 3.0f * line + 2.0f * ImGui::GetStyle().WindowPadding.y;
  const float noise_height = 5.5f * line + 2.0f * ImGui::GetStyle().WindowPadding.y + ImGui::GetFrameHeight();
  const float chrome = 2.0f * ImGui::GetStyle().WindowPadding.x;
  const float title = ImGui::GetFrameHeight();
  const float buttons_row = ImGui::GetFrameHeightWithSpacing() * 2.5f;
  PanelLayout layout;
  layout.header = {{margin, margin}, {display.x - 2 * margin, header_height}};
  const float top = margin + header_height + margin;
  const float available_height = display.y - top - margin;

  const bool wide = display.x >= 1000.0f;
  const float columns = wide ? 3.0f : 2.0f;
  const float column_width = (display.x - (columns + 1) * margin) / columns;
  layout.image_side = std::clamp(
      std::min(column_width - chrome, available_height - noise_height - margin - title - buttons_row - chrome), 112.0f,
      420.0f);
  const float image_panel_height = layout.image_side + title + buttons_row + chrome;
  const float image_panel_width = layout.image_side + chrome;

  layout.draw = {{margin, top}, {image_panel_width, image_panel_height}};
  layout.reconstruction = {{2 * margin + image_panel_width, top}, {image_panel_width, image_panel_height}};
  const float noise_top = top + image_panel_height + margin;
  layout.noise = {{margin, noise_top}, {2 * image_panel_width + margin, noise_height}};
  if (wide) {
    float x = 3 * margin + 2 * image_panel_width;
    layout.training = {{x, top}, {display.x - x - margin, available_height}};
  } else {
    float y = noise_top + noise_height + margin;
    layout.training = {{margin, y}, {display.x - 2 * margin, std::max(200.0f, display.y - y - margin)}};
  }
  return layout;
}

bool begin_panel(const char* title, const PanelRect& rect) {
  ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
  return ImGui::Begin(title, nullptr,
                      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

}  // namespace bn_app
