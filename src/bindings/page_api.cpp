// The page's hooks into the app, exported with Embind. web/loader.js wraps them as
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
//   layout()                           where the pad and the buttons are, in CSS pixels
//   setPenPressure(p)                  the pen's pressure in (0, 1] from the page's pointer events
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "app/app_state.h"
#include "core/parallel/thread_pool.h"
#include "imgui.h"

namespace {

using emscripten::val;

// The median and the 95th percentile of recent times, in ms (null before the first).
val percentiles(const bn_app::TimeHistory& history) {
  const bn_app::TimeHistory::Summary summary = history.summary();
  val out = val::object();
  out.set("median", summary.count == 0 ? val::null() : val(summary.median));
  out.set("p95", summary.count == 0 ? val::null() : val(summary.p95));
  out.set("count", static_cast<int>(summary.count));
  return out;
}

val number_or_null(double value) { return std::isfinite(value) ? val(value) : val::null(); }

val copy_to_js(const std::vector<float>& values) {
  // A view into the wasm heap, copied so the caller keeps a stable array.
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}

val rect_to_js(const bn_app::ScreenRect& r) {
  val out = val::object();
  out.set("x", r.x);
  out.set("y", r.y);
  out.set("w", r.w);
  out.set("h", r.h);
  return out;
}

val rects_to_js(const std::map<std::string, bn_app::ScreenRect>& rects) {
  val out = val::object();
  for (const auto& [name, rect] : rects) out.set(name, rect_to_js(rect));
  return out;
}

void receive_dataset(std::string id, val bytes) {
  std::vector<uint8_t> data = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
  bn_app::app_receive_dataset(bn_app::app_state(), id, data);
}

void dataset_failed(std::string id, std::string why) { bn_app::app_dataset_failed(bn_app::app_state(), id, why); }

void receive_weights(std::string dataset, std::string kind, val bytes) {
  bn_app::app_receive_weights(bn_app::app_state(), dataset, kind,
                              emscripten::convertJSArrayToNumberVector<uint8_t>(bytes));
}

void weights_done(std::string dataset) { bn_app::app_weights_done(bn_app::app_state(), dataset); }

bool select_preset(std::string name) { return bn_app::app_select_preset(bn_app::app_state(), name); }

std::string set_noise(std::string type, double level) {
  try {
    bn_app::app_set_noise(bn_app::app_state(), {bn::parse_noise_type(type), static_cast<float>(level)});
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void receive_anomalies(std::string name, val bytes) {
  bn_app::app_receive_anomalies(bn_app::app_state(), name, emscripten::convertJSArrayToNumberVector<uint8_t>(bytes));
}

// The download of the data set being fetched: the first one's fills the loading screen, a later
// one's the Training tab's data set line.
void set_load_progress(double fraction) {
  bn_app::AppState& state = bn_app::app_state();
  if (!state.trainer) state.loading.progress = static_cast<float>(fraction);
  state.dataset_progress = static_cast<float>(fraction);
}

void set_load_error(std::string message) { bn_app::app_state().loading.error = message; }

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

val automation_state() {
  const bn_app::AppState& state = bn_app::app_state();
  val out = val::object();
  out.set("build", state.threaded ? "mt" : "st");
  // The UI thread, plus in mt the trainer and its compute workers.
  out.set("threads", state.threaded ? 1 + bn::compute_threads() : 1);
  out.set("ready", state.ready());
  out.set("memory", memory_use());
  out.set("fps", state.fps);
  out.set("frame", static_cast<double>(state.frames));
  // Frame times over the last few seconds, and the main thread's own work in them.
  out.set("frameMs", percentiles(state.frame_ms));
  out.set("workMs", percentiles(state.work_ms));
  // The mt trainer's rest between slices, which follows the frame rate (null in the st build).
  out.set("trainerRestMs", state.trainer_thread ? val(static_cast<int>(state.trainer_thread->rest().count())) : val::null());
  out.set("loadProgress", state.loading.progress);
  out.set("loadError", state.loading.error);
  out.set("notice", state.notice);
  val panels = val::array();
  const char* tab = bn_app::tab_name(state.side_tab);
  for (const char* panel : {"Draw", "Reconstruction", "Noise", tab}) panels.call<void>("push", val(panel));
  out.set("panels", panels);
  out.set("preset", state.preset);
  // The data set being trained on, the one asked for (they differ while it downloads), the
  // download's progress, and how many test images the playground holds.
  out.set("dataset", state.dataset);
  out.set("datasetWanted", state.dataset_wanted);
  out.set("datasetProgress", state.dataset_progress);
  out.set("testImages", state.test_set ? state.test_set->count() : 0);
  out.set("anomalyImages", state.anomaly_set ? val(state.anomaly_set->name) : val::null());
  val drawing = val::object();
  drawing.set("tool", state.brush_tool == bn_app::BrushTool::kInk     ? "ink"
                      : state.brush_tool == bn_app::BrushTool::kErase ? "erase"
                                                                      : "hide");
  drawing.set("framing", state.mnist_framing);
  drawing.set("undoDepth", static_cast<int>(state.drawing.history.size()));
  drawing.set("hiddenPixels", state.hidden_count);
  // The test image on the pad ("pick a test image"), with its class: null for a drawing.
  const int shown = bn_app::app_shown_test_image(state);
  drawing.set("testImage", shown >= 0 ? val(shown) : val::null());
  drawing.set("testLabel", shown >= 0 ? val(static_cast<int>(state.test_set->labels[shown])) : val::null());
  drawing.set("browseLabel", state.browse_label);
  out.set("drawing", drawing);
  val ui = val::object();
  ui.set("scale", state.ui_scale);
  ui.set("theme", state.light_theme ? "light" : "dark");
  out.set("ui", ui);
  const bn_app::GenerateView& generate = state.generate;
  val gen = val::object();
  gen.set("held", generate.holding ? val::array() : val::null());
  if (generate.holding) {
    gen["held"].call<void>("push", generate.held_x);
    gen["held"].call<void>("push", generate.held_y);
  }
  gen.set("dims", val::array());
  gen["dims"].call<void>("push", generate.dims[0]);
  gen["dims"].call<void>("push", generate.dims[1]);
  gen.set("interpolationFrames", generate.strip.empty() ? 0 : bn_app::GenerateView::kFrames);
  gen.set("partner", generate.partner);
  gen.set("farEnd", generate.kept_drawing.empty() ? "test digit" : "kept drawing");
  out.set("generate", gen);
  val lat = val::object();
  lat.set("components", val::array());
  lat["components"].call<void>("push", state.latent.computed_components[0]);
  lat["components"].call<void>("push", state.latent.computed_components[1]);
  lat.set("besidePca", state.latent.computed_beside_pca);
  lat.set("modelMse", state.latent.computed_beside_pca ? val(state.latent.model_mse) : val::null());
  lat.set("pcaMse", state.latent.computed_beside_pca ? val(state.latent.pca_mse) : val::null());
  out.set("latentView", lat);
  val editor = val::object();
  editor.set("error", state.draft.error);
  editor.set("hidden", std::string(state.draft.hidden_text));
  editor.set("latent", state.draft.config.latent);
  editor.set("learningRate", state.draft.config.learning_rate);
  out.set("editor", editor);
  if (state.ready()) {
    val hidden = val::array();
    for (int width : state.snapshot->config->hidden) hidden.call<void>("push", width);
    out.set("hidden", hidden);
  }
  out.set("helpOpen", state.show_help);
  // A text field has the keyboard (keys go to it, not to the shortcuts).
  out.set("typing", ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantTextInput);
  const bn_app::FeaturesView& features = state.features;
  val probe = val::object();
  probe.set("labels", features.labels);
  probe.set("done", features.done && features.computed_labels == features.labels);
  // The probes were trained on the codes of the weights the model has now: not of the last ones,
  // and not of a model about to be replaced (a preset's, posted but not yet swapped in).
  const bool model_settled =
      state.ready() && state.snapshot->model_generation == state.trainer->posted_model_generation();
  probe.set("current", model_settled && features.computed_version == state.viewer_version);
  probe.set("codes", features.done ? val(features.codes.accuracy) : val::null());
  probe.set("pixels", features.done ? val(features.pixels.accuracy) : val::null());
  out.set("probe", probe);
  val compression = val::array();
  for (const auto& row : state.compression.rows) {
    val r = val::object();
    r.set("format", row.format);
    r.set("kind", state.compression.kind);
    r.set("bytes", row.bytes);
    r.set("modelPsnr", number_or_null(row.model_psnr));
    r.set("pcaPsnr", number_or_null(row.pca_psnr));
    compression.call<void>("push", r);
  }
  out.set("compression", compression);
  const bn_app::AnomalyView& anomaly = state.anomaly;
  if (!anomaly.normal_scores.empty()) {
    val a = val::object();
    a.set("auroc", anomaly.auroc);
    a.set("threshold", anomaly.threshold);
    a.set("score", anomaly.has_drawing ? val(anomaly.drawing_score) : val::null());
    a.set("verdict", !anomaly.has_drawing ? "none" : anomaly.drawing_score > anomaly.threshold ? "anomaly" : "normal");
    out.set("anomaly", a);
  } else {
    out.set("anomaly", val::null());
  }
  val noise = val::object();
  noise.set("type", bn::noise_type_name(state.noise.type));
  noise.set("level", state.noise.level);
  out.set("noise", noise);
  val psnr = val::object();
  psnr.set("noisy", number_or_null(state.psnr_noisy));
  psnr.set("output", number_or_null(state.psnr_output));
  out.set("psnr", psnr);
  if (state.ready()) {
    out.set("modelKind", bn::kind_name(state.snapshot->config->kind));
    out.set("latent", state.snapshot->config->latent);
    out.set("learningRate", state.snapshot->config->learning_rate);
    const bn::TrainingSnapshot& snapshot = *state.snapshot;
    out.set("training", snapshot.training);
    out.set("step", static_cast<double>(snapshot.metrics.step));
    out.set("epoch", snapshot.metrics.epoch);
    out.set("trainLoss", number_or_null(snapshot.metrics.train_loss));
    out.set("testLoss", number_or_null(snapshot.metrics.test_loss));
    out.set("samplesPerSecond", snapshot.metrics.samples_per_second);
    out.set("message", snapshot.message);
  } else {
    out.set("modelKind", val::null());
    out.set("latent", val::null());
    out.set("learningRate", val::null());
    out.set("training", false);
    out.set("step", 0);
    out.set("epoch", 0);
    out.set("trainLoss", val::null());
    out.set("testLoss", val::null());
    out.set("samplesPerSecond", 0);
    out.set("message", "");
  }
  return out;
}

void set_pen_pressure(double pressure) {
  bn_app::app_state().pen_pressure = std::isfinite(pressure) ? static_cast<float>(std::clamp(pressure, 0.0, 1.0)) : 1.0f;
}

val draw_pad() { return copy_to_js(bn_app::app_state().pad); }

val reconstruction() { return copy_to_js(bn_app::app_state().reconstruction); }

val samples() { return copy_to_js(bn_app::app_state().generate.samples); }

val held_digit() { return copy_to_js(bn_app::app_state().generate.held_image); }

val interpolation_strip() { return copy_to_js(bn_app::app_state().generate.strip); }

val layout() {
  const bn_app::WidgetLayout& layout = bn_app::app_state().layout;
  val out = val::object();
  out.set("pad", rect_to_js(layout.pad));
  out.set("trainButton", rect_to_js(layout.train_button));
  out.set("resetButton", rect_to_js(layout.reset_button));
  out.set("loadPretrainedButton", rect_to_js(layout.load_pretrained_button));
  out.set("slowMotionCheckbox", rect_to_js(layout.slow_motion_checkbox));
  out.set("clearButton", rect_to_js(layout.clear_button));
  out.set("undoButton", rect_to_js(layout.undo_button));
  out.set("scaleUpButton", rect_to_js(layout.scale_up_button));
  out.set("scaleDownButton", rect_to_js(layout.scale_down_button));
  out.set("themeCheckbox", rect_to_js(layout.theme_checkbox));
  out.set("editorHeader", rect_to_js(layout.editor_header));
  out.set("editorHiddenField", rect_to_js(layout.editor_hidden_field));
  out.set("editorLatentField", rect_to_js(layout.editor_latent_field));
  out.set("editorLearningRateField", rect_to_js(layout.editor_learning_rate_field));
  out.set("editorBuildButton", rect_to_js(layout.editor_build_button));
  out.set("trainingGrid", rect_to_js(layout.training_grid));
  out.set("sidePanel", rect_to_js(layout.side_panel));
  out.set("randomDigitButton", rect_to_js(layout.random_digit_button));
  out.set("previousDigitButton", rect_to_js(layout.previous_digit_button));
  out.set("nextDigitButton", rect_to_js(layout.next_digit_button));
  out.set("keepDrawingButton", rect_to_js(layout.keep_drawing_button));
  out.set("datasetButtons", rects_to_js(layout.dataset_buttons));
  out.set("framingCheckbox", rect_to_js(layout.framing_checkbox));
  out.set("brushButtons", rects_to_js(layout.brush_buttons));
  out.set("noiseSlider", rect_to_js(layout.noise_level_slider));
  out.set("latentPlot", rect_to_js(layout.latent_plot));
  out.set("pcaPlot", layout.pca_plot.w > 0 ? rect_to_js(layout.pca_plot) : val::null());
  out.set("latentComponents", rect_to_js(layout.latent_components));
  out.set("besidePcaCheckbox", rect_to_js(layout.beside_pca_checkbox));
  out.set("latentMarker", layout.latent_marker.x > 0 ? rect_to_js(layout.latent_marker) : val::null());
  out.set("resampleButton", rect_to_js(layout.resample_button));
  out.set("manifold", rect_to_js(layout.manifold));
  out.set("anotherDigitButton", rect_to_js(layout.another_digit_button));
  out.set("thresholdSlider", rect_to_js(layout.threshold_slider));
  out.set("probeLabelButtons", rects_to_js(layout.probe_label_buttons));
  out.set("tabs", rects_to_js(layout.tabs));
  out.set("presetButtons", rects_to_js(layout.preset_buttons));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(bottleneck_automation) {
  emscripten::function("receiveDataset", &receive_dataset);
  emscripten::function("receiveWeights", &receive_weights);
  emscripten::function("weightsDone", &weights_done);
  emscripten::function("datasetFailed", &dataset_failed);
  emscripten::function("receiveAnomalies", &receive_anomalies);
  emscripten::function("selectPreset", &select_preset);
  emscripten::function("setNoise", &set_noise);
  emscripten::function("setLoadProgress", &set_load_progress);
  emscripten::function("setLoadError", &set_load_error);
  emscripten::function("automationState", &automation_state);
  emscripten::function("drawPad", &draw_pad);
  emscripten::function("reconstruction", &reconstruction);
  emscripten::function("samples", &samples);
  emscripten::function("heldDigit", &held_digit);
  emscripten::function("interpolationStrip", &interpolation_strip);
  emscripten::function("layout", &layout);
  emscripten::function("setPenPressure", &set_pen_pressure);
}
