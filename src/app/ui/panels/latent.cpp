#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/ui/panels/panels.h"

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
void legend(const DatasetInfo& dataset) {
  const float r = ImGui::GetFontSize() * 0.3f;
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (int label = 0; label < 10; ++label) {
    const char* name = label_name(dataset, label);
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
void draw_scatter(ScatterRenderer& renderer, const Scatter& scatter, const PlotFrame& frame) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 far(frame.origin.x + frame.size.x, frame.origin.y + frame.size.y);
  draw->AddRectFilled(frame.origin, far, IM_COL32(16, 20, 28, 255));
  renderer.draw(draw, frame.origin, frame.size, {scatter.min_x, scatter.min_y, scatter.max_x, scatter.max_y},
                ImGui::GetFontSize() * 0.3f);
  draw->AddRect(frame.origin, far, ImGui::GetColorU32(ImGuiCol_Border));
}

// The same index in another data set's split is another image.
uint64_t hovered_revision(const bn::Dataset& split, int index) {
  return (static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&split)) << 16) ^ static_cast<uint64_t>(index);
}

void show_hovered(const LatentView& view, const LoadedDataset& splits, const DatasetInfo& dataset,
                  TextureCache& textures, int point, float thumb) {
  const PlottedImage plotted = view.plotted(point);
  const bn::Dataset& split = plotted.training ? *splits.train : *splits.test;
  const bn::Matrix image = split.batch({plotted.index});
  const std::vector<float> pixels(image.data(), image.data() + image.size());
  ImGui::BeginTooltip();
  textures.image("hovered", kPadSide, kPadSide, pixels, hovered_revision(split, plotted.index))
      .draw(ImVec2(thumb, thumb));
  ImGui::Text("%s image %d: %s", plotted.training ? "training" : "test", plotted.index + 1,
              label_name(dataset, split.labels[plotted.index]));
  ImGui::EndTooltip();
}

// The directions shown (codes wider than 2), the PCA comparison, and the legend.
void latent_controls(LatentView& view, int latent, bool has_pca, const DatasetInfo& dataset, WidgetProbes& probes) {
  const int points = static_cast<int>(view.labels().size());
  if (view.test_points() < points)
    ImGui::TextWrapped("All %d images, %d test and %d training: the test split alone is too few for a map.", points,
                       view.test_points(), points - view.test_points());
  if (latent > 2) {
    ImGui::TextWrapped("The %d-number codes, flattened onto two of their main directions (PCA).", latent);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::SliderInt2("directions", view.components, 0, std::min(latent, 10) - 1);
    probes.probe("latentComponents");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("0 is the direction the codes vary most along, 1 the next, ...");
    ImGui::SameLine();
  } else {
    ImGui::TextWrapped("Each of the test set's %s is a point at its %d-number code.", dataset.items, latent);
  }
  ImGui::BeginDisabled(!has_pca);
  ImGui::Checkbox("beside linear PCA", &view.beside_pca);
  probes.probe("besidePcaCheckbox");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("The same %s through PCA with 32 components: the linear baseline", dataset.items);
  legend(dataset);
}

// The drawing's code on the plot: a white cross in a circle.
void draw_marker(const LatentView& view, const PlotFrame& frame, WidgetProbes& probes) {
  probes.forget("latentMarker");
  const auto& marker = view.marker();
  if (!marker) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 m = frame.to_screen(marker->x, marker->y);
  draw->PushClipRect(frame.origin, ImVec2(frame.origin.x + frame.size.x, frame.origin.y + frame.size.y), true);
  draw->AddCircle(m, 9.0f, IM_COL32(255, 255, 255, 255), 20, 2.5f);
  draw->AddLine(ImVec2(m.x - 13, m.y), ImVec2(m.x + 13, m.y), IM_COL32(255, 255, 255, 255), 1.5f);
  draw->AddLine(ImVec2(m.x, m.y - 13), ImVec2(m.x, m.y + 13), IM_COL32(255, 255, 255, 255), 1.5f);
  draw->PopClipRect();
  probes.set("latentMarker", {m.x, m.y, 0, 0});
}

// The same images through linear PCA, beside the model's plot.
void pca_plot(const LatentView& view, ImVec2 size, const LoadedDataset& splits, const DatasetInfo& dataset,
              UiTools& tools, float thumb) {
  ImGui::BeginGroup();
  ImGui::TextDisabled("linear PCA-32: MSE %.4f", view.pca_mse());
  const Scatter& points = view.pca_points();
  const PlotFrame frame{ImGui::GetCursorScreenPos(), size, &points};
  ImGui::InvisibleButton("pca plot", frame.size);
  tools.probes.probe("pcaPlot");
  draw_scatter(tools.textures.scatter("pca", points.xy, view.labels(), points.revision), points, frame);
  if (ImGui::IsItemHovered()) {
    const int hovered = nearest_point(points, frame, ImGui::GetIO().MousePos);
    if (hovered >= 0) show_hovered(view, splits, dataset, tools.textures, hovered, thumb);
  }
  ImGui::EndGroup();
}

// What a click on empty space decoded, or how to use the plot.
void decoded_spot(const LatentView& view, TextureCache& textures, float thumb) {
  if (view.decoded().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Hover a point to see its image. Click an empty spot to decode it. The white cross is your "
                       "drawing.");
    ImGui::PopStyleColor();
    return;
  }
  textures.image("decoded", kPadSide, kPadSide, view.decoded(), view.decoded_revision()).draw(ImVec2(thumb, thumb));
  ImGui::SameLine();
  ImGui::TextWrapped("The spot you clicked, decoded: the model's idea of what lives there.");
}

}  // namespace

void latent_tab(LatentView& view, Training& training, const bn::Model* pca, const LoadedDataset& splits,
                const DatasetInfo& dataset, UiTools& tools) {
  latent_controls(view, training.config().latent, pca != nullptr, dataset, tools.probes);
  const bool with_pca = view.beside_pca && pca && !view.pca_points().xy.empty();
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float thumb = ImGui::GetFontSize() * 4.5f;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float plot_width = with_pca ? (room.x - gap) / 2.0f : room.x;
  const float caption = with_pca ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
  const float side =
      std::max(120.0f, std::min(plot_width * (with_pca ? 1.0f : 10.0f),
                                room.y - thumb - ImGui::GetTextLineHeightWithSpacing() * 2.0f - caption));
  if (with_pca) {
    ImGui::BeginGroup();
    ImGui::TextDisabled("this model: MSE %.4f", view.model_mse());
  }
  const Scatter& points = view.points();
  const PlotFrame frame{ImGui::GetCursorScreenPos(), ImVec2(plot_width, side), &points};
  ImGui::InvisibleButton("latent plot", frame.size);
  tools.probes.probe("latentPlot");
  const bool plot_hovered = ImGui::IsItemHovered(), plot_clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  draw_scatter(tools.textures.scatter("latent", points.xy, view.labels(), points.revision), points, frame);
  draw_marker(view, frame, tools.probes);
  if (with_pca) {
    ImGui::EndGroup();
    ImGui::SameLine();
    pca_plot(view, ImVec2(plot_width, side), splits, dataset, tools, thumb);
  } else {
    tools.probes.forget("pcaPlot");
  }
  // Hover a point to see its image; click empty space to decode that spot.
  if (plot_hovered) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hovered = nearest_point(points, frame, mouse);
    if (hovered >= 0) {
      show_hovered(view, splits, dataset, tools.textures, hovered, thumb);
    } else if (plot_clicked) {
      LatentPoint spot;
      frame.to_latent(mouse, spot.x, spot.y);
      view.decode_at(training.viewer(), spot);
    }
  }
  decoded_spot(view, tools.textures, thumb);
}

}  // namespace bn_app
