#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

void accuracy_bar(const char* label, float accuracy, ImU32 colour, float width) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float height = ImGui::GetFrameHeight();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(16, 20, 28, 255));
  draw->AddRectFilled(origin, ImVec2(origin.x + width * accuracy, origin.y + height), colour);
  char text[64];
  std::snprintf(text, sizeof text, "%s  %.1f%%", label, 100.0f * accuracy);
  draw->AddText(ImVec2(origin.x + 6, origin.y + (height - ImGui::GetFontSize()) / 2), IM_COL32(255, 255, 255, 255),
                text);
}

// Rows: the true label; columns: the prediction. Brighter cells hold more test images.
// Ten by ten cells with the class numbers along the top (the guess) and down the left (the truth);
// hovering a cell names both classes and counts its images.
void confusion_matrix(const std::vector<int>& counts, float side, const DatasetInfo& dataset) {
  const float margin = ImGui::CalcTextSize("00").x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(side, side));
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 origin(start.x + margin, start.y + ImGui::GetTextLineHeight());
  const float cell = (side - std::max(margin, ImGui::GetTextLineHeight())) / 10.0f;
  const int largest = std::max(1, *std::max_element(counts.begin(), counts.end()));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (int k = 0; k < 10; ++k) {
    const char digit[2] = {static_cast<char>('0' + k), '\0'};
    const ImVec2 size = ImGui::CalcTextSize(digit);
    draw->AddText(ImVec2(origin.x + (k + 0.5f) * cell - size.x / 2, start.y), text, digit);
    draw->AddText(ImVec2(start.x + (margin - size.x) / 2, origin.y + (k + 0.5f) * cell - size.y / 2), text, digit);
  }
  for (int truth = 0; truth < 10; ++truth)
    for (int guess = 0; guess < 10; ++guess) {
      const float v = static_cast<float>(counts[truth * 10 + guess]) / largest;
      const auto level = static_cast<int>(40 + 215 * v);
      const ImU32 colour = truth == guess ? IM_COL32(40, level, 90, 255) : IM_COL32(level, 50, 40, 255);
      const ImVec2 a(origin.x + guess * cell, origin.y + truth * cell);
      draw->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1), colour);
    }
  if (!hovered) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const int guess = static_cast<int>(std::floor((mouse.x - origin.x) / cell));
  const int truth = static_cast<int>(std::floor((mouse.y - origin.y) / cell));
  if (guess < 0 || guess > 9 || truth < 0 || truth > 9) return;
  ImGui::SetTooltip("%d test images of %s called %s", counts[truth * 10 + guess], label_name(dataset, truth),
                    label_name(dataset, guess));
}

}  // namespace

void features_tab(FeaturesView& features, const DatasetInfo& dataset, UiTools& tools) {
  ImGui::TextWrapped(
      "A linear classifier trained on only N labelled %s: once on the model's codes, once "
      "on the raw pixels. Codes learned without any labels often need fewer of them.",
      dataset.items);
  ImGui::TextUnformatted("labelled examples N:");
  for (int n : {10, 100, 1000}) {
    ImGui::SameLine();
    const std::string label = std::to_string(n);
    if (ImGui::RadioButton(label.c_str(), features.labels == n)) features.labels = n;
    tools.probes.probe("probeLabelButtons." + label);
  }
  const float width = ImGui::GetContentRegionAvail().x;
  if (!features.unavailable().empty()) {
    ImGui::TextWrapped("%s", features.unavailable().c_str());
    return;
  }
  if (!features.done()) {
    ImGui::ProgressBar(0.5f * (features.started() ? 1.0f : 0.0f), ImVec2(width, 0), "training the two classifiers...");
    return;
  }
  accuracy_bar("on the codes", features.codes().accuracy, IM_COL32(89, 161, 79, 255), width);
  accuracy_bar("on the pixels", features.pixels().accuracy, IM_COL32(120, 120, 140, 255), width);
  const float gain = features.codes().accuracy - features.pixels().accuracy;
  ImGui::Text("codes %s pixels by %.1f points, with %d labels", gain >= 0 ? "beat" : "trail", 100.0f * std::abs(gain),
              features.computed_labels());
  ImGui::TextDisabled("test-set confusion, codes (rows: true class, columns: guess)");
  const float side = std::max(80.0f, std::min(width, ImGui::GetContentRegionAvail().y - 4.0f));
  confusion_matrix(features.codes().confusion, side, dataset);
}

}  // namespace bn_app
