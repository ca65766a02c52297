#include "app/session/session.h"

#include <iterator>
#include <new>

#include "core/io/safetensors.h"

namespace bn_app {

std::string error_text(const std::exception& error) {
  if (dynamic_cast<const std::bad_alloc*>(&error)) return "not enough memory";
  return error.what();
}

Session::Session(bool threaded) : training_(threaded) {}

// The trainer's thread stops before the data sets and the views it might still read go.
Session::~Session() { training_.stop(); }

const bn::Dataset* Session::test_set() const {
  return datasets_.has_current() ? datasets_.current_sets().test.get() : nullptr;
}

// [SECTION] Data sets and weights

void Session::receive_dataset(const std::string& id, const std::vector<uint8_t>& bytes) {
  try {
    if (datasets_.receive(id, bytes)) switch_to_dataset(id);
  } catch (const std::exception& e) {
    dataset_failed(id, error_text(e));
  }
}

void Session::dataset_failed(const std::string& id, const std::string& why) {
  const std::string message = datasets_.failed(id, why);
  if (message.empty()) return;
  if (ready()) notice_ = message;
  else datasets_.set_first_load_error(message);
}

void Session::receive_weights(const std::string& dataset, const std::string& kind, std::vector<uint8_t> bytes) {
  datasets_.receive_weights(dataset, kind, std::move(bytes));
  if (kind == "pca" && dataset == datasets_.current()) load_pca_baseline();
}

void Session::receive_anomalies(const std::string& name, const std::vector<uint8_t>& bytes) {
  try {
    datasets_.receive_anomalies(name, bytes);
  } catch (const std::exception& e) {
    notice_ = "Could not load the anomaly images: " + error_text(e);
  }
}

bool Session::choose_dataset(const std::string& id) {
  if (datasets_.choose(id)) return true;
  notice_ = "There is no data set called '" + id + "'.";
  return false;
}

// Trains on `id` from now on: a new trainer with the current preset's model pretrained on it
// (posted before the trainer first runs, so no untrained model is ever shown; the tab and the
// noise stay as the user left them), or the same kind of model, untrained, when it came from the
// editor. Throws (and changes nothing) if the trainer cannot be built.
void Session::switch_to_dataset(const std::string& id) {
  const bool first = !training_.started();
  const bn::ModelConfig config = first ? bn::ModelConfig{} : training_.config();
  training_.start(*datasets_.find(id), config);
  datasets_.switched_to(id);
  const std::string preset = pending_preset_.empty() ? preset_ : pending_preset_;
  const Preset* found = first ? nullptr : find_preset(preset);
  if (found && (datasets_.weights(id, bn::kind_name(found->kind)) || datasets_.all_weights_in(id))) {
    load_pretrained_model(found->kind);
    preset_ = preset;
    pending_preset_.clear();
  } else if (!first && !preset.empty()) {
    pending_preset_ = preset;  // its weights are still coming
  }
  load_pca_baseline();
  invalidate_views();
  pad_.forget_browsing();
  interpolation_.new_data();  // the far end: a test image of the new set
}

void Session::load_pca_baseline() {
  pca_.reset();
  rebuild_.invalidate();
  const std::vector<uint8_t>* weights = datasets_.weights(datasets_.current(), "pca");
  if (!weights) return;
  try {
    pca_ = bn::load_model_bytes(*weights, "pretrained " + datasets_.current() + " pca");
  } catch (const std::exception& e) {
    notice_ = "Could not load the PCA baseline: " + error_text(e);
  }
}

// [SECTION] Presets

// Puts `kind`'s pretrained model into the trainer (or, without weights, a fresh one) and says why
// in the notice when it could not.
void Session::load_pretrained_model(bn::ModelKind kind) {
  const std::string name = bn::kind_name(kind);
  const std::string& dataset = datasets_.current();
  notice_.clear();
  try {
    if (const std::vector<uint8_t>* weights = datasets_.weights(dataset, name)) {
      auto model = bn::load_model_bytes(*weights, "pretrained " + dataset + " " + name);
      training_.post_model(model->config(), model->parameters().values());
      return;
    }
    bn::ModelConfig config;
    config.kind = kind;
    if (kind == bn::ModelKind::kDenoising) config.noise = bn::typical_noise(bn::NoiseType::kGaussian);
    if (kind == bn::ModelKind::kVae) config.latent = 2;
    training_.post_model(config);
    notice_ = "No pretrained weights for this preset were downloaded: its model starts untrained.";
  } catch (const std::exception& e) {
    notice_ = "Could not load the pretrained model: " + error_text(e);
  }
}

bool Session::select_preset(const std::string& name) {
  const Preset* preset = find_preset(name);
  if (!preset) {
    notice_ = "There is no preset called '" + name + "'.";
    return false;
  }
  if (!ready()) {  // the data is still loading: apply it as soon as it is in
    pending_preset_ = name;
    return true;
  }
  load_pretrained_model(preset->kind);
  preset_ = name;
  pending_preset_.clear();
  anomaly_.reset_threshold();
  set_noise(preset->noise);
  show_tab(preset->tab);
  return true;
}

void Session::load_pretrained() {
  if (const Preset* preset = find_preset(preset_)) load_pretrained_model(preset->kind);
}

// The default preset waits (briefly) for its weights, so a first visit starts pretrained.
void Session::apply_pending_preset() {
  if (pending_preset_.empty()) return;
  const Preset* preset = find_preset(pending_preset_);
  const std::string& dataset = datasets_.current();
  const bool weights_in = preset && datasets_.weights(dataset, bn::kind_name(preset->kind));
  if (weights_in || datasets_.all_weights_in(dataset)) select_preset(pending_preset_);
}

void Session::build_model(const bn::ModelConfig& config) {
  bn::validate(config);
  training_.post_model(config);
  preset_.clear();  // the pretrained weights of a preset no longer apply
}

void Session::cycle_noise() {
  // None -> Gaussian -> salt & pepper -> block -> blur -> none, each at its typical level.
  static const bn::NoiseType kCycle[] = {bn::NoiseType::kNone, bn::NoiseType::kGaussian, bn::NoiseType::kSaltPepper,
                                         bn::NoiseType::kMaskBlock, bn::NoiseType::kBlur};
  size_t next = 0;
  for (size_t i = 0; i < std::size(kCycle); ++i)
    if (kCycle[i] == rebuild_.noise().type) next = (i + 1) % std::size(kCycle);
  set_noise(bn::typical_noise(kCycle[next]));
}

void Session::show_tab(SideTab tab) {
  open_tab_ = tab;
  ++tab_requests_;
}

// [SECTION] The frame

// Every tab's view belongs to another data set or model: recomputed at the next refresh, without
// waiting out its throttle.
void Session::invalidate_views() {
  grid_.invalidate();
  latent_.invalidate();
  samples_.invalidate();
  interpolation_.invalidate();
  anomaly_.invalidate();
  features_.invalidate();
  compression_.invalidate();
  rebuild_.invalidate();
}

void Session::update(double now, float frame_ms) {
  if (!ready()) return;
  if (const auto id = datasets_.pending_switch()) {
    try {
      switch_to_dataset(*id);
    } catch (const std::exception& e) {
      dataset_failed(*id, error_text(e));
    }
  }
  const Training::Changes changes = training_.update(now, frame_ms);
  // A different model is not training progress: the views must not wait out their throttle.
  if (changes.model) invalidate_views();
  apply_pending_preset();
  // A posted model the trainer has not swapped in yet (in mt, it does so on its own thread a
  // moment later): anything computed now would be of, and sized for, the old one. A preset click
  // from the conv model to the Anomaly tab once ran 2,000 conv reconstructions.
  if (!training_.settled()) return;
  rebuild_.update(pad_, training_.viewer(), training_.weights_revision(), pca_.get());
  try {
    refresh_open_tab(now);
  } catch (const std::bad_alloc&) {
    // The tab keeps what it showed; it tries again when the weights change.
    out_of_memory_revision_ = training_.weights_revision();
    notice_ = std::string("Not enough memory for the ") + tab_name(open_tab_) +
              " tab's view of this model: it shows the last one it could compute.";
  }
}

// Only the open tab's view is kept up to date: the others cost nothing until they are looked at.
void Session::refresh_open_tab(double now) {
  if (out_of_memory_revision_ == training_.weights_revision()) return;
  const LoadedDataset& data = datasets_.current_sets();
  const auto anomalies = datasets_.anomalies();
  const ViewInputs in{training_.viewer(),
                      training_.weights_revision(),
                      training_.config(),
                      training_.snapshot().training,
                      *data.train,
                      *data.test,
                      anomalies.get(),
                      pca_.get(),
                      pad_,
                      rebuild_,
                      now};
  switch (open_tab_) {
    case SideTab::kTraining: return grid_.refresh(in);
    case SideTab::kLatent: return latent_.refresh(in);
    case SideTab::kGenerate: samples_.refresh(in); return interpolation_.refresh(in);
    case SideTab::kAnomaly: return anomaly_.refresh(in);
    case SideTab::kFeatures: return features_.refresh(in);
    case SideTab::kCompression: return compression_.refresh(in);
  }
}

// [SECTION] The automation state

void Session::describe(StateWriter& out) const {
  out.flag("ready", ready());
  out.text("preset", preset_);
  out.text("notice", notice_);
  out.begin_array("panels");
  for (const char* panel : {"Draw", "Reconstruction", "Noise", tab_name(open_tab_)}) out.text(nullptr, panel);
  out.end_array();
  datasets_.describe(out);
  out.number("testImages", test_set() ? test_set()->count() : 0);
  const auto other = anomalies();
  if (other) out.text("anomalyImages", other->name);
  else out.null("anomalyImages");
  training_.describe(out);
  rebuild_.describe(out);
  out.begin_object("generate");
  samples_.describe(out);
  interpolation_.describe(out);
  out.end_object();
  out.begin_object("latentView");
  latent_.describe(out);
  out.end_object();
  out.begin_object("probe");
  // The probes count as current only for the weights the model has now: not the last ones, and not
  // a model about to be replaced (a preset's, posted but not yet swapped in).
  features_.describe(out, ready() && training_.settled() ? training_.weights_revision() : 0);
  out.end_object();
  out.begin_array("compression");
  compression_.describe(out);
  out.end_array();
  if (anomaly_.scored()) {
    out.begin_object("anomaly");
    anomaly_.describe(out);
    out.end_object();
  } else {
    out.null("anomaly");
  }
}

}  // namespace bn_app
