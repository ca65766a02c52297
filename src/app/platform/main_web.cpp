// The browser's main. The page (web/loader.js) provides the <canvas id="canvas">, answers the
// app's data set requests (Module.requestDataset) through the page API (src/bindings/page_api.cpp),
// and /fonts/ui.ttf, preloaded into the virtual file system; the browser calls the frame function
// on every animation frame (the st build: in a task just after it, see below).
#ifdef __EMSCRIPTEN__
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include <GLES3/gl3.h>
#include <emscripten.h>

#include "app/platform/web_app.h"

namespace bn_app {

namespace {

#ifdef __EMSCRIPTEN_PTHREADS__
constexpr bool kThreaded = true;  // the trainer has its own thread
// Of the fixed 256 MB heap (CMakeLists.txt), the data sets take up to 70 MB and the interface and
// the views about 40: a model gets the rest, with room to spare for a second one being swapped in.
constexpr uint64_t kModelBudget = uint64_t{96} << 20;
#else
constexpr bool kThreaded = false;
// The single-thread heap grows on demand (to 2 GB): the budget keeps a tab from taking gigabytes.
constexpr uint64_t kModelBudget = uint64_t{512} << 20;
#endif

// The page's clipboard (web/loader.js: navigator.clipboard, or a fallback where it is refused).
void copy_to_page(const std::string& text) {
  // clang-format off
  EM_ASM({
    if (typeof Module.copyText === 'function') Module.copyText(UTF8ToString($0));
  }, text.c_str());
  // clang-format on
}

// Download model: the page saves the bytes as a file (web/loader.js: Module.saveFile).
void save_to_page(const std::string& name, const std::vector<uint8_t>& bytes) {
  // clang-format off
  EM_ASM({
    if (typeof Module.saveFile === 'function') Module.saveFile(UTF8ToString($0), HEAPU8.slice($1, $1 + $2));
  }, name.c_str(), bytes.data(), bytes.size());
  // clang-format on
}

// Load model: the page's file picker, which hands the file to loadModelFile (page_api.cpp).
void open_from_page() {
  // clang-format off
  EM_ASM({
    if (typeof Module.openModelFile === 'function') Module.openModelFile();
  });
  // clang-format on
}

// Your images...: the page's file picker, which hands the files to ownImage and friends (page_api.cpp).
void open_own_files_from_page() {
  // clang-format off
  EM_ASM({
    if (typeof Module.openOwnFiles === 'function') Module.openOwnFiles();
  });
  // clang-format on
}

}  // namespace

App& web_app() {
  // It lives as long as the page does: the browser never returns from the main loop.
  static App* app = [] {
    App* made = new App(kThreaded);
    made->session().set_memory_budget(kModelBudget);
    made->ui().copy_text = copy_to_page;
    made->ui().save_file = save_to_page;
    made->ui().open_model_file = open_from_page;
    made->ui().open_own_files = open_own_files_from_page;
    return made;
  }();
  return *app;
}

}  // namespace bn_app

namespace {

// web/loader.js downloads a data set's two parts (receiveTestImages, then receiveTrainingImages)
// or one weights file (receiveWeights), or says why it could not (datasetFailed, weightsFailed).
// Until the page has wired up its side, the request waits.
bool request_from_page(bn_app::Session&, const bn_app::DatasetHub::Request& request) {
  // The braces hold JavaScript, which clang-format would rewrite as C++.
  // clang-format off
  return EM_ASM_INT({
    if (typeof Module.requestDataset !== 'function') return 0;
    if ($1 && HEAPU8[$1]) Module.requestWeights(UTF8ToString($0), UTF8ToString($1));
    else Module.requestDataset(UTF8ToString($0));
    return 1;
  }, request.dataset.c_str(), request.weights.c_str());
  // clang-format on
}

}  // namespace

#ifndef __EMSCRIPTEN_PTHREADS__
// The single-thread build draws and trains in tasks of its own that the page's event loop runs
// after each animation frame (a MessageChannel, which unlike setTimeout has no 4 ms clamp): first
// the UI's turn, then one unit of training work each (a third of a step, or a chunk of the
// test-loss pass), while the time since the frame began leaves room for one more. The browser's
// input and rendering keep the rest, and no task of ours runs longer than a part of a step.
//
// The UI draws in a task, not in the animation frame itself, because of how a frame reaches the
// screen with software compositing (no GPU, the worst case): the browser reads the canvas back
// from the GPU process when it commits the frame, right after the animation-frame callbacks, and
// waits while that process renders it. Drawn in the animation frame, the main thread waited ~22
// ms for each of the ~9 frames a second drawn while training (a Chromium trace: GLES2::ReadPixels
// in Commit), 20% of its time, that training could not use. Drawn in the task after it, with the
// GPU process asked to render at once (render_ahead), the next frame's commit waited 6-12 ms, and
// the Denoising preset trained at 4.5-4.9k images/s instead of 3.4-4.0k (headless Chromium on 2
// cores, software GL, tests/bench/browser_page.mjs --quick). Until 17.5 ms: 60 fps; later
// limits (21, 24 ms) gave no more training.
constexpr double kTrainUntilMs = 17.5;

// A one-pixel read of the frame into a pixel buffer: it makes the GPU process render the frame
// now, where a flush alone only queues the commands, and unlike a read into memory it does not
// wait for the result.
namespace {
void render_ahead() {
  static GLuint pixel = 0;
  if (pixel == 0) {
    glGenBuffers(1, &pixel);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, pixel);
    glBufferData(GL_PIXEL_PACK_BUFFER, 4, nullptr, GL_STREAM_READ);
  }
  glBindBuffer(GL_PIXEL_PACK_BUFFER, pixel);
  glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  glFlush();
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void bn_frame_task() {
  bn_app::App& app = bn_app::web_app();
  if (app.tick()) {
    app.swap();
    render_ahead();
  }
}

extern "C" EMSCRIPTEN_KEEPALIVE int bn_train_between_frames(double since_frame_ms, int first) {
  bn_app::App& app = bn_app::web_app();
  const double ms_left = kTrainUntilMs - since_frame_ms;
  const double start = emscripten_get_now();
  bool more = false;
  try {
    more = app.session().training().train_between_frames(ms_left, first != 0);
  } catch (const std::exception& e) {
    app.session().report_failure(e);
  }
  const double spent = emscripten_get_now() - start;
  // A call that found nothing to do (training paused) is no task of note for the main thread's times.
  if (spent > 0.05) app.ui().state.work_ms.add(static_cast<float>(spent));
  return more ? 1 : 0;
}

namespace {

void draw_and_train_after_each_frame() {
  bn_app::web_app().session().training().set_trains_between_frames(true);
  // No comma outside parentheses in the code: the macro would split its argument there.
  // clang-format off
  EM_ASM({
    const channel = new MessageChannel();
    let frameStart = 0;
    let frameDue = false;
    let first = false;
    let queued = false;
    channel.port1.onmessage = () => {
      queued = false;
      let more;
      if (frameDue) {
        frameDue = false;
        _bn_frame_task();
        more = true;
      } else {
        more = _bn_train_between_frames(performance.now() - frameStart, first ? 1 : 0);
        first = false;
      }
      if (more) { queued = true; channel.port2.postMessage(0); }
    };
    Module.afterAnimationFrame = (started) => {
      frameStart = started;
      frameDue = true;
      first = true;
      if (!queued) { queued = true; channel.port2.postMessage(0); }
    };
  });
  // clang-format on
}

}  // namespace
#endif

int main() {
  bn_app::App& app = bn_app::web_app();
  // The canvas is sized by CSS (the whole page); SDL follows it and the device pixel ratio.
  if (!app.open(1280, 720, request_from_page)) return 1;
#ifdef __EMSCRIPTEN_PTHREADS__
  emscripten_set_main_loop(
      [] {
        bn_app::App& app = bn_app::web_app();
        if (app.tick()) app.swap();
      },
      0, true);
#else
  draw_and_train_after_each_frame();
  emscripten_set_main_loop([] { EM_ASM({ Module.afterAnimationFrame($0); }, emscripten_get_now()); }, 0, true);
#endif
  return 0;
}
#endif
