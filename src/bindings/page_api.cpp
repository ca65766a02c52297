// The playground page's API: every Embind export of the page, in one file, over the session and
// the UI (src/app). web/loader.js wraps them as `window.bottleneck`, which tests (and curious
// users, from the console) drive; README.md's table is the user's manual.
//
// The data and weights handshake (the app asks with Module.requestDataset(id) and
// Module.requestWeights(dataset, kind); the page answers):
//   receiveTestImages(id, Uint8Array)  a data set's test split (.bnds): the playground starts on it
//   receiveTrainingImages(id, Uint8Array)  its training split, after: training can begin
//   datasetFailed(id, why)             the page could not download it, and gave up
//   receiveWeights(dataset, kind, Uint8Array)  pretrained weights (safetensors) for one kind of model
//   weightsFailed(dataset, kind)       the page could not download them: that preset starts untrained
//   downloadTrouble(message)           a download failed and will be tried again: the notice says so
//   setLoadProgress(fraction)          download progress, shown in the UI
//   receiveAnomalies(name, Uint8Array) the anomaly images (.bnds) for the Anomaly tab
// Input and commands:
//   pen(x, y, pressure, buttons)       one pointer reading over the canvas: what the pad draws from
//   touch(x, y, phase)                 a finger's reading too (0 down, 1 move, 2 up): a swipe that
//                                      starts off the pad scrolls the panels under it
//   selectPreset(name)                 as a click on its button; false for an unknown name
//   setNoise(type, level)              "" on success, else why the setting was refused
//   loadModelFile(name, Uint8Array)    a .safetensors model in place of the current one; false (and
//                                      the reason in the notice) for a file that cannot be used
// The user's own images (web/own_files.js), one drop or pick at a time:
//   ownFilesBegin()                    a new set of files
//   ownImage(path, w, h, channels, Uint8Array)  a decoded picture; a folder 0-9 in the path labels it
//   ownCsv(path, text)                 a CSV of 784 columns and an optional label
//   ownFileSkipped(path, why)          a file the page could not read
//   ownFilesDone()                     builds "yours" and trains on it; the notice says what came in
// Links (web/loader.js keeps the address's hash and the playground in step):
//   applyLink(text)                    a hash's settings (see Settings), as a link opened
//   linkText()                         the hash of what is on screen; null while the session is
//                                      still getting there (a link or preset waiting for data)
//   setPageAddress(address)            the page's address without its hash, for Copy link / Embed
// What the app shows:
//   isReady()                          the URL's state is applied and its model answers a stroke (the
//                                      state's `ready`, without building the whole state)
//   automationState()                  build, threads, memory, then what each part of the session
//                                      (Session::describe) and the UI (describe_ui) report
//   drawPad(), reconstruction()        784 values each, in [0, 1]
//   samples()                          the Generate tab's sample grid, (6·28)² values
//   heldDigit(), interpolationStrip()  the decoded held code (784), the interpolation (28 × 8·28)
//   layout()                           every widget the panels probe (WidgetProbes), by name, in
//                                      CSS pixels
// Drills:
//   injectFailure(where)               forces an exception in the next "view" refresh or "frame",
//                                      or in this "call"; it ends as a notice
// No export lets a C++ exception out (Guarded): what it would have thrown becomes the notice.
#include <algorithm>
#include <cmath>
#include <malloc.h>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include "app/platform/web_app.h"
#include "core/data/image_header.h"
#include "core/data/image_import.h"
#include "core/data/own_images.h"
#include "core/parallel/thread_pool.h"
#include "imgui.h"

namespace {

using bn_app::Session;
using bn_app::Ui;
using emscripten::val;

Session& session() { return bn_app::web_app().session(); }
Ui& ui() { return bn_app::web_app().ui(); }

// [SECTION] The edge

// No C++ exception may leave an export: JavaScript would see only a number (a pointer to it), and
// one thrown while the main loop runs stops it for good. What one would have thrown becomes the
// notice, and the call returns its type's empty value (undefined, false, "").
//
// A call that changes anything wakes the UI, which draws only when something may have changed on
// screen; one that only reads (Reads) leaves it asleep, so that polling state() costs no frames.
enum class Call { kChanges, kReads };
template <auto Function, Call kind = Call::kChanges>
struct Guarded;
template <typename Result, typename... Args, Result (*Function)(Args...), Call kind>
struct Guarded<Function, kind> {
  static Result call(Args... args) {
    if (kind == Call::kChanges) bn_app::web_app().wake();
    try {
      return Function(std::move(args)...);
    } catch (const std::exception& e) {
      session().report_failure(e);
    }
    if constexpr (std::is_same_v<Result, val>) return val::undefined();
    else if constexpr (!std::is_void_v<Result>) return Result();
  }
};

// [SECTION] Conversions

val copy_to_js(const std::vector<float>& values) {
  // A view into the wasm heap, copied so the caller keeps a stable array.
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}

std::vector<uint8_t> to_bytes(val bytes) { return emscripten::convertJSArrayToNumberVector<uint8_t>(bytes); }

// [SECTION] The data set handshake (web/loader.js answers Module.requestDataset)

void receive_test_images(std::string id, val bytes) { session().receive_test_images(id, to_bytes(bytes)); }
void receive_training_images(std::string id, val bytes) {
  session().receive_training_images(id, to_bytes(bytes));
}
void dataset_failed(std::string id, std::string why) { session().dataset_failed(id, why); }
void receive_weights(std::string dataset, std::string kind, val bytes) {
  session().receive_weights(dataset, kind, to_bytes(bytes));
}
void weights_failed(std::string dataset, std::string kind) { session().weights_failed(dataset, kind); }
void download_trouble(std::string message) { session().download_trouble(message); }
void receive_anomalies(std::string name, val bytes) { session().receive_anomalies(name, to_bytes(bytes)); }
// The download of the data set being fetched: the first one's fills the loading screen, a later
// one's the Training tab's data set line.
void set_load_progress(double fraction) { session().datasets().set_progress(static_cast<float>(fraction)); }

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

bool load_model_file(std::string name, val bytes) { return session().load_model_file(name, to_bytes(bytes)); }

// [SECTION] The user's own images (web/own_files.js reads a drop or a pick of files)

// One drop's files, a call each between ownFilesBegin and ownFilesDone, which builds "yours".
// The browser decodes the pictures; the conversion to 28x28 is the core's, as in the CLI.
bn::OwnImages& own_files() {
  static bn::OwnImages files;
  return files;
}
void own_files_begin() { own_files() = bn::OwnImages(); }
void own_image(std::string path, int width, int height, int channels, val pixels) {
  const std::vector<uint8_t> bytes = to_bytes(pixels);
  if (width <= 0 || height <= 0 || channels <= 0 ||
      bytes.size() != static_cast<uint64_t>(width) * static_cast<uint64_t>(height) * static_cast<uint64_t>(channels))
    return own_files().skip(path, "its decoded pixels do not match its size");
  own_files().add_image(path, {bytes.data(), width, height, channels});
}
// Why a PNG or JPEG file's bytes will not be taken, before the browser decodes them ("" when they
// may be): a damaged header, or more pixels than the conversion takes.
std::string picture_refusal(val file) {
  const std::vector<uint8_t> bytes = to_bytes(file);
  try {
    const bn::ImageHeader header = bn::read_image_header(bytes.data(), bytes.size());
    bn::check_import_size(header.width, header.height);
    return "";
  } catch (const bn::DatasetError& e) {
    return e.what();
  }
}
void own_csv(std::string path, std::string text) { own_files().add_csv(path, text); }
void own_file_skipped(std::string path, std::string why) { own_files().skip(path, why); }
void own_files_done() {
  session().receive_own_images(own_files());
  own_files() = bn::OwnImages();  // its copy is in the data set now
}

// One pointer reading from the page (x, y in CSS pixels over the canvas; `buttons` as the DOM's:
// 1 left, 2 right): the pad draws from these alone, so position and pressure travel together.
void pen(double x, double y, double pressure, int buttons) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  bn_app::PenSample sample;
  sample.x = static_cast<float>(x);
  sample.y = static_cast<float>(y);
  sample.pressure = std::isfinite(pressure) ? static_cast<float>(std::clamp(pressure, 0.0, 1.0)) : 1.0f;
  sample.down = (buttons & 3) != 0;
  sample.erase = (buttons & 2) != 0;
  bn_app::web_app().add_pen_sample(sample);
}

// A touch pointer reading (phase 0 down, 1 move, 2 up): a swipe off the pad scrolls the panels.
void touch(double x, double y, int phase) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  bn_app::touch_event(ui().state, static_cast<float>(x), static_cast<float>(y), phase);
}

// [SECTION] Links

void apply_link(std::string text) { bn_app::apply_link(session(), ui(), text); }

val link_text() {
  if (!session().settled()) return val::null();
  return val(bn_app::to_text(bn_app::current_settings(session(), ui())));
}

void set_page_address(std::string address) { ui().state.page_address = address; }

// [SECTION] The automation state: each part of the session and the UI describes itself

// A StateWriter that builds a JavaScript object.
class JsStateWriter : public bn_app::StateWriter {
 public:
  JsStateWriter() { open_.push_back(val::object()); }
  void number(const char* key, double value) override { put(key, std::isfinite(value) ? val(value) : val::null()); }
  void flag(const char* key, bool value) override { put(key, val(value)); }
  void text(const char* key, const std::string& value) override { put(key, val(value)); }
  void null(const char* key) override { put(key, val::null()); }
  void begin_object(const char* key) override { begin(key, val::object()); }
  void end_object() override { open_.pop_back(); }
  void begin_array(const char* key) override { begin(key, val::array()); }
  void end_array() override { open_.pop_back(); }
  val result() const { return open_.front(); }

 private:
  void put(const char* key, const val& value) {
    val& into = open_.back();
    if (into.isArray()) into.call<void>("push", value);
    else into.set(key, value);
  }
  void begin(const char* key, val value) {
    put(key, value);
    open_.push_back(value);
  }
  std::vector<val> open_;
};

// The WebAssembly heap as the allocator (dlmalloc) sees it: bytes handed out and not yet freed, the
// most it has ever taken from the heap (its high-water mark: what an out-of-memory abort runs
// into), what it holds now, and the heap's whole size (fixed in the mt build, growable in st).
void describe_memory(bn_app::StateWriter& out) {
  const struct mallinfo info = mallinfo();
  out.begin_object("memory");
  out.number("inUse", static_cast<double>(info.uordblks));
  out.number("peak", static_cast<double>(info.usmblks));
  out.number("footprint", static_cast<double>(info.arena));
  out.number("heapSize", static_cast<double>(emscripten_get_heap_size()));
  out.end_object();
}

bool is_ready() { return session().started() && session().settled(); }

val automation_state() {
  JsStateWriter out;
  const bool threaded = session().training().threaded();
  out.text("build", threaded ? "mt" : "st");
  // The UI thread, plus in mt the trainer and its compute workers.
  out.number("threads", threaded ? 1 + bn::compute_threads() : 1);
  describe_memory(out);
  session().describe(out);
  bn_app::describe_ui(ui(), session(), out);
  return out.result();
}

// [SECTION] Images and the layout

val draw_pad() { return copy_to_js(session().pad().pixels()); }
val reconstruction() { return copy_to_js(session().rebuild().output()); }
val samples() { return copy_to_js(session().samples().samples()); }
val held_digit() { return copy_to_js(session().samples().held_image()); }
val interpolation_strip() { return copy_to_js(session().interpolation().strip()); }

// Every probed widget, by name; a dotted name is nested ("tabs.Training" -> tabs.Training).
// The plots that may be absent are null then.
// [SECTION] Drills

// A test's way to force an exception where no ordinary input reaches one any more: "view" (the
// next view refresh throws), "frame" (the next frame's interface throws) or "call" (this call
// throws). Each must end as a notice, with the page drawing on.
void inject_failure(std::string where) {
  if (where == "view") return session().set_drill(Session::Drill::kView);
  if (where == "frame") return session().set_drill(Session::Drill::kFrame);
  if (where == "call") throw std::runtime_error("a page call's drill failure");
  throw std::invalid_argument("no such drill: " + where.substr(0, 40) + " (view, frame or call)");
}

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
  emscripten::function("receiveTestImages", &Guarded<&receive_test_images>::call);
  emscripten::function("receiveTrainingImages", &Guarded<&receive_training_images>::call);
  emscripten::function("datasetFailed", &Guarded<&dataset_failed>::call);
  emscripten::function("receiveWeights", &Guarded<&receive_weights>::call);
  emscripten::function("weightsFailed", &Guarded<&weights_failed>::call);
  emscripten::function("downloadTrouble", &Guarded<&download_trouble>::call);
  emscripten::function("receiveAnomalies", &Guarded<&receive_anomalies>::call);
  emscripten::function("setLoadProgress", &Guarded<&set_load_progress>::call);
  emscripten::function("selectPreset", &Guarded<&select_preset>::call);
  emscripten::function("setNoise", &Guarded<&set_noise>::call);
  emscripten::function("pen", &Guarded<&pen>::call);
  emscripten::function("touch", &Guarded<&touch>::call);
  emscripten::function("loadModelFile", &Guarded<&load_model_file>::call);
  emscripten::function("pictureRefusal", &Guarded<&picture_refusal, Call::kReads>::call);
  emscripten::function("ownFilesBegin", &Guarded<&own_files_begin>::call);
  emscripten::function("ownImage", &Guarded<&own_image>::call);
  emscripten::function("ownCsv", &Guarded<&own_csv>::call);
  emscripten::function("ownFileSkipped", &Guarded<&own_file_skipped>::call);
  emscripten::function("ownFilesDone", &Guarded<&own_files_done>::call);
  emscripten::function("applyLink", &Guarded<&apply_link>::call);
  emscripten::function("linkText", &Guarded<&link_text, Call::kReads>::call);
  emscripten::function("setPageAddress", &Guarded<&set_page_address>::call);
  emscripten::function("automationState", &Guarded<&automation_state, Call::kReads>::call);
  emscripten::function("isReady", &Guarded<&is_ready, Call::kReads>::call);
  emscripten::function("drawPad", &Guarded<&draw_pad, Call::kReads>::call);
  emscripten::function("reconstruction", &Guarded<&reconstruction, Call::kReads>::call);
  emscripten::function("samples", &Guarded<&samples, Call::kReads>::call);
  emscripten::function("heldDigit", &Guarded<&held_digit, Call::kReads>::call);
  emscripten::function("interpolationStrip", &Guarded<&interpolation_strip, Call::kReads>::call);
  emscripten::function("layout", &Guarded<&layout, Call::kReads>::call);
  emscripten::function("injectFailure", &Guarded<&inject_failure>::call);
}
