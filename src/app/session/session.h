// The playground without its UI: the data sets, the model being trained, the drawing and its
// reconstruction, and each tab's computed view. Pure C++ over the core: no ImGui, GL, SDL or
// Emscripten, so it is tested natively and as WebAssembly under node (tests/app/).
//
// The UI (src/app/ui) reads the parts it draws and sends commands; the platform (src/app/platform)
// feeds it data sets and weights, and calls update once a frame with the time.
//
//   Session session(/*threaded=*/true);
//   session.receive_weights("mnist", "denoise", bytes);  // as the session asks (datasets().next_request())
//   session.receive_test_images("mnist", bytes);  // starts on them, with the default preset
//   session.receive_training_images("mnist", bytes);  // training can begin
//   session.update(now, frame_ms);               // once a frame
//   session.pad().stroke(BrushTool::kInk, 4, 4, 20, 20, 1.0f);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/session/dataset_catalog.h"
#include "app/session/dataset_hub.h"
#include "app/session/pad.h"
#include "app/session/presets.h"
#include "app/session/settings.h"
#include "app/session/tabs.h"
#include "app/session/training.h"
#include "app/session/views/anomaly.h"
#include "app/session/views/compression.h"
#include "app/session/views/features.h"
#include "app/session/views/interpolation.h"
#include "app/session/views/latent.h"
#include "app/session/views/samples.h"
#include "app/session/views/training_grid.h"
#include "core/data/own_images.h"

namespace bn_app {

// What went wrong, for a notice: "not enough memory" for std::bad_alloc, else what() says.
std::string error_text(const std::exception& error);

class Session {
 public:
  explicit Session(bool threaded);
  ~Session();

  // [the platform] Data sets and weights as they come in. Bad bytes never throw: before the
  // first data set is in they become the loading screen's error, later a notice.
  void receive_dataset(const std::string& id, const std::vector<uint8_t>& bytes);
  // The page's two parts of a data set: its test images (the playground starts on them), then its
  // training images (training waits for them).
  void receive_test_images(const std::string& id, const std::vector<uint8_t>& bytes);
  void receive_training_images(const std::string& id, const std::vector<uint8_t>& bytes);
  void dataset_failed(const std::string& id, const std::string& why);
  // A download that failed and will be tried again: the notice (or the loading screen) says so;
  // "" when it came after all, which takes that message away.
  void download_trouble(const std::string& message);
  void receive_weights(const std::string& dataset, const std::string& kind, std::vector<uint8_t> bytes);
  void weights_failed(const std::string& dataset, const std::string& kind);
  void weights_done(const std::string& dataset) { datasets_.weights_done(dataset); }
  void receive_anomalies(const std::string& name, const std::vector<uint8_t>& bytes);
  DatasetHub& datasets() { return datasets_; }
  const DatasetHub& datasets() const { return datasets_; }

  // Once a frame, at `now` seconds: a switch to a data set that came in, training, the newest
  // weights, the pad's reconstruction and the open tab's view. `frame_ms` is the recent median
  // frame time, which the threaded trainer's rest follows.
  void update(double now, float frame_ms);
  // Something on screen moves by itself (the interpolation's walk): the UI draws every frame.
  bool animating() const;
  // Training has started on a data set: the model, the pad and the views can be read.
  bool started() const { return training_.started(); }

  // [commands] Each returns false (and sets the notice) for a name it does not know.
  // A preset: its pretrained model, its noise, its tab. Before the data is in, it waits.
  bool select_preset(const std::string& name);
  // Back to the current preset's pretrained weights, keeping the noise and the open tab.
  void load_pretrained();
  // The Training tab's data set: asks the platform for it, or switches at the next update.
  bool choose_dataset(const std::string& id);
  // The model editor's model, untrained. Throws std::invalid_argument for a config the core refuses
  // or one over the memory budget.
  void build_model(const bn::ModelConfig& config);
  // Throws std::invalid_argument for a level the noise type does not allow.
  void set_noise(const bn::Noise& noise) { rebuild_.set_noise(noise); }
  // The `n` key: the next noise type, at a level that shows what it does.
  void cycle_noise();
  // Shows a tab (a preset's, a link's, a lesson's); tab_requests() counts these.
  void show_tab(SideTab tab);
  // The user opened a tab with a click.
  void look_at(SideTab tab) { open_tab_ = tab; }
  SideTab open_tab() const { return open_tab_; }
  uint64_t tab_requests() const { return tab_requests_; }

  // [links] The session's part of a link's Settings: preset, data set, model, noise and open tab.
  // Before the first data set and preset are in (or while a link waits), what they will be.
  void fill_settings(Settings& settings) const;
  // The session is where its commands put it: no link or preset waits for data or weights, and
  // the trainer has the model last handed to it. Until then fill_settings may not be the truth.
  bool settled() const;
  // Puts the session where a link says, as soon as the link's data set and its weights are in:
  // the named preset, with its pretrained weights, when the link names no model or the preset's
  // own; a preset's pretrained weights when the model is one; else the link's model, untrained
  // from its seed, or (over the memory budget) the current model. Then the link's noise and tab.
  // `ignored` (what parse_settings left out) goes into the notice with what happened.
  void apply_settings(const Settings& settings, bool model_given, const std::string& ignored = "");

  // [files] The model as a .safetensors file, the CLI's format (of the newest snapshot's weights),
  // and a name for it: "bottleneck-mnist-vae-2-step1200.safetensors".
  std::vector<uint8_t> model_file();
  std::string model_file_name() const;
  // A model file in place of the current model, its own config and all (after the memory check).
  // False, with the reason in the notice, for a file that cannot be used: the current model stays.
  bool load_model_file(const std::string& name, const std::vector<uint8_t>& bytes);

  // The user's own images (gathered file by file by the platform) as the data set "yours", trained
  // on at once, with what came in and what was skipped in the notice. With fewer than two usable
  // images the notice says why, and the current data set stays.
  void receive_own_images(const bn::OwnImages& images);

  // [memory] What a model may take, in bytes: its training (bn::estimate_memory) and the two
  // copies of its weights the views hold. The platform sets it to fit its heap.
  void set_memory_budget(uint64_t bytes) { memory_budget_ = bytes; }
  uint64_t memory_budget() const { return memory_budget_; }
  // Why `config` does not fit the budget, with the numbers; "" when it fits.
  std::string memory_refusal(const bn::ModelConfig& config) const;

  // [parts] The UI draws these.
  Training& training() { return training_; }
  const Training& training() const { return training_; }
  DrawingPad& pad() { return pad_; }
  const DrawingPad& pad() const { return pad_; }
  PadReconstruction& rebuild() { return rebuild_; }
  const PadReconstruction& rebuild() const { return rebuild_; }
  TrainingGridView& grid() { return grid_; }
  LatentView& latent() { return latent_; }
  const LatentView& latent() const { return latent_; }
  SamplesView& samples() { return samples_; }
  const SamplesView& samples() const { return samples_; }
  InterpolationView& interpolation() { return interpolation_; }
  const InterpolationView& interpolation() const { return interpolation_; }
  AnomalyView& anomaly() { return anomaly_; }
  const AnomalyView& anomaly() const { return anomaly_; }
  FeaturesView& features() { return features_; }
  const FeaturesView& features() const { return features_; }
  const CompressionView& compression() const { return compression_; }
  // The pretrained PCA-32 baseline of the current data set; null without one.
  bn::Model* pca() { return pca_.get(); }
  const bn::Model* pca() const { return pca_.get(); }
  // The data set trained on, and its test split (null before the first is in).
  const DatasetInfo& dataset() const { return dataset_or_default(datasets_.current()); }
  const bn::Dataset* test_set() const;
  std::shared_ptr<const bn::Dataset> anomalies() const { return datasets_.anomalies(); }

  const std::string& preset() const { return preset_; }  // the one last applied ("" before the first)
  // The preset's pretrained weights for this data set are in: its button is lit and Load
  // pretrained goes back to them. Not on your own images, which have none (its model starts untrained).
  bool preset_pretrained() const;
  // A one-line message under the header, e.g. an error.
  const std::string& notice() const { return notice_; }
  void set_notice(const std::string& text) { notice_ = text; }
  // An exception that reached the edge of a frame or of a page call: the notice says so, and the
  // playground carries on (a C++ exception that reached the page stopped the app for good).
  void report_failure(const std::exception& error);

  // Tests force the failures no ordinary input reaches (page_api.cpp: injectFailure), to check
  // that each edge catches them: the next view refresh, or the next frame's interface, throws.
  enum class Drill { kNone, kView, kFrame };
  void set_drill(Drill drill) { drill_ = drill; }
  // Throws the drill's exception if `drill` is the one set (once).
  void run_drill(Drill drill);

  // Every part's report for the automation state (see StateWriter), but the drawing's, which the
  // UI completes with its brush: ready, preset, notice, panels, the data sets, the model, the
  // noise and PSNR, and each tab's view.
  void describe(StateWriter& out) const;

 private:
  void switch_to_dataset(const std::string& id);
  void load_pretrained_model(bn::ModelKind kind);
  void want_preset_weights(const std::string& dataset, const Preset& preset);
  void apply_preset_model(const Preset& preset);
  bool preset_weights_settled(const std::string& dataset, const Preset& preset) const;
  void load_pca_baseline();
  void apply_pending_preset();
  void apply_pending_link();
  void want_pending_weights();
  std::optional<bn::ModelConfig> pretrained_config(bn::ModelKind kind) const;
  std::string apply_link_model(const Settings& settings, bool model_given);
  void invalidate_views();
  void refresh_open_tab(double now);

  DatasetHub datasets_;
  Training training_;
  std::unique_ptr<bn::Model> pca_;
  DrawingPad pad_;
  PadReconstruction rebuild_;
  TrainingGridView grid_;
  LatentView latent_;
  SamplesView samples_;
  InterpolationView interpolation_;
  AnomalyView anomaly_;
  FeaturesView features_;
  CompressionView compression_;
  std::string preset_;
  std::string pending_preset_ = kDefaultPreset;  // applied once the data (and its weights) are in
  bool pending_preset_model_only_ = false;       // a data set switch's: the noise and tab stay
  std::string notice_;
  std::string trouble_;  // the last download_trouble message
  // A link's settings, waiting for their data set and its weights.
  struct PendingLink {
    Settings settings;
    bool model_given = false;
    std::string ignored;
  };
  std::optional<PendingLink> pending_link_;
  uint64_t memory_budget_ = uint64_t{4} << 30;
  bool chosen_ = false;  // a preset or a model has been applied: a refused link keeps it
  SideTab open_tab_ = SideTab::kTraining;
  uint64_t tab_requests_ = 0;
  // The tab whose view could not be computed for these weights (out of memory, or it threw): it
  // keeps what it showed, and tries again when the weights or the tab change.
  struct FailedView {
    SideTab tab;
    uint64_t weights_revision;
  };
  std::optional<FailedView> failed_view_;
  Drill drill_ = Drill::kNone;
};

}  // namespace bn_app
