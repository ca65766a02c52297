// The browser's main. The page (web/loader.js) provides the <canvas id="canvas">, answers the
// app's data set requests (Module.requestDataset) through the page API (src/bindings/page_api.cpp),
// and /fonts/ui.ttf, preloaded into the virtual file system; the browser calls the frame function
// on every animation frame.
#ifdef __EMSCRIPTEN__
#include <cstdint>
#include <string>
#include <vector>

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

int main() {
  bn_app::App& app = bn_app::web_app();
  // The canvas is sized by CSS (the whole page); SDL follows it and the device pixel ratio.
  if (!app.open(1280, 720, request_from_page)) return 1;
  emscripten_set_main_loop(
      [] {
        bn_app::App& app = bn_app::web_app();
        app.frame();
        app.swap();
      },
      0, true);
  return 0;
}
#endif
