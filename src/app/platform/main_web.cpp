// The browser's main. The page (web/loader.js) provides the <canvas id="canvas">, answers the
// app's data set requests (Module.requestDataset) through the page API (src/bindings/page_api.cpp),
// and /fonts/ui.ttf, preloaded into the virtual file system; the browser calls the frame function
// on every animation frame.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "app/platform/web_app.h"

namespace bn_app {

App& web_app() {
#ifdef __EMSCRIPTEN_PTHREADS__
  constexpr bool kThreaded = true;  // the trainer has its own thread
#else
  constexpr bool kThreaded = false;
#endif
  // It lives as long as the page does: the browser never returns from the main loop.
  static App* app = new App(kThreaded);
  return *app;
}

}  // namespace bn_app

namespace {

// web/loader.js downloads the data set (with the weights trained on it) and calls receiveDataset,
// or datasetFailed with the reason. Until the page has wired up its side, the request waits.
bool request_dataset(bn_app::Session&, const std::string& id) {
  // The braces hold JavaScript, which clang-format would rewrite as C++.
  // clang-format off
  return EM_ASM_INT({
    if (typeof Module.requestDataset !== 'function') return 0;
    Module.requestDataset(UTF8ToString($0));
    return 1;
  }, id.c_str());
  // clang-format on
}

}  // namespace

int main() {
  bn_app::App& app = bn_app::web_app();
  // The canvas is sized by CSS (the whole page); SDL follows it and the device pixel ratio.
  if (!app.open(1280, 720, request_dataset)) return 1;
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
