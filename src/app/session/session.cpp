#include "app/session/session.h"

#include <iterator>
#include <new>
#include <stdexcept>

#include "core/io/safetensors.h"
#include "core/models/memory_estimate.h"

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

void Session::receive_test_images(const std::string& id, const std::vector<uint8_t>& bytes) {
  try {
    if (datasets_.receive_test(id, bytes)) switch_to_dataset(id);
  } catch (const std::exception& e) {
    dataset_failed(id, error_text(e));
  }
}

// The trainer takes them at the next update, once the model it was handed last is in place.
void Session::receive_training_images(const std::string& id, const std::vector<uint8_t>& bytes) {
  try {
    datasets_.receive_train(id, bytes);
  } catch (const std::exception& e) {
    dataset_failed(id, error_text(e));
  }
}

void Session::download_trouble(const std::string& message) {
  // "" once the download came after all: its message goes, unless another has replaced it.
  if (message.empty()) {
    if (started() && notice_ == trouble_) notice_.clear();
    if (datasets_.first_load().error == trouble_) datasets_.set_first_load_error("");
  } else if (started()) {
    notice_ = message;
  } else {
    datasets_.set_first_load_error(message);
  }
  trouble_ = message;
}

void Session::want_preset_weights(const std::string& dataset, const Preset& preset) {
  datasets_.want_weights(dataset, bn::kind_name(preset.kind));
  datasets_.want_weights(dataset, "pca");  // the baseline the Reconstruction panel compares with
}

bool Session::preset_weights_settled(const std::string& dataset, const Preset& preset) const {
  return datasets_.weights_settled(dataset, bn::kind_name(preset.kind));
}

void Session::dataset_failed(const std::string& id, const std::string& why) {
  const std::string message = datasets_.failed(id, why);
  // A link's data set that cannot be had: the rest of the link applies to the one there is, or to
  // MNIST on a first visit, and the link's note says so.
  if (pending_link_ && pending_link_->settings.dataset == id && id != kDatasets[0].id) {
    const std::string instead = datasets_.has_current() ? datasets_.current() : kDatasets[0].id;
    pending_link_->settings.dataset = instead;
    datasets_.choose(instead);
    std::string& note = pending_link_->ignored;
    const std::string loading = std::string(" Loading ") + dataset_or_default(instead).title + " instead.";
    note += (note.empty() ? "" : " ") + message + (started() ? "" : loading);
    return;
  }
  if (message.empty()) return;
  if (started()) notice_ = message;
  else datasets_.set_first_load_error(message);
}

void Session::receive_own_images(const bn::OwnImages& images) {
  try {
    datasets_.receive_own(images.build(), images.report());
    switch_to_dataset(kOwnDataset);
    const LoadedDataset& own = datasets_.current_sets();
    notice_ = "Your images: " + images.report() + ". " + std::to_string(own.train->count()) + " to train on, " +
              std::to_string(own.test->count()) + " to test; the model starts untrained.";
  } catch (const std::exception& e) {
    const std::string still = started() ? " Still training on " + std::string(dataset().title) + "." : "";
    notice_ = "Could not use your files: " + error_text(e) + "." + still;
  }
}

void Session::receive_weights(const std::string& dataset, const std::string& kind, std::vector<uint8_t> bytes) {
  datasets_.receive_weights(dataset, kind, std::move(bytes));
  if (kind == "pca" && dataset == datasets_.current()) load_pca_baseline();
}

void Session::weights_failed(const std::string& dataset, const std::string& kind) {
  datasets_.weights_failed(dataset, kind);
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
  const DatasetInfo* info = find_dataset(id);
  notice_ = info && info->own ? "There are no images of yours yet: drop pictures, a folder, a zip or a CSV on the page."
                              : "There is no data set called '" + id + "'.";
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
  if (found) want_preset_weights(id, *found);
  if (found && preset_weights_settled(id, *found)) {
    apply_preset_model(*found);
  } else if (!first && !preset.empty()) {
    pending_preset_ = preset;  // its weights are still coming: its model, not its noise or tab
    pending_preset_model_only_ = true;
  }
  load_pca_baseline();
  invalidate_views();
  // A test image (or an empty pad) gives way to one of the new set's: a first visit, a link, an
  // embed and a lesson link open on a test digit rather than an empty pad whose noise the model
  // turns into a ghost, and after your pictures come in the pad shows one of them, not MNIST's 0.
  // A drawing of the user's own stays.
  const bool browsing = pad_.empty() || pad_.shown_test_image() >= 0;
  pad_.forget_browsing();
  if (browsing) pad_.browse(*datasets_.current_sets().test, 1);
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
      // A file's config is checked against the budget before its model is built, as a link's is.
      const std::string refusal = memory_refusal(bn::read_config(*weights, "pretrained " + dataset + " " + name));
      if (!refusal.empty()) {
        notice_ = refusal + " The current model stays.";
        return;
      }
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
  pending_link_.reset();  // the user's click wins over a link still waiting for its data
  // Its weights are fetched now, if they are not in: it applies once they are (or will not come).
  const std::string& dataset = started() ? datasets_.current() : datasets_.wanted();
  want_preset_weights(dataset, *preset);
  if (!started() || !preset_weights_settled(dataset, *preset)) {
    pending_preset_ = name;
    pending_preset_model_only_ = false;  // a click: its noise and tab too
    return true;
  }
  load_pretrained_model(preset->kind);
  preset_ = name;
  pending_preset_.clear();
  pending_preset_model_only_ = false;
  chosen_ = true;
  anomaly_.reset_threshold();
  set_noise(preset->noise);
  show_tab(preset->tab);
  return true;
}

bool Session::preset_pretrained() const {
  const Preset* preset = find_preset(preset_);
  return preset && datasets_.has_current() && datasets_.weights(datasets_.current(), bn::kind_name(preset->kind));
}

void Session::load_pretrained() {
  if (const Preset* preset = find_preset(preset_)) load_pretrained_model(preset->kind);
}

// The default preset waits (briefly) for its weights, so a first visit starts pretrained.
void Session::apply_pending_preset() {
  if (pending_preset_.empty()) return;
  const Preset* preset = find_preset(pending_preset_);
  if (preset && !preset_weights_settled(datasets_.current(), *preset)) return;
  if (preset && pending_preset_model_only_) apply_preset_model(*preset);  // the noise and tab stay
  else select_preset(pending_preset_);
}

// A preset's pretrained model on the new data set, and nothing else: the user's noise and tab stay.
void Session::apply_preset_model(const Preset& preset) {
  load_pretrained_model(preset.kind);
  preset_ = preset.name;
  pending_preset_.clear();
  pending_preset_model_only_ = false;
}

void Session::build_model(const bn::ModelConfig& config) {
  bn::validate(config);
  const std::string refusal = memory_refusal(config);
  if (!refusal.empty()) throw std::invalid_argument(refusal + " The current model stays.");
  pending_link_.reset();
  training_.post_model(config);
  chosen_ = true;
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

// [SECTION] Model files

std::vector<uint8_t> Session::model_file() {
  const bn::TrainingSnapshot& snapshot = training_.snapshot();
  const std::string trained = datasets_.current() + ", " + std::to_string(snapshot.metrics.step) + " steps";
  return bn::encode_safetensors(training_.viewer(), bn::WeightType::kF32, {{"bottleneck.trained", trained}});
}

std::string Session::model_file_name() const {
  const bn::ModelConfig& config = training_.config();
  return "bottleneck-" + datasets_.current() + "-" + bn::kind_name(config.kind) + "-" + std::to_string(config.latent) +
         "-step" + std::to_string(training_.snapshot().metrics.step) + ".safetensors";
}

bool Session::load_model_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string file = name.empty() ? "the file" : name;
  std::string assumed;
  try {
    const bn::FileConfig file_config = bn::read_file_config(bytes, file);
    const bn::ModelConfig& config = file_config.config;
    assumed = file_config.assumed;
    if (config.image_side != kPadSide)
      throw std::invalid_argument("its model is for " + std::to_string(config.image_side) + "x" +
                                  std::to_string(config.image_side) + " images; the playground's are 28x28");
    if (config.kind == bn::ModelKind::kPca)
      throw std::invalid_argument("it is a PCA baseline, which is fitted, not trained");
    const std::string refusal = memory_refusal(config);
    if (!refusal.empty()) throw std::invalid_argument(refusal);
    auto model = bn::load_model_bytes(bytes, file);
    training_.post_model(model->config(), model->parameters().values());
  } catch (const std::exception& e) {
    // The core's messages name the file first: it is named once here.
    std::string why = error_text(e);
    if (why.rfind(file + ": ", 0) == 0) why.erase(0, file.size() + 2);
    if (!why.empty() && why.back() == '.') why.pop_back();
    notice_ = "Could not load " + file + ": " + why + ". The current model stays.";
    return false;
  }
  pending_link_.reset();
  chosen_ = true;
  preset_.clear();
  anomaly_.reset_threshold();
  notice_ = "Loaded " + file + ": " + bn::describe(training_.latest_config()) + ".";
  // A PyTorch state dict without our config: say what its shapes could not.
  if (!assumed.empty())
    notice_ += " It has no Bottleneck config, so its shapes gave the model; assumed: " + assumed + ".";
  return true;
}

// [SECTION] Links and the memory budget

std::string Session::memory_refusal(const bn::ModelConfig& config) const {
  const bn::MemoryEstimate estimate = bn::estimate_memory(config);
  const uint64_t views = 2 * estimate.parameters;
  if (estimate.total() + views <= memory_budget_) return "";
  return "Not enough memory for " + bn::describe(config) + ": it needs about " +
         bn::format_bytes(estimate.total() + views) + " (" + bn::describe(estimate, config) +
         ", two copies of the weights for the views " + bn::format_bytes(views) + "), and this page has " +
         bn::format_bytes(memory_budget_) + " for a model.";
}

void Session::fill_settings(Settings& settings) const {
  if (pending_link_) {
    const Settings& link = pending_link_->settings;
    settings.preset = link.preset;
    settings.dataset = link.dataset;
    settings.model = link.model;
    settings.noise = link.noise;
    settings.tab = link.tab;
    return;
  }
  settings.preset = pending_preset_.empty() ? preset_ : pending_preset_;
  settings.dataset = datasets_.wanted();
  if (started()) settings.model = training_.latest_config();
  settings.noise = rebuild_.noise();
  settings.tab = open_tab_;
}

bool Session::settled() const {
  return started() && !pending_link_ && pending_preset_.empty() && !datasets_.pending_switch() && training_.settled();
}

void Session::apply_settings(const Settings& settings, bool model_given, const std::string& ignored) {
  pending_link_ = PendingLink{settings, model_given, ignored};
  pending_preset_.clear();  // a first visit's preset: the link says what to show instead
  const DatasetInfo* dataset = find_dataset(settings.dataset);
  if (dataset && dataset->own && !datasets_.find(dataset->id)) {
    const std::string instead = datasets_.has_current() ? datasets_.current() : kDatasets[0].id;
    pending_link_->settings.dataset = instead;
    std::string& note = pending_link_->ignored;
    note += std::string(note.empty() ? "" : " ") +
            "Your images stay in the browser they were dropped on: this link shows " +
            dataset_or_default(instead).title + ".";
  }
  datasets_.choose(pending_link_->settings.dataset);
  apply_pending_link();
}

std::optional<bn::ModelConfig> Session::pretrained_config(bn::ModelKind kind) const {
  const std::vector<uint8_t>* weights = datasets_.weights(datasets_.current(), bn::kind_name(kind));
  if (!weights) return std::nullopt;
  try {
    return bn::read_config(*weights);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void Session::apply_pending_link() {
  if (!pending_link_) return;  // its weights are asked for by update (want_pending_weights)
  const Settings& wanted = pending_link_->settings;
  const std::string& dataset = wanted.dataset;
  const Preset* preset = find_preset(wanted.preset);
  if (!started() || datasets_.current() != dataset) return;
  if (preset && !preset_weights_settled(dataset, *preset)) return;
  if (pending_link_->model_given && !datasets_.weights_settled(dataset, bn::kind_name(wanted.model.kind))) return;
  const PendingLink link = std::move(*pending_link_);
  pending_link_.reset();
  std::string outcome = apply_link_model(link.settings, link.model_given);
  try {
    set_noise(link.settings.noise);
  } catch (const std::exception& e) {
    outcome += std::string(" The noise stays: ") + e.what();
  }
  show_tab(link.settings.tab);
  std::string notice;
  for (const std::string& part : {link.ignored, notice_, outcome})
    if (!part.empty()) notice += (notice.empty() ? "" : " ") + part;
  notice_ = notice;
}

// The link's model, and what the notice should say about it.
std::string Session::apply_link_model(const Settings& settings, bool model_given) {
  const bn::ModelConfig& model = settings.model;
  const Preset* preset = find_preset(settings.preset);
  // A hash edited on an open page (its noise, say) keeps the model and what it has learned.
  const bool same_model = !model_given || model == training_.latest_config();
  if (chosen_ && settings.preset == preset_ && same_model) return "";
  if (preset && (!model_given || pretrained_config(preset->kind) == model)) {
    select_preset(preset->name);  // its pretrained weights, or its notice when there are none
    return "";
  }
  if (pretrained_config(model.kind) == model) {
    load_pretrained_model(model.kind);
    preset_.clear();
    chosen_ = true;
    return "";
  }
  notice_.clear();
  std::string refusal = memory_refusal(model);
  if (refusal.empty()) {
    try {
      training_.post_model(model);
    } catch (const std::exception& e) {
      refusal = "Could not build the linked model: " + error_text(e) + ".";
    }
  }
  if (!refusal.empty()) {
    if (chosen_) return refusal + " The current model stays.";
    // A first visit has no model of its own yet: it gets a preset's.
    const std::string fallback = preset ? preset->name : kDefaultPreset;
    select_preset(fallback);
    return refusal + " The " + fallback + " preset is shown instead.";
  }
  chosen_ = true;
  preset_.clear();
  anomaly_.reset_threshold();
  return "Weights do not travel in links: this model starts untrained, from seed " + std::to_string(model.seed) + ".";
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

// Asked for as soon as something waits for them, before the data set is in: they download side by
// side with its test images. A link's: its preset's, and those of its model's kind, which decide
// whether its model is a pretrained one.
void Session::want_pending_weights() {
  if (pending_link_) {
    const Settings& wanted = pending_link_->settings;
    if (const Preset* preset = find_preset(wanted.preset)) want_preset_weights(wanted.dataset, *preset);
    if (pending_link_->model_given) datasets_.want_weights(wanted.dataset, bn::kind_name(wanted.model.kind));
  } else if (const Preset* preset = find_preset(pending_preset_)) {
    want_preset_weights(started() ? datasets_.current() : datasets_.wanted(), *preset);
  }
}

void Session::update(double now, float frame_ms) {
  want_pending_weights();
  if (!started()) return;
  if (const auto id = datasets_.pending_switch()) {
    try {
      switch_to_dataset(*id);
    } catch (const std::exception& e) {
      dataset_failed(*id, error_text(e));
    }
  }
  if (training_.waiting_for_train_set() && datasets_.current_sets().train_in)
    training_.take_train_set(datasets_.current_sets());
  const Training::Changes changes = training_.update(now, frame_ms);
  // A different model is not training progress: the views must not wait out their throttle.
  if (changes.model) invalidate_views();
  apply_pending_preset();
  apply_pending_link();
  // A posted model the trainer has not swapped in yet (in mt, it does so on its own thread a
  // moment later): anything computed now would be of, and sized for, the old one. A preset click
  // from the conv model to the Anomaly tab once ran 2,000 conv reconstructions.
  if (!training_.settled()) return;
  rebuild_.update(pad_, training_.viewer(), training_.weights_revision(), pca_.get());
  try {
    refresh_open_tab(now);
  } catch (const std::exception& e) {
    failed_view_ = FailedView{open_tab_, training_.weights_revision()};
    if (dynamic_cast<const std::bad_alloc*>(&e))
      notice_ = std::string("Not enough memory for the ") + tab_name(open_tab_) +
                " tab's view of this model: it shows the last one it could compute.";
    else
      notice_ = std::string("The ") + tab_name(open_tab_) + " tab cannot show this model: " + e.what() +
                ". It shows the last view it could compute.";
  }
}

bool Session::animating() const {
  return started() && open_tab_ == SideTab::kGenerate && training_.config().kind == bn::ModelKind::kVae &&
         interpolation_.animating();
}

void Session::report_failure(const std::exception& error) {
  notice_ = "Something went wrong (" + error_text(error) +
            "); the playground carries on. If it happens again, a reload starts afresh.";
}

void Session::run_drill(Drill drill) {
  if (drill_ != drill) return;
  drill_ = Drill::kNone;
  throw std::runtime_error(drill == Drill::kView ? "a view's drill failure" : "a frame's drill failure");
}

// Only the open tab's view is kept up to date: the others cost nothing until they are looked at.
void Session::refresh_open_tab(double now) {
  if (failed_view_ && failed_view_->tab == open_tab_ && failed_view_->weights_revision == training_.weights_revision())
    return;
  failed_view_.reset();
  run_drill(Drill::kView);
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
    // Its probes learn from training images: none until they are in.
    case SideTab::kFeatures: return data.train_in ? features_.refresh(in) : void();
    case SideTab::kCompression: return compression_.refresh(in);
  }
}

// [SECTION] The automation state

void Session::describe(StateWriter& out) const {
  // What a tutorial waits for: the model the URL asked for answers a stroke.
  out.flag("ready", started() && settled());
  out.flag("started", started());
  out.text("preset", preset_);
  out.text("notice", notice_);
  out.number("memoryBudget", static_cast<double>(memory_budget_));
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
  out.begin_object("grid");
  grid_.describe(out);
  out.end_object();
  out.begin_object("latentView");
  latent_.describe(out);
  out.end_object();
  out.begin_object("probe");
  // The probes count as current only for the weights the model has now: not the last ones, and not
  // a model about to be replaced (a preset's, posted but not yet swapped in).
  features_.describe(out, started() && training_.settled() ? training_.weights_revision() : 0);
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
