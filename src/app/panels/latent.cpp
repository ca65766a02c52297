#include <cmath>
#include <cstdio>

#include "app/panels/panels.h"

namespace bn_app {

namespace {

// Ten labels, ten colours that stay apart on a dark background (Tableau 10).
constexpr ImU32 kLabelColours[10] = {
    IM_COL32(78, 121, 167, 255), IM_COL32(242, 142, 43, 255), IM_COL32(225, 87, 89, 255),
    IM_COL32(118, 183, 178, 255), IM_COL32(89, 161, 79, 255), IM_COL32(237, 201, 72, 255),
    IM_COL32(176, 122, 161, 255), IM_COL32(255, 157, 167, 255), IM_COL32(156, 117, 95, 255),
    IM_COL32(186, 176, 172, 255)};

constexpr float kHoverRadius = 6.0f;

struct PlotFrame {
  ImVec2 origin;
  ImVec2 size;
  const LatentView* view;
  ImVec2 to_screen(float x, float y) const {
    return {origin.x + (x - view->min_x) / (view->max_x - view->min_x) * size.x,
            origin.y + (1.0f - (y - view->min_y) / (view->max_y - view->min_y)) * size.y};
  }
  void to_latent(ImVec2 p, float& x, float& y) const {
    x = view->min_x + (p.x - origin.x) / size.x * (view->max_x - view->min_x);
    y = view->min_y + (1.0f - (p.y - origin.y) / size.y) * (view->max_y - view->min_y);
  }
};

int nearest_point(const LatentView& view, const PlotFrame& frame, ImVec2 mouse) {
  int best = -1;
  float best_distance = kHoverRadius * kHoverRadius;
  for (size_t i = 0; i < view.labels.size(); ++i) {
    const ImVec2 p = frame.to_screen(view.xy[2 * i], view.xy[2 * i + 1]);
    const float d = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
    if (d < best_distance) {
      best_distance = d;
      best = static_cast<int>(i);
    }
  }
  return best;
}

void legend(const std::string& dataset) {
  const bool digits = dataset.find("MNIST") != std::string::npos;
  for (int label = 0; label < 10; ++label) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = ImGui::GetFontSize() * 0.3f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFontSize() * 0.55f), r,
                                                kLabelColours[label]);
    ImGui::Dummy(ImVec2(2.4f * r, ImGui::GetFontSize()));
    ImGui::SameLine(0, 2);
    if (digits) ImGui::Text("%d", label);
    else ImGui::Text("class %d", label);
    if (label != 9) ImGui::SameLine();
  }
}

}  // namespace

void latent_tab(AppState& state) {
  if (!state.ready()) {
    ImGui::TextDisabled("The codes appear once the data set has loaded.");
    return;
  }
  LatentView& view = state.latent;
  const int latent = state.snapshot->config->latent;
  if (latent > 2)
    ImGui::TextWrapped("The test set's %d-number codes, flattened to their two main directions (PCA).", latent);
  else
    ImGui::TextWrapped("The test set's codes: each digit is a point at its %d-number code.", latent);
  legend(state.test_set->name);

  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float thumb = ImGui::GetFontSize() * 4.5f;
  const float side = std::max(120.0f, std::min(room.x, room.y - thumb - ImGui::GetTextLineHeightWithSpacing() * 2.0f));
  const PlotFrame frame{ImGui::GetCursorScreenPos(), ImVec2(room.x, side), &view};
  ImGui::InvisibleButton("latent plot", frame.size);
  state.layout.latent_plot = last_item_rect();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 far(frame.origin.x + frame.size.x, frame.origin.y + frame.size.y);
  draw->AddRectFilled(frame.origin, far, IM_COL32(16, 20, 28, 255));
  draw->PushClipRect(frame.origin, far, true);
  for (size_t i = 0; i < view.labels.size(); ++i)
    draw->AddCircleFilled(frame.to_screen(view.xy[2 * i], view.xy[2 * i + 1]), 2.2f, kLabelColours[view.labels[i] % 10], 8);
  state.layout.latent_marker = {};
  if (view.has_marker) {
    const ImVec2 m = frame.to_screen(view.marker_x, view.marker_y);
    draw->AddCircle(m, 9.0f, IM_COL32(255, 255, 255, 255), 20, 2.5f);
    draw->AddLine(ImVec2(m.x - 13, m.y), ImVec2(m.x + 13, m.y), IM_COL32(255, 255, 255, 255), 1.5f);
    draw->AddLine(ImVec2(m.x, m.y - 13), ImVec2(m.x, m.y + 13), IM_COL32(255, 255, 255, 255), 1.5f);
    state.layout.latent_marker = {m.x, m.y, 0, 0};
  }
  draw->PopClipRect();
  draw->AddRect(frame.origin, far, ImGui::GetColorU32(ImGuiCol_Border));

  // Hover a point to see its image; click empty space to decode that spot.
  view.hovered = -1;
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    view.hovered = nearest_point(view, frame, mouse);
    if (view.hovered >= 0) {
      if (!state.hovered_texture) state.hovered_texture = std::make_unique<DigitTexture>(kPadSide, kPadSide);
      const bn::Matrix image = state.test_set->batch({view.hovered});
      state.hovered_texture->upload(image.data());
      ImGui::BeginTooltip();
      ImGui::Image(state.hovered_texture->id(), ImVec2(thumb, thumb));
      ImGui::Text("test image %d, label %d", view.hovered, view.labels[view.hovered]);
      ImGui::EndTooltip();
    } else if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
      float x = 0, y = 0;
      frame.to_latent(mouse, x, y);
      const bn::Matrix image = state.viewer->decode(view.projection.unproject(x, y));
      view.decoded.assign(image.data(), image.data() + image.size());
      ++view.decoded_revision;
    }
  }
  if (!view.decoded.empty()) {
    if (!state.decoded_texture) state.decoded_texture = std::make_unique<DigitTexture>(kPadSide, kPadSide);
    if (view.decoded_texture_revision != view.decoded_revision) {
      state.decoded_texture->upload(view.decoded.data());
      view.decoded_texture_revision = view.decoded_revision;
    }
    ImGui::Image(state.decoded_texture->id(), ImVec2(thumb, thumb));
    ImGui::SameLine();
    ImGui::TextWrapped("The spot you clicked, decoded: the model's idea of what lives there.");
  } else {
    ImGui::TextDisabled("Hover a point to see its digit. Click an empty spot to decode it.");
    ImGui::TextDisabled("The white cross is your drawing.");
  }
}

}  // namespace bn_app
