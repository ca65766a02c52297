// The page's hooks into the app, exported with Embind. web/loader.js wraps them as
// `window.bottleneck`, which tests (and curious users, from the console) drive:
//
//   receiveDataset(name, Uint8Array)   the data set the page downloaded
//   setLoadProgress(fraction)          download progress, shown in the UI
//   automationState()                  { build, threads, ready, training, step, epoch, trainLoss,
//                                        testLoss, fps, message, loadError }
//   drawPad(), reconstruction()        784 values each, in [0, 1]
//   layout()                           where the pad and the buttons are, in CSS pixels
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>

#include "app/app_state.h"
#include "core/parallel/thread_pool.h"

namespace {

using emscripten::val;

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

void receive_dataset(std::string name, val bytes) {
  std::vector<uint8_t> data = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
  bn_app::app_receive_dataset(bn_app::app_state(), name, data);
}

void set_load_progress(double fraction) { bn_app::app_state().loading.progress = static_cast<float>(fraction); }

void set_load_error(std::string message) { bn_app::app_state().loading.error = message; }

val automation_state() {
  const bn_app::AppState& state = bn_app::app_state();
  val out = val::object();
  out.set("build", state.threaded ? "mt" : "st");
  // The UI thread, plus in mt the trainer and its compute workers.
  out.set("threads", state.threaded ? 1 + bn::compute_threads() : 1);
  out.set("ready", state.ready());
  out.set("fps", state.fps);
  out.set("loadProgress", state.loading.progress);
  out.set("loadError", state.loading.error);
  if (state.ready()) {
    const bn::TrainingSnapshot& snapshot = *state.snapshot;
    out.set("training", snapshot.training);
    out.set("step", static_cast<double>(snapshot.metrics.step));
    out.set("epoch", snapshot.metrics.epoch);
    out.set("trainLoss", number_or_null(snapshot.metrics.train_loss));
    out.set("testLoss", number_or_null(snapshot.metrics.test_loss));
    out.set("samplesPerSecond", snapshot.metrics.samples_per_second);
    out.set("message", snapshot.message);
  } else {
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

val draw_pad() { return copy_to_js(bn_app::app_state().pad); }

val reconstruction() { return copy_to_js(bn_app::app_state().reconstruction); }

val layout() {
  const bn_app::WidgetLayout& layout = bn_app::app_state().layout;
  val out = val::object();
  out.set("pad", rect_to_js(layout.pad));
  out.set("trainButton", rect_to_js(layout.train_button));
  out.set("clearButton", rect_to_js(layout.clear_button));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(bottleneck_automation) {
  emscripten::function("receiveDataset", &receive_dataset);
  emscripten::function("setLoadProgress", &set_load_progress);
  emscripten::function("setLoadError", &set_load_error);
  emscripten::function("automationState", &automation_state);
  emscripten::function("drawPad", &draw_pad);
  emscripten::function("reconstruction", &reconstruction);
  emscripten::function("layout", &layout);
}
