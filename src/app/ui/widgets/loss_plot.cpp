#include "app/ui/widgets/loss_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bn_app {

namespace {

const ImU32 kTrainColour = IM_COL32(90, 170, 255, 255);
const ImU32 kTestColour = IM_COL32(255, 160, 60, 255);

struct Range {
  float low = INFINITY, high = -INFINITY;
  void include(float v) {
    if (!std::isfinite(v)) return;
    low = std::min(low, v);
    high = std::max(high, v);
  }
};

// The plotted value of a loss: itself, or its log10 on a log scale.
float axis_value(float loss, bool log_scale) { return log_scale ? std::log10(std::max(loss, 1e-12f)) : loss; }

void polyline(ImDrawList* draw, const std::vector<bn::LossPoint>& curve, ImVec2 min, ImVec2 max, float max_step,
              const Range& y, ImU32 colour, bool dots, bool log_scale) {
  std::vector<ImVec2> points;
  points.reserve(curve.size());
  for (const bn::LossPoint& p : curve) {
    if (!std::isfinite(p.loss)) continue;
    float tx = max_step > 0 ? static_cast<float>(p.step) / max_step : 0.0f;
    float ty = (axis_value(p.loss, log_scale) - y.low) / (y.high - y.low);
    points.push_back(ImVec2(min.x + tx * (max.x - min.x), max.y - ty * (max.y - min.y)));
  }
  if (points.size() >= 2) draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour, 0, 2.0f);
  if (dots || points.size() == 1)
    for (const ImVec2& p : points) draw->AddCircleFilled(p, 2.5f, colour);
}

}  // namespace

void loss_plot(const char* id, const std::vector<bn::LossPoint>& train, const std::vector<bn::LossPoint>& test,
               ImVec2 size, bool log_scale, bool can_train) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 min(origin.x + 4.0f * line, origin.y + 0.5f * line);
  const ImVec2 max(origin.x + size.x - 0.5f * line, origin.y + size.y - 1.5f * line);
  draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg));

  Range y;
  float max_step = 0.0f;
  for (const auto* curve : {&train, &test})
    for (const bn::LossPoint& p : *curve) {
      y.include(axis_value(p.loss, log_scale));
      max_step = std::max(max_step, static_cast<float>(p.step));
    }
  if (y.low > y.high) {
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + line, min.y + line),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), "The loss curves appear once training starts.", nullptr,
                  max.x - min.x - 2.0f * line);
    ImGui::PopID();
    return;
  }
  if (max_step == 0.0f) {
    // Only the starting test loss so far (e.g. a pretrained model): say where the curves will go.
    // Wrapped to the plot: at 1280x800 it was cut to "the curves grow to the r".
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + line, min.y + line),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  can_train ? "Training continues from here: the curves grow to the right."
                            : "The model as it is: this page does not train it.",
                  nullptr, max.x - min.x - 2.0f * line);
  }
  // At least a tenth of the loss from bottom to top (a twentieth of a decade on the log scale),
  // centred on the curves: Train on a pretrained model moves its loss by 0.1%, and an axis of just
  // that range drew the batches' noise as wild swings.
  const float least = log_scale ? 0.05f : 0.1f * std::max(std::abs(y.high), 1e-6f);
  if (y.high - y.low < least) {
    const float middle = 0.5f * (y.high + y.low);
    const bool never_negative = y.low >= 0.0f;
    y.low = middle - 0.5f * least;
    y.high = middle + 0.5f * least;
    if (!log_scale && never_negative && y.low < 0.0f) {
      y.high -= y.low;
      y.low = 0.0f;
    }
  }
  const float pad = 0.05f * (y.high - y.low);
  y.low -= pad;
  y.high += pad;

  const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char label[32];
  auto loss_at = [&](float v) { return log_scale ? std::pow(10.0f, v) : v; };
  std::snprintf(label, sizeof label, "%.3g", loss_at(y.high));
  draw->AddText(ImVec2(origin.x, min.y - 0.5f * line), text, label);
  std::snprintf(label, sizeof label, "%.3g", loss_at(y.low));
  draw->AddText(ImVec2(origin.x, max.y - 0.5f * line), text, label);
  std::snprintf(label, sizeof label, "step %.0f", max_step);
  draw->AddText(ImVec2(max.x - ImGui::CalcTextSize(label).x, max.y + 0.2f * line), text, label);
  draw->AddText(ImVec2(min.x, max.y + 0.2f * line), kTrainColour, "train");
  draw->AddText(ImVec2(min.x + ImGui::CalcTextSize("train  ").x, max.y + 0.2f * line), kTestColour, "test");

  draw->PushClipRect(min, max, true);
  polyline(draw, train, min, max, max_step, y, kTrainColour, false, log_scale);
  polyline(draw, test, min, max, max_step, y, kTestColour, true, log_scale);
  draw->PopClipRect();
  ImGui::PopID();
}

}  // namespace bn_app
