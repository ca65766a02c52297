// What the browser's and the desktop's `main` share: an SDL2 window with an OpenGL ES 3 / WebGL2
// context, Dear ImGui on top, the session and its UI, and one frame function.
//
//   App app;
//   if (!app.open(1280, 720, fetch)) return 1;  // `fetch` answers the session's data and weights requests
//   while (!app.quit()) if (app.tick()) app.swap();
//   app.close();                                // GL resources first, then the context
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <SDL.h>

#include "app/session/session.h"
#include "app/ui/ui.h"

namespace bn_app {

class App {
 public:
  // Fetches a data set or a weights file the session asked for, and hands it to it: the page
  // downloads them, the desktop reads them from disk. False: it cannot ask yet, and will be asked
  // again next frame.
  using Fetch = std::function<bool(Session&, const DatasetHub::Request&)>;

  explicit App(bool threaded) : session_(threaded) {}
  ~App() { close(); }
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Creates the window, the GL context and ImGui; false (with a message on stderr) on failure.
  bool open(int width, int height, Fetch fetch);
  // One turn of the main loop: input, the session's update, the data and weights it asks for,
  // and, when something on screen may have changed, a frame of the UI and its GL draw calls (not
  // the swap). True when it drew. A frame is drawn after input (for a moment), when the session's
  // state changed (at most ~10 times a second: training's plots and grid), while an animation
  // runs, and when the window's size changes; otherwise the screen keeps the last frame, and the
  // CPU goes to the trainer (and, without a GPU, to the browser's software rendering).
  bool tick();
  void swap() { SDL_GL_SwapWindow(window_); }
  // Something that is not an SDL event changed what the UI shows or takes (a page call, the
  // page's pointer): the next frames are drawn as after input.
  void wake() { woken_ = true; }
  // Every turn draws (the desktop's screenshot runs, which read the frame they count).
  void draw_every_frame() { always_draw_ = true; }
  bool quit() const { return quit_; }
  // Stops the trainer, then releases the UI's GL resources, ImGui, the context and the window.
  void close();

  // The desktop's pen is SDL's mouse; the page sends its pointer events itself (add_pen_sample).
  void take_pen_from_sdl() { pen_from_sdl_ = true; }
  // One pointer reading for the Draw panel; the oldest go when a frame never comes to read them.
  void add_pen_sample(const PenSample& sample);

  Session& session() { return session_; }
  Ui& ui() { return ui_; }
  SDL_Window* window() { return window_; }
  // Drawable pixels per CSS pixel.
  float pixel_ratio() const;

 private:
  void apply_presentation();
  bool should_draw(double now);
  void draw();

  Session session_;
  Ui ui_;
  Fetch fetch_;
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  bool imgui_ready_ = false;
  float applied_scale_ = 0.0f;  // the UI scale and theme the fonts and style were built for
  bool applied_light_ = false;
  bool quit_ = false;
  bool pen_from_sdl_ = false;
  bool woken_ = false;
  bool always_draw_ = false;
  std::chrono::steady_clock::time_point clock_start_;
  double draw_until_ = 0.0;       // frames are drawn until then, after input
  uint64_t drawn_state_ = 0;      // the session state's fingerprint in the last frame drawn
  double state_drawn_at_ = -1e9;  // when a frame was last drawn
  int drawn_width_ = 0, drawn_height_ = 0;
};

}  // namespace bn_app
