#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/panels.h"

namespace bn_app {

namespace {

constexpr float kHoverRadius = 6.0f;

struct PlotFrame {
  ImVec2 origin;
  ImVec2 size;
  const Scatter* view;
  ImVec2 to_screen(float x, float y) const {
    return {origin.x + (x - view->min_x) / (view->max_x - view->min_x) * size.x,
            origin.y + (1.0f - (y - view->min_y) / (view->max_y - view->min_y)) * size.y};
  }
  void to_latent(ImVec2 p, float& x, float& y) const {
    x = view->min_x + (p.x - origin.x) / size.x * (view->max_x - view->min_x);
    y = view->min_y + (1.0f - (p.y - origin.y) / size.y) * (view->max_y - view->min_y);
  }
};

int nearest_point(const Scatter& view, const PlotFrame& frame, ImVec2 mouse) {
  int best = -1;
  float best_distance = kHoverRadius * kHoverRadius;
  for (size_t i = 0; i < view.xy.size() / 2; ++i) {
    const ImVec2 p = frame.to_screen(view.xy[2 * i], view.xy[2 * i + 1]);
    const float d = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
    if (d < best_distance) {
      best_distance = d;
      best = static_cast<int>(i);
    }
  }
  return best;
}

// One coloured dot and class name per label, wrapping to the next line when the row is full.
void legend(const AppState& state) {
  const float r = ImGui::GetFontSize() * 0.3f;
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (int label = 0; label < 10; ++label) {
    const char* name = label_name(state, label);
    const float width = 2.4f * r + 2.0f + ImGui::CalcTextSize(name).x;
    if (label > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFontSize() * 0.55f), r,
                                                label_colour(label));
    ImGui::Dummy(ImVec2(2.4f * r, ImGui::GetFontSize()));
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted(name);
  }
}

// The points of `scatter`, coloured by label, as GPU point sprites on a dark plot.
void draw_scatter(std::unique_ptr<ScatterRenderer>& renderer, Scatter& scatter, const std::vector<uint8_t>& labels,
                  const PlotFrame& frame) {
  if (!renderer) renderer = std::make_unique<ScatterRenderer>();
  if (scatter.uploaded_revision != scatter.revision) {
    renderer->upload(scatter.xy, labels);
    scatter.uploaded_revision = scatter.revision;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 far(frame.origin.x + frame.size.x, frame.origin.y + frame.size.y);
  draw->AddRectFilled(frame.origin, far, IM_COL32(16, 20, 28, 255));
  renderer->draw(draw, frame.origin, frame.size, {scatter.min_x, scatter.min_y, scatter.max_x, scatter.max_y},
                 ImGui::GetFontSize() * 0.3f);
  draw->AddRect(frame.origin, far, ImGui::GetColorU32(ImGuiCol_Border));
}

void show_hovered(AppState& state, int index, float thumb) {
  if (!state.hovered_texture) state.hovered_texture = std::make_unique<DigitTexture>(kPadSide, kPadSide);
  const bn::Matrix image = state.test_set->batch({index});
  state.hovered_texture->upload(image.data());
  ImGui::BeginTooltip();
  state.hovered_texture->draw(ImVec2(thumb, thumb));
  ImGui::Text("test image %d: %s", index + 1, label_name(state, state.latent.labels[index]));
  ImGui::EndTooltip();
}

}  // namespace

void latent_tab(AppState& state) {
  if (!state.ready()) {
    ImGui::TextDisabled("The codes appear once the data set has loaded.");
    return;
  }
  LatentView& view = state.latent;
  const int latent = state.snapshot->config->latent;
  if (latent > 2) {
    ImGui::TextWrapped("The test set's %d-number codes, flattened onto two of their main directions (PCA).", latent);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::SliderInt2("directions", view.components, 0, std::min(latent, 10) - 1);
    state.layout.latent_components = last_item_rect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("0 is the direction the codes vary most along, 1 the next, ...");
    ImGui::SameLine();
  } else {
    ImGui::TextWrapped("The test set's codes: each of its %s is a point at its %d-number code.", current_dataset(state).items,
                       latent);
  }
  ImGui::BeginDisabled(!state.pca);
  ImGui::Checkbox("beside linear PCA", &view.beside_pca);
  state.layout.beside_pca_checkbox = last_item_rect();
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("The same %s through PCA with 32 components: the linear baseline", current_dataset(state).items);
  legend(state);

  const bool with_pca = view.beside_pca && state.pca && !view.pca_points.xy.empty();
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float thumb = ImGui::GetFontSize() * 4.5f;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float plot_width = with_pca ? (room.x - gap) / 2.0f : room.x;
  const float caption = with_pca ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
  const float side = std::max(120.0f, std::min(plot_width * (with_pca ? 1.0f : 10.0f),
                                               room.y - thumb - ImGui::GetTextLineHeightWithSpacing() * 2.0f - caption));
  if (with_pca) {
    ImGui::BeginGroup();
    ImGui::TextDisabled("this model: MSE %.4f", view.model_mse);
  }
  const PlotFrame frame{ImGui::GetCursorScreenPos(), ImVec2(plot_width, side), &view.points};
  ImGui::InvisibleButton("latent plot", frame.size);
  state.layout.latent_plot = last_item_rect();
  const bool plot_hovered = ImGui::IsItemHovered(), plot_clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  draw_scatter(state.latent_scatter, view.points, view.labels, frame);
  state.layout.latent_marker = {};
  if (view.has_marker) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 m = frame.to_screen(view.marker_x, view.marker_y);
    draw->PushClipRect(frame.origin, ImVec2(frame.origin.x + frame.size.x, frame.origin.y + frame.size.y), true);
    draw->AddCircle(m, 9.0f, IM_COL32(255, 255, 255, 255), 20, 2.5f);
    draw->AddLine(ImVec2(m.x - 13, m.y), ImVec2(m.x + 13, m.y), IM_COL32(255, 255, 255, 255), 1.5f);
    draw->AddLine(ImVec2(m.x, m.y - 13), ImVec2(m.x, m.y + 13), IM_COL32(255, 255, 255, 255), 1.5f);
    draw->PopClipRect();
    state.layout.latent_marker = {m.x, m.y, 0, 0};
  }
  if (with_pca) {
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("linear PCA-32: MSE %.4f", view.pca_mse);
    const PlotFrame pca_frame{ImGui::GetCursorScreenPos(), ImVec2(plot_width, side), &view.pca_points};
    ImGui::InvisibleButton("pca plot", pca_frame.size);
    state.layout.pca_plot = last_item_rect();
    draw_scatter(state.pca_scatter, view.pca_points, view.labels, pca_frame);
    if (ImGui::IsItemHovered()) {
      const int hovered = nearest_point(view.pca_points, pca_frame, ImGui::GetIO().MousePos);
      if (hovered >= 0) show_hovered(state, hovered, thumb);
    }
    ImGui::EndGroup();
  } else {
    state.layout.pca_plot = {};
  }

  // Hover a point to see its image; click empty space to decode that spot.
  view.hovered = -1;
  if (plot_hovered) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    view.hovered = nearest_point(view.points, frame, mouse);
    if (view.hovered >= 0) {
      show_hovered(state, view.hovered, thumb);
    } else if (plot_clicked) {
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
    state.decoded_texture->draw(ImVec2(thumb, thumb));
    ImGui::SameLine();
    ImGui::TextWrapped("The spot you clicked, decoded: the model's idea of what lives there.");
  } else {
    ImGui::TextDisabled("Hover a point to see its image. Click an empty spot to decode it.");
    ImGui::TextDisabled("The white cross is your drawing.");
  }
}

}  // namespace bn_app
