#include <algorithm>
#include <cmath>
#include <new>
#include <optional>
#include <string>

#include "app/ui/panels/panels.h"
#include "app/ui/widgets/loss_plot.h"

namespace bn_app {

namespace {

void loss_text(const char* label, float value) {
  if (std::isfinite(value)) ImGui::Text("%s %.4f", label, value);
  else ImGui::Text("%s -", label);
}

// Sixteen test digits (with the noise the model trains on) beside the model's current rebuild of
// them, refreshed as it trains.
void training_grid(const TrainingGridView& grid, const DatasetInfo& dataset, UiTools& tools) {
  if (grid.originals().empty()) return;
  const int pixels = TrainingGridView::kSide * kPadSide;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float side = std::min((ImGui::GetContentRegionAvail().x - gap) / 2.0f, ImGui::GetFontSize() * 9.0f);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  if (grid.with_noise()) ImGui::TextDisabled("test %s + its noise", dataset.items);
  else ImGui::TextDisabled("test %s", dataset.items);
  if (ImGui::IsItemHovered() && grid.with_noise())
    ImGui::SetTooltip("This model learns to clean up noisy %s: it is shown them with the noise it trains on.",
                      dataset.items);
  tools.textures.image("grid originals", pixels, pixels, grid.originals(), grid.revision()).draw(ImVec2(side, side));
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("rebuilt now");
  tools.textures.image("grid reconstructions", pixels, pixels, grid.reconstructions(), grid.revision())
      .draw(ImVec2(side, side));
  ImGui::EndGroup();
  const ImVec2 end = ImGui::GetItemRectMax();
  tools.probes.set("trainingGrid", {start.x, start.y, end.x - start.x, end.y - start.y});
}

// What the model learns from: a choice between the data sets, with the download's progress while
// the wanted one comes in (the current one keeps training meanwhile). The user's own images join
// the choice once dropped, with their split; "Your images..." asks for them where the platform can.
void dataset_choice(DatasetHub& datasets, Ui& ui) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data:");
  for (const DatasetInfo& info : kDatasets) {
    if (info.own && !datasets.find(info.id)) continue;
    const std::string label = info.own ? info.title : std::string(info.title) + " " + info.items;
    same_line_if_room(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                      ImGui::CalcTextSize(label.c_str()).x);
    if (ImGui::RadioButton(label.c_str(), datasets.wanted() == info.id)) datasets.choose(info.id);
    ui.probes.probe(std::string("datasetButtons.") + info.id);
    if (!ImGui::IsItemHovered()) continue;
    if (info.own)
      ImGui::SetTooltip(
          "Train on the images you brought: untrained models, and Fashion-MNIST's clothes as\n"
          "the anomalies");
    else
      ImGui::SetTooltip(
          "Train on %s: the presets load models trained on them, and the other set's\n"
          "test images become the anomalies",
          info.items);
  }
  if (datasets.wanted() != datasets.current()) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading %.0f%%", 100.0f * datasets.progress());
  }
  if (ui.open_own_files) {
    same_line_if_room(ImGui::CalcTextSize("Your images...").x + 2.0f * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button("Your images...")) ui.open_own_files();
    ui.probes.probe("ownImagesButton");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "PNG or JPEG pictures, a zip of them, or a CSV of 784 columns (or drop them, or a folder, on\n"
          "the page). Each becomes 28x28 as MNIST's digits were: grey, light ink on dark, centred.\n"
          "Put them in folders named 0 to 9 to label them.");
  }
  if (const LoadedDataset* own = datasets.find(kOwnDataset)) {
    ImGui::TextDisabled("Your images: %d to train on, %d to test", own->train->count(), own->test->count());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", datasets.own_report().c_str());
  }
}

// Train / Pause, Step, Reset, and back to the preset's pretrained weights (true when pressed).
bool training_buttons(Training& training, bool has_preset, WidgetProbes& probes) {
  const ImVec2 button(ImGui::CalcTextSize("Pause").x * 2.2f, 0.0f);
  // Pressed while the training images stream in, Train waits for them: Pause takes the press back.
  const bool training_on = training.snapshot().training || training.starts_when_in();
  if (ImGui::Button(training_on ? "Pause###train" : "Train###train", button))
    training.post(bn::TrainerCommand::kToggle);
  probes.probe("trainButton");
  same_line_if_room(button.x);
  if (ImGui::Button("Step", button)) training.post(bn::TrainerCommand::kStep);
  same_line_if_room(button.x);
  if (ImGui::Button("Reset", button)) training.post(bn::TrainerCommand::kReset);
  probes.probe("resetButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again from random weights (the seed's)");
  same_line_if_room(ImGui::CalcTextSize("Load pretrained").x + 2.0f * ImGui::GetStyle().FramePadding.x);
  ImGui::BeginDisabled(!has_preset);
  const bool load_pretrained = ImGui::Button("Load pretrained");
  probes.probe("loadPretrainedButton");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Back to this preset's pretrained weights");
  return load_pretrained;
}

// The model, where training is, and its losses.
void training_progress(const Training& training, int training_images) {
  const bn::TrainingSnapshot& snapshot = training.snapshot();
  const bn::TrainingMetrics& metrics = snapshot.metrics;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", bn::describe(*snapshot.config).c_str());
  ImGui::PopStyleColor();
  // Ten pictures of your own fit in one batch: every step is an epoch, and "(0%)" said nothing.
  if (training_images <= snapshot.config->batch_size)
    ImGui::Text("step %lld   epoch %d: each step sees all %d images", static_cast<long long>(metrics.step),
                metrics.epoch + 1, training_images);
  else
    ImGui::Text("step %lld   epoch %d (%.0f%%)", static_cast<long long>(metrics.step), metrics.epoch + 1,
                100.0f * metrics.epoch_progress);
  const std::string train_label = "train loss (" + training.viewer().loss_unit() + ")";
  loss_text(train_label.c_str(), metrics.train_loss);
  loss_text("test loss", metrics.test_loss);
  // What the user gets, per second of the clock; the steps' own pace, without the rests, the test
  // loss and the UI's share of the CPU, only in the tooltip.
  if (const double rate = training.images_per_second(); rate > 0) {
    ImGui::Text("%.0f images per second", rate);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Images trained per second of the clock. Inside the training steps alone: %.0f a second.",
                        metrics.samples_per_second);
  }
  if (!snapshot.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
    ImGui::TextWrapped("%s", snapshot.message.c_str());
    ImGui::PopStyleColor();
  }
}

// While the training images stream in (the playground started on the test images): how far they
// are, and that a press of Train waits for them.
void training_images_progress(const DatasetHub& datasets, const Training& training) {
  if (!training.waiting_for_train_set()) return;
  const float fraction = datasets.progress() < 1.0f ? datasets.progress() : 0.0f;
  const std::string label = "training images " + std::to_string(static_cast<int>(100.0f * fraction)) + "%";
  ImGui::ProgressBar(fraction, ImVec2(-FLT_MIN, 0.0f), label.c_str());
  ImGui::TextDisabled(training.starts_when_in() ? "Training starts when they are in."
                                                : "Train waits for them; drawing works now.");
}

// Download model / Load model: the model as a .safetensors file, out and in (where the platform can).
void model_file_buttons(Session& session, Ui& ui) {
  if (ui.save_file) {
    if (ImGui::Button("Download model")) ui.save_file(session.model_file_name(), session.model_file());
    ui.probes.probe("downloadModelButton");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "The model as a .safetensors file, as the CLI saves them: load it here again, in the CLI "
          "or in PyTorch");
    ImGui::SameLine();
  }
  if (ui.open_model_file) {
    if (ImGui::Button("Load model...")) ui.open_model_file();
    ui.probes.probe("loadModelButton");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("A .safetensors file from Download model or the CLI; or drop one on the page");
  }
}

void slow_motion_checkbox(Training& training, WidgetProbes& probes) {
  bool slow_motion = training.slow_motion();
  if (ImGui::Checkbox("slow motion", &slow_motion)) {
    training.set_slow_motion(slow_motion);
    if (slow_motion) training.post(bn::TrainerCommand::kPause);
  }
  probes.probe("slowMotionCheckbox");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A few steps a second, to watch the reconstruction change");
}

}  // namespace

void training_tab(Session& session, Ui& ui) {
  if (!session.started()) {
    ImGui::TextDisabled("The model is built once the data set has loaded.");
    return;
  }
  Training& training = session.training();
  WidgetProbes& probes = ui.probes;
  // controls=0 (a link's): the model trains on its own or not at all, as the page that embeds it chose.
  const bool controls = ui.state.mode.controls;
  if (controls && training_buttons(training, session.preset_pretrained(), probes)) session.load_pretrained();
  if (controls) model_file_buttons(session, ui);
  if (controls) dataset_choice(session.datasets(), ui);
  training_images_progress(session.datasets(), training);
  training_progress(training, session.datasets().current_sets().train->count());
  ImGui::Checkbox("log scale", &ui.state.loss_log_scale);
  if (controls) {
    ImGui::SameLine();
    slow_motion_checkbox(training, probes);
  }
  UiTools tools{ui.textures, probes};
  training_grid(session.grid(), session.dataset(), tools);
  const bool editing = controls && ImGui::CollapsingHeader("New model: kind, layers, hyper-parameters");
  if (controls) probes.probe("editorHeader");
  // The editor's Build: the session refuses what the core refuses, and the draft says why.
  if (const auto config = editing ? model_editor(training, ui.draft, tools) : std::nullopt) {
    try {
      session.build_model(*config);
      ui.draft.error.clear();
      ui.draft.edited = false;
    } catch (const std::bad_alloc&) {
      ui.draft.error = "not enough memory for this model: try fewer or narrower layers.";
    } catch (const std::exception& e) {
      ui.draft.error = e.what();
    }
  }
  const bn::TrainingMetrics& metrics = training.snapshot().metrics;
  ImVec2 plot = ImGui::GetContentRegionAvail();
  plot.y = std::max(120.0f, std::min(plot.y, plot.x * 0.75f));
  loss_plot("losses", metrics.train_curve, metrics.test_curve, plot, ui.state.loss_log_scale, controls);
}

}  // namespace bn_app
