// The playground page's API: every Embind export of the page, in one file, over the session and
// the UI (src/app). web/loader.js wraps them as web/loader.js wraps them as
// `window.bottleneck`, which tests (and curious users, from the console) drive:
//
//   receiveDataset(id, Uint8Array)     a data set the page downloaded ("mnist": <id>10k.bnds)
//   datasetFailed(id, why)             the page could not download the data set the app asked for
//   receiveWeights(dataset, kind, Uint8Array)  pretrained weights (safetensors) for one kind of model
//   weightsDone(dataset)               every weights file for the data set the page could get is in
//   setLoadProgress(fraction)          download progress, shown in the UI
// and the app calls Module.requestDataset(id) when the Training tab asks for another data set.
//   automationState()                  { build, threads, ready, training, step, epoch, trainLoss,
//                                        fps, frame (frames drawn so far),
//                                        frameMs: {median, p95, count}, workMs (the same
//                                        for the main thread's share of each frame),
//                                        testLoss, fps, message, loadError, panels, preset,
//                                        modelKind, latent, noise: {type, level},
//                                        psnr: {noisy, output}, notice, helpOpen,
//                                        anomaly: {auroc, threshold, score, verdict} | null,
//                                        probe: {labels, done, current, codes, pixels},
//                                        compression: [{format, kind, bytes, modelPsnr, pcaPsnr}] }
//   receiveAnomalies(name, Uint8Array) the anomaly images (.bnds) for the Anomaly tab
//   selectPreset(name)                 as a click on its button; false for an unknown name
//   setNoise(type, level)              "" on success, else why the setting was refused
//   drawPad(), reconstruction()        784 values each, in [0, 1]
//   samples()                          the Generate tab's sample grid, (6·28)² values
//   heldDigit(), interpolationStrip()  the decoded held code (784), the interpolation (28 × 8·28)
//   layout()                           where the pad and the buttons are, in CSS pixels: every
//                                      widget the panels probe (WidgetProbes), by name
//   setPenPressure(p)                  the pen's pressure in (0, 1] from the page's pointer events
//   pretrainedKinds()                  the weights files each data set ships with
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/platform/web_app.h"
#include "core/parallel/thread_pool.h"
#include "imgui.h"

namespace {

using emscripten::val;
using bn_app::Session;
using bn_app::Ui;

Session& session() { return bn_app::web_app().session(); }
Ui& ui() { return bn_app::web_app().ui(); }

// [SECTION] Conversions

val number_or_null(double value) { return std::isfinite(value) ? val(value) : val::null(); }

// The median and the 95th percentile of recent times, in ms (null before the first).
val percentiles(const bn_app::TimeHistory& history) {
  const bn_app::TimeHistory::Summary summary = history.summary();
  val out = val::object();
  out.set("median", summary.count == 0 ? val::null() : val(summary.median));
  out.set("p95", summary.count == 0 ? val::null() : val(summary.p95));
  out.set("count", static_cast<int>(summary.count));
  return out;
}

val copy_to_js(const std::vector<float>& values) {
  // A view into the wasm heap, copied so the caller keeps a stable array.
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}

val pair_to_js(double a, double b) {
  val out = val::array();
  out.call<void>("push", a);
  out.call<void>("push", b);
  return out;
}

std::vector<uint8_t> to_bytes(val bytes) { return emscripten::convertJSArrayToNumberVector<uint8_t>(bytes); }

// [SECTION] The data set handshake (web/loader.js answers Module.requestDataset)

void receive_dataset(std::string id, val bytes) { session().receive_dataset(id, to_bytes(bytes)); }
void dataset_failed(std::string id, std::string why) { session().dataset_failed(id, why); }
void receive_weights(std::string dataset, std::string kind, val bytes) {
  session().receive_weights(dataset, kind, to_bytes(bytes));
}
void weights_done(std::string dataset) { session().weights_done(dataset); }
void receive_anomalies(std::string name, val bytes) { session().receive_anomalies(name, to_bytes(bytes)); }
// The download of the data set being fetched: the first one's fills the loading screen, a later
// one's the Training tab's data set line.
void set_load_progress(double fraction) { session().datasets().set_progress(static_cast<float>(fraction)); }
void set_load_error(std::string message) { session().datasets().set_first_load_error(message); }

val pretrained_kinds() {
  val out = val::array();
  for (const char* kind : bn_app::kPretrainedKinds) out.call<void>("push", val(kind));
  return out;
}

// [SECTION] Commands

bool select_preset(std::string name) { return session().select_preset(name); }

std::string set_noise(std::string type, double level) {
  try {
    session().set_noise({bn::parse_noise_type(type), static_cast<float>(level)});
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

// Pens report their pressure through the page's pointer events; mice and fingers draw at 1.
void set_pen_pressure(double pressure) {
  ui().pointer.pressure = std::isfinite(pressure) ? static_cast<float>(std::clamp(pressure, 0.0, 1.0)) : 1.0f;
}

// [SECTION] The automation state: one object per part, each beside what it reads

// The WebAssembly heap as the allocator (dlmalloc) sees it: bytes handed out and not yet freed, the
// most it has ever taken from the heap (its high-water mark: what an out-of-memory abort runs
// into), what it holds now, and the heap's whole size (fixed in the mt build, growable in st).
val memory_use() {
  const struct mallinfo info = mallinfo();
  val out = val::object();
  out.set("inUse", static_cast<double>(info.uordblks));
  out.set("peak", static_cast<double>(info.usmblks));
  out.set("footprint", static_cast<double>(info.arena));
  out.set("heapSize", static_cast<double>(emscripten_get_heap_size()));
  return out;
}

void describe_runtime(const Session& s, const Ui& u, val& out) {
  const bool threaded = s.training().threaded();
  out.set("build", threaded ? "mt" : "st");
  // The UI thread, plus in mt the trainer and its compute workers.
  out.set("threads", threaded ? 1 + bn::compute_threads() : 1);
  out.set("ready", s.ready());
  out.set("memory", memory_use());
  out.set("fps", u.state.fps);
  out.set("frame", static_cast<double>(u.state.frames));
  // Frame times over the last few seconds, and the main thread's own work in them.
  out.set("frameMs", percentiles(u.state.frame_ms));
  out.set("workMs", percentiles(u.state.work_ms));
  // The mt trainer's rest between slices, which follows the frame rate (null in the st build).
  const int rest = s.training().rest_ms();
  out.set("trainerRestMs", rest >= 0 ? val(rest) : val::null());
  out.set("helpOpen", u.state.show_help);
  // A text field has the keyboard (keys go to it, not to the shortcuts).
  out.set("typing", ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantTextInput);
  val scale = val::object();
  scale.set("scale", u.state.scale);
  scale.set("theme", u.state.light_theme ? "light" : "dark");
  out.set("ui", scale);
}

// The data set being trained on, the one asked for (they differ while it downloads), the
// download's progress, and how many test images the playground holds.
void describe_datasets(const Session& s, val& out) {
  const bn_app::DatasetHub& hub = s.datasets();
  out.set("loadProgress", hub.first_load().progress);
  out.set("loadError", hub.first_load().error);
  out.set("dataset", hub.has_current() ? hub.current() : std::string("mnist"));
  out.set("datasetWanted", hub.wanted());
  out.set("datasetProgress", hub.progress());
  out.set("testImages", s.test_set() ? s.test_set()->count() : 0);
  const auto anomalies = s.anomalies();
  out.set("anomalyImages", anomalies ? val(anomalies->name) : val::null());
}

val describe_drawing(const Session& s, const Ui& u) {
  const bn_app::DrawingPad& pad = s.pad();
  val drawing = val::object();
  drawing.set("tool", u.pointer.brush == bn_app::BrushTool::kInk     ? "ink"
                      : u.pointer.brush == bn_app::BrushTool::kErase ? "erase"
                                                                     : "hide");
  drawing.set("framing", pad.framing());
  drawing.set("undoDepth", static_cast<int>(pad.undo_depth()));
  drawing.set("hiddenPixels", pad.hidden_count());
  // The test image on the pad ("pick a test image"), with its class: null for a drawing.
  const int shown = s.test_set() ? pad.shown_test_image() : -1;
  drawing.set("testImage", shown >= 0 ? val(shown) : val::null());
  drawing.set("testLabel", shown >= 0 ? val(static_cast<int>(s.test_set()->labels[shown])) : val::null());
  drawing.set("browseLabel", pad.browse_label());
  return drawing;
}

val describe_generate(const Session& s) {
  const bn_app::SamplesView& samples = s.samples();
  const bn_app::InterpolationView& interpolation = s.interpolation();
  val out = val::object();
  out.set("held", samples.holding() ? pair_to_js(samples.held_x(), samples.held_y()) : val::null());
  out.set("dims", pair_to_js(samples.dims[0], samples.dims[1]));
  out.set("interpolationFrames", interpolation.strip().empty() ? 0 : bn_app::InterpolationView::kFrames);
  out.set("partner", interpolation.partner());
  out.set("farEnd", interpolation.far_end_kept() ? "kept drawing" : "test digit");
  return out;
}

val describe_latent(const bn_app::LatentView& latent) {
  val out = val::object();
  out.set("components", pair_to_js(latent.shown_components()[0], latent.shown_components()[1]));
  out.set("besidePca", latent.shows_pca());
  out.set("modelMse", latent.shows_pca() ? val(latent.model_mse()) : val::null());
  out.set("pcaMse", latent.shows_pca() ? val(latent.pca_mse()) : val::null());
  return out;
}

val describe_editor(const bn_app::ModelDraft& draft) {
  val out = val::object();
  out.set("error", draft.error);
  out.set("hidden", std::string(draft.hidden_text));
  out.set("latent", draft.config.latent);
  out.set("learningRate", draft.config.learning_rate);
  return out;
}

val describe_probe(const Session& s) {
  const bn_app::FeaturesView& features = s.features();
  val out = val::object();
  out.set("labels", features.labels);
  out.set("done", features.done());
  // The probes were trained on the codes of the weights the model has now: not of the last ones,
  // and not of a model about to be replaced (a preset's, posted but not yet swapped in).
  const bool settled = s.ready() && s.training().settled();
  out.set("current", settled && features.started() && features.weights_revision() == s.training().weights_revision());
  out.set("codes", features.done() ? val(features.codes().accuracy) : val::null());
  out.set("pixels", features.done() ? val(features.pixels().accuracy) : val::null());
  return out;
}

val describe_compression(const bn_app::CompressionView& view) {
  val rows = val::array();
  for (const auto& row : view.rows()) {
    val r = val::object();
    r.set("format", row.format);
    r.set("kind", view.kind());
    r.set("bytes", row.bytes);
    r.set("modelPsnr", number_or_null(row.model_psnr));
    r.set("pcaPsnr", number_or_null(row.pca_psnr));
    rows.call<void>("push", r);
  }
  return rows;
}

val describe_anomaly(const bn_app::AnomalyView& view) {
  if (!view.scored()) return val::null();
  val out = val::object();
  out.set("auroc", view.auroc());
  out.set("threshold", view.threshold());
  out.set("score", view.has_drawing() ? val(view.drawing_score()) : val::null());
  out.set("verdict", !view.has_drawing() ? "none" : view.drawing_is_anomaly() ? "anomaly" : "normal");
  return out;
}

// The pad's noise and the PSNR of the noisy input and of the model's output.
void describe_rebuild(const bn_app::PadReconstruction& rebuild, val& out) {
  val noise = val::object();
  noise.set("type", bn::noise_type_name(rebuild.noise().type));
  noise.set("level", rebuild.noise().level);
  out.set("noise", noise);
  val psnr = val::object();
  psnr.set("noisy", number_or_null(rebuild.psnr_noisy()));
  psnr.set("output", number_or_null(rebuild.psnr_output()));
  out.set("psnr", psnr);
}

void describe_training(const Session& s, val& out) {
  const bool ready = s.ready();
  if (ready) {
    val hidden = val::array();
    for (int width : s.training().config().hidden) hidden.call<void>("push", width);
    out.set("hidden", hidden);
  }
  const bn::TrainingSnapshot* snapshot = ready ? &s.training().snapshot() : nullptr;
  const bn::ModelConfig* config = ready ? snapshot->config.get() : nullptr;
  out.set("modelKind", ready ? val(bn::kind_name(config->kind)) : val::null());
  out.set("latent", ready ? val(config->latent) : val::null());
  out.set("learningRate", ready ? val(config->learning_rate) : val::null());
  out.set("training", ready && snapshot->training);
  out.set("step", ready ? static_cast<double>(snapshot->metrics.step) : 0.0);
  out.set("epoch", ready ? snapshot->metrics.epoch : 0);
  out.set("trainLoss", ready ? number_or_null(snapshot->metrics.train_loss) : val::null());
  out.set("testLoss", ready ? number_or_null(snapshot->metrics.test_loss) : val::null());
  out.set("samplesPerSecond", ready ? snapshot->metrics.samples_per_second : 0.0);
  out.set("message", ready ? snapshot->message : std::string());
}

val automation_state() {
  const Session& s = session();
  const Ui& u = ui();
  val out = val::object();
  describe_runtime(s, u, out);
  describe_datasets(s, out);
  out.set("notice", s.notice());
  val panels = val::array();
  for (const char* panel : {"Draw", "Reconstruction", "Noise", bn_app::tab_name(s.open_tab())})
    panels.call<void>("push", val(panel));
  out.set("panels", panels);
  out.set("preset", s.preset());
  out.set("drawing", describe_drawing(s, u));
  out.set("generate", describe_generate(s));
  out.set("latentView", describe_latent(s.latent()));
  out.set("editor", describe_editor(u.draft));
  out.set("probe", describe_probe(s));
  out.set("compression", describe_compression(s.compression()));
  out.set("anomaly", describe_anomaly(s.anomaly()));
  describe_rebuild(s.rebuild(), out);
  describe_training(s, out);
  return out;
}

// [SECTION] Images and the layout

val draw_pad() { return copy_to_js(session().pad().pixels()); }
val reconstruction() { return copy_to_js(session().rebuild().output()); }
val samples() { return copy_to_js(session().samples().samples()); }
val held_digit() { return copy_to_js(session().samples().held_image()); }
val interpolation_strip() { return copy_to_js(session().interpolation().strip()); }

// Every probed widget, by name; a dotted name is nested ("tabs.Training" -> tabs.Training).
// The plots that may be absent are null then.
val layout() {
  val out = val::object();
  for (const char* optional : {"pcaPlot", "latentMarker"}) out.set(optional, val::null());
  for (const auto& [name, r] : ui().probes.all()) {
    val rect = val::object();
    rect.set("x", r.x);
    rect.set("y", r.y);
    rect.set("w", r.w);
    rect.set("h", r.h);
    const size_t dot = name.find('.');
    if (dot == std::string::npos) {
      out.set(name, rect);
      continue;
    }
    const std::string group = name.substr(0, dot);
    if (!out[group].as<bool>()) out.set(group, val::object());
    out[group].set(name.substr(dot + 1), rect);
  }
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(bottleneck_page) {
  emscripten::function("receiveDataset", &receive_dataset);
  emscripten::function("receiveWeights", &receive_weights);
  emscripten::function("weightsDone", &weights_done);
  emscripten::function("datasetFailed", &dataset_failed);
  emscripten::function("receiveAnomalies", &receive_anomalies);
  emscripten::function("setLoadProgress", &set_load_progress);
  emscripten::function("setLoadError", &set_load_error);
  emscripten::function("pretrainedKinds", &pretrained_kinds);
  emscripten::function("selectPreset", &select_preset);
  emscripten::function("setNoise", &set_noise);
  emscripten::function("setPenPressure", &set_pen_pressure);
  emscripten::function("automationState", &automation_state);
  emscripten::function("drawPad", &draw_pad);
  emscripten::function("reconstruction", &reconstruction);
  emscripten::function("samples", &samples);
  emscripten::function("heldDigit", &held_digit);
  emscripten::function("interpolationStrip", &interpolation_strip);
  emscripten::function("layout", &layout);
}
