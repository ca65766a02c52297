// What the browser's and the desktop's `main` share: an SDL2 window with an OpenGL ES 3 / WebGL2
// context, Dear ImGui on top, the session and its UI, and one frame function.
//
//   App app;
//   if (!app.open(1280, 720, fetch)) return 1;  // `fetch` answers the session's data and weights requests
//   while (!app.quit()) { app.frame(); app.swap(); }
//   app.close();                                // GL resources first, then the context
#pragma once

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
  // One frame: input, the session's update, the UI, and GL's draw calls (not the swap).
  void frame();
  void swap() { SDL_GL_SwapWindow(window_); }
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
};

}  // namespace bn_app
