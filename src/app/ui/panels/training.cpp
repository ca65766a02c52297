#include <algorithm>
#include <cmath>
#include <string>

#include "app/panels/panels.h"
#include "app/widgets/loss_plot.h"

namespace bn_app {

namespace {

void loss_text(const char* label, float value) {
  if (std::isfinite(value))
    ImGui::Text("%s %.4f", label, value);
  else
    ImGui::Text("%s -", label);
}

// Sixteen test digits beside the model's current rebuild of them, refreshed as it trains.
void training_grid(AppState& state) {
  TrainingGrid& grid = state.grid;
  if (grid.originals.empty()) return;
  const int pixels = TrainingGrid::kSide * kPadSide;
  if (!state.grid_originals_texture) {
    state.grid_originals_texture = std::make_unique<DigitTexture>(pixels, pixels);
    state.grid_reconstructions_texture = std::make_unique<DigitTexture>(pixels, pixels);
  }
  if (grid.texture_revision != grid.revision) {
    state.grid_originals_texture->upload(grid.originals.data());
    state.grid_reconstructions_texture->upload(grid.reconstructions.data());
    grid.texture_revision = grid.revision;
  }
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float side = std::min((ImGui::GetContentRegionAvail().x - gap) / 2.0f, ImGui::GetFontSize() * 9.0f);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  ImGui::TextDisabled("16 test %s", current_dataset(state).items);
  state.grid_originals_texture->draw(ImVec2(side, side));
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("rebuilt now");
  state.grid_reconstructions_texture->draw(ImVec2(side, side));
  ImGui::EndGroup();
  const ImVec2 end = ImGui::GetItemRectMax();
  state.layout.training_grid = {start.x, start.y, end.x - start.x, end.y - start.y};
}

// What the model learns from: a choice between the data sets, with the download's progress while
// the wanted one comes in (the current one keeps training meanwhile).
void dataset_choice(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data:");
  for (const DatasetInfo& info : kDatasets) {
    ImGui::SameLine();
    const std::string label = std::string(info.title) + " " + info.items;
    if (ImGui::RadioButton(label.c_str(), state.dataset_wanted == info.id)) app_choose_dataset(state, info.id);
    state.layout.dataset_buttons[info.id] = last_item_rect();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Train on %s: the presets load models trained on them, and the other set's\n"
                        "test images become the anomalies",
                        info.items);
  }
  if (state.dataset_wanted != state.dataset) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading %.0f%%", 100.0f * state.dataset_progress);
  }
}

}  // namespace

void training_tab(AppState& state) {
  {
    if (!state.ready()) {
      ImGui::TextDisabled("The model is built once the data set has loaded.");
      return;
    }
    const bn::TrainingSnapshot& snapshot = *state.snapshot;
    const bn::TrainingMetrics& metrics = snapshot.metrics;
    const ImVec2 button(ImGui::CalcTextSize("Pause").x * 2.2f, 0.0f);

    if (ImGui::Button(snapshot.training ? "Pause###train" : "Train###train", button))
      state.trainer->post(bn::TrainerCommand::kToggle);
    state.layout.train_button = last_item_rect();
    ImGui::SameLine();
    if (ImGui::Button("Step", button)) state.trainer->post(bn::TrainerCommand::kStep);
    ImGui::SameLine();
    if (ImGui::Button("Reset", button)) state.trainer->post(bn::TrainerCommand::kReset);
    state.layout.reset_button = last_item_rect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again from random weights (the seed's)");
    ImGui::SameLine();
    ImGui::BeginDisabled(state.preset.empty());
    if (ImGui::Button("Load pretrained")) app_load_pretrained(state);
    state.layout.load_pretrained_button = last_item_rect();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("Back to this preset's pretrained weights");

    dataset_choice(state);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", bn::describe(*snapshot.config).c_str());
    ImGui::PopStyleColor();
    ImGui::Text("step %lld   epoch %d (%.0f%%)", static_cast<long long>(metrics.step), metrics.epoch + 1,
                100.0f * metrics.epoch_progress);
    const std::string train_label = "train loss (" + state.viewer->loss_unit() + ")";
    loss_text(train_label.c_str(), metrics.train_loss);
    loss_text("test loss", metrics.test_loss);
    if (metrics.samples_per_second > 0) ImGui::Text("%.0f images per second", metrics.samples_per_second);
    if (!snapshot.message.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
      ImGui::TextWrapped("%s", snapshot.message.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::Checkbox("log scale", &state.loss_log_scale);
    ImGui::SameLine();
    if (ImGui::Checkbox("slow motion", &state.slow_motion) && state.slow_motion)
      state.trainer->post(bn::TrainerCommand::kPause);
    state.layout.slow_motion_checkbox = last_item_rect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A few steps a second, to watch the reconstruction change");
    training_grid(state);
    const bool editing = ImGui::CollapsingHeader("New model: kind, layers, hyper-parameters");
    state.layout.editor_header = last_item_rect();
    if (editing) model_editor(state);
    ImVec2 plot = ImGui::GetContentRegionAvail();
    plot.y = std::max(120.0f, std::min(plot.y, plot.x * 0.75f));
    loss_plot("losses", metrics.train_curve, metrics.test_curve, plot, state.loss_log_scale);
  }
}

}  // namespace bn_app
