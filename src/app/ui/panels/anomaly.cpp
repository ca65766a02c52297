#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

constexpr ImU32 kNormalColour = IM_COL32(78, 121, 167, 170);
constexpr ImU32 kAnomalyColour = IM_COL32(242, 142, 43, 170);
constexpr ImU32 kDrawingColour = IM_COL32(120, 230, 120, 255);
constexpr int kBins = 40;

int count_above(const std::vector<float>& scores, float threshold) {
  return static_cast<int>(std::count_if(scores.begin(), scores.end(), [&](float s) { return s > threshold; }));
}

// Two overlaid histograms over [0, high], the threshold and the drawing's score as lines.
void histograms(const AnomalyView& view, float high, ImVec2 size) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 far(origin.x + size.x, origin.y + size.y);
  draw->AddRectFilled(origin, far, IM_COL32(16, 20, 28, 255));
  auto bins = [&](const std::vector<float>& scores) {
    std::vector<int> counts(kBins, 0);
    for (float s : scores) ++counts[std::min(kBins - 1, static_cast<int>(s / high * kBins))];
    return counts;
  };
  const std::vector<int> normal = bins(view.normal_scores()), anomalous = bins(view.anomaly_scores());
  const int tallest =
      std::max(*std::max_element(normal.begin(), normal.end()), *std::max_element(anomalous.begin(), anomalous.end()));
  const float bar = size.x / kBins;
  for (int i = 0; i < kBins; ++i) {
    const float x = origin.x + i * bar;
    draw->AddRectFilled(ImVec2(x + 1, far.y - size.y * normal[i] / tallest), ImVec2(x + bar, far.y), kNormalColour);
    draw->AddRectFilled(ImVec2(x + 1, far.y - size.y * anomalous[i] / tallest), ImVec2(x + bar, far.y), kAnomalyColour);
  }
  auto vertical = [&](float score, ImU32 colour, float thickness) {
    const float x = origin.x + std::min(score / high, 1.0f) * size.x;
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, far.y), colour, thickness);
  };
  vertical(view.threshold(), IM_COL32(255, 255, 255, 255), 2.0f);
  if (view.has_drawing()) vertical(view.drawing_score(), kDrawingColour, 3.0f);
  draw->AddRect(origin, far, ImGui::GetColorU32(ImGuiCol_Border));
}

void roc_plot(const AnomalyView& view, float side) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(side, side));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(16, 20, 28, 255));
  draw->AddLine(ImVec2(origin.x, origin.y + side), ImVec2(origin.x + side, origin.y), IM_COL32(90, 90, 90, 255));
  std::vector<ImVec2> points;
  for (const bn::RocPoint& p : view.roc())
    points.push_back(ImVec2(origin.x + p.false_positive_rate * side, origin.y + (1.0f - p.true_positive_rate) * side));
  draw->AddPolyline(points.data(), static_cast<int>(points.size()), kAnomalyColour | IM_COL32_A_MASK, 0, 2.0f);
  // Where the threshold sits on the curve.
  const float fpr =
      static_cast<float>(count_above(view.normal_scores(), view.threshold())) / view.normal_scores().size();
  const float tpr =
      static_cast<float>(count_above(view.anomaly_scores(), view.threshold())) / view.anomaly_scores().size();
  draw->AddCircleFilled(ImVec2(origin.x + fpr * side, origin.y + (1.0f - tpr) * side), 4.0f,
                        IM_COL32(255, 255, 255, 255));
  draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
}

// What the colours mean.
// One entry a colour; the entries wrap onto the next line when the tab is narrow (at 1280x800 the
// last was cut to "green: your").
void legend(const AnomalyView& view, const DatasetInfo& normal, const DatasetInfo& anomalies) {
  const std::string normal_text = std::string(normal.items) + " (normal)";
  const std::string anomaly_text = std::string(anomalies.items) + " (anomalies)";
  struct Entry {
    const char* text;
    ImU32 colour;
  };
  std::vector<Entry> entries = {{normal_text.c_str(), kNormalColour | IM_COL32_A_MASK},
                                {anomaly_text.c_str(), kAnomalyColour | IM_COL32_A_MASK},
                                {"white: threshold", ImGui::GetColorU32(ImGuiCol_TextDisabled)}};
  if (view.has_drawing()) entries.push_back({"green: your drawing", kDrawingColour});
  bool first = true;
  for (const Entry& entry : entries) {
    if (!first) same_line_if_room(ImGui::CalcTextSize(entry.text).x);
    first = false;
    ImGui::PushStyleColor(ImGuiCol_Text, entry.colour);
    ImGui::TextUnformatted(entry.text);
    ImGui::PopStyleColor();
  }
}

// How many of each set the threshold calls normal and anomalous.
void confusion_table(const AnomalyView& view, const DatasetInfo& normal, const DatasetInfo& anomalies) {
  if (!ImGui::BeginTable("confusion", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TableSetupColumn("");
  ImGui::TableSetupColumn("called normal");
  ImGui::TableSetupColumn("called anomaly");
  ImGui::TableHeadersRow();
  struct Row {
    const char* what;
    const std::vector<float>& scores;
  };
  for (const Row& row : {Row{normal.items, view.normal_scores()}, Row{anomalies.items, view.anomaly_scores()}}) {
    const int flagged = count_above(row.scores, view.threshold());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.what);
    ImGui::TableNextColumn();
    ImGui::Text("%d", static_cast<int>(row.scores.size()) - flagged);
    ImGui::TableNextColumn();
    ImGui::Text("%d", flagged);
  }
  ImGui::EndTable();
}

void verdict(const AnomalyView& view, const DatasetInfo& normal) {
  if (!view.has_drawing()) {
    ImGui::TextDisabled("Draw something to score it.");
    return;
  }
  const bool anomalous = view.drawing_is_anomaly();
  ImGui::Text("Your drawing: error %.4f", view.drawing_score());
  ImGui::PushStyleColor(ImGuiCol_Text, anomalous ? ImVec4(1.0f, 0.6f, 0.3f, 1.0f) : ImVec4(0.5f, 0.9f, 0.5f, 1.0f));
  if (anomalous) ImGui::Text("Verdict: an anomaly, not like the %s it knows", normal.items);
  else ImGui::Text("Verdict: looks like a %s", normal.item);
  ImGui::PopStyleColor();
}

// Which images are the anomalies, once the user has images of their own: the other data set's,
// or theirs, scored against a model of MNIST or Fashion-MNIST.
void anomaly_source_choice(DatasetHub& datasets, WidgetProbes& probes) {
  if (!datasets.can_score_own()) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Anomalies:");
  const DatasetInfo& other = other_dataset(dataset_or_default(datasets.current()));
  ImGui::SameLine();
  const std::string label = std::string(other.title) + " " + other.items;
  if (ImGui::RadioButton(label.c_str(), !datasets.own_anomalies())) datasets.set_own_anomalies(false);
  probes.probe("anomalySource.other");
  ImGui::SameLine();
  if (ImGui::RadioButton("Your images", datasets.own_anomalies())) datasets.set_own_anomalies(true);
  probes.probe("anomalySource.yours");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Score the pictures you brought against this model");
}

}  // namespace

void anomaly_tab(AnomalyView& view, DatasetHub& datasets, UiTools& tools) {
  anomaly_source_choice(datasets, tools.probes);
  const bool anomalies_in = datasets.anomalies() != nullptr;
  if (!anomalies_in || !view.scored()) {
    ImGui::TextDisabled(anomalies_in ? "Scoring the test images..." : "The anomaly images are still loading.");
    return;
  }
  const DatasetInfo &normal = dataset_or_default(datasets.current()), &anomalies = datasets.anomaly_source();
  ImGui::TextWrapped("How badly the model rebuilds each image. It learned %s; %s are anomalies.", normal.items,
                     anomalies.items);
  legend(view, normal, anomalies);
  tools.probes.probe("anomalyLegendEnd");  // its last entry: tests check that nothing runs off the tab

  std::vector<float> all = view.anomaly_scores();
  std::sort(all.begin(), all.end());
  const float high = std::max(all[all.size() * 95 / 100], view.threshold() * 1.5f);
  const float width = ImGui::GetContentRegionAvail().x;
  histograms(view, high, ImVec2(width, ImGui::GetFontSize() * 7.0f));

  ImGui::SetNextItemWidth(width * 0.6f);
  float threshold = view.threshold();
  if (ImGui::SliderFloat("threshold", &threshold, 0.0f, high, "%.4f")) view.set_threshold(threshold);
  tools.probes.probe("thresholdSlider");

  const float side = std::min(ImGui::GetFontSize() * 9.0f, ImGui::GetContentRegionAvail().y - ImGui::GetFontSize() * 2);
  ImGui::BeginGroup();
  if (view.too_few_to_score()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(60.0f, side));
    ImGui::TextDisabled("No ROC: scoring takes %d test %s, and there are %d.", AnomalyView::kFewestToScore,
                        normal.items, static_cast<int>(view.normal_scores().size()));
    ImGui::PopTextWrapPos();
  } else {
    ImGui::TextDisabled("ROC (AUROC %.3f)", view.auroc());
    roc_plot(view, std::max(60.0f, side));
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  confusion_table(view, normal, anomalies);
  ImGui::Spacing();
  verdict(view, normal);
  ImGui::EndGroup();
}

}  // namespace bn_app
