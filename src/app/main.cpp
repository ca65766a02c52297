// The platform layer: an SDL2 window with an OpenGL ES 3 / WebGL2 context, Dear ImGui on top,
// and one frame function that the browser calls on every animation frame.
//
// What the page provides (web/loader.js): the <canvas id="canvas">, the data set bytes (through
// bindings/automation.cpp), and /fonts/ui.ttf, preloaded into the virtual file system.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>

#include "app/app_state.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"

namespace {

struct Platform {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
};

Platform platform;

// The font is rasterised at the device pixel ratio and drawn at 1/ratio, so text stays sharp on
// high-DPI screens while layouts keep working in CSS pixels.
void load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  ImFontConfig config;
  config.OversampleH = 2;
  if (!io.Fonts->AddFontFromFileTTF("/fonts/ui.ttf", 16.0f * ratio, &config)) {
    std::fprintf(stderr, "bottleneck: /fonts/ui.ttf is missing; using ImGui's built-in font\n");
    io.Fonts->AddFontDefault();
    return;
  }
  io.FontGlobalScale = 1.0f / ratio;
}

void apply_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.WindowPadding = ImVec2(10.0f, 10.0f);
}

void frame() {
  bn_app::AppState& state = bn_app::app_state();
  SDL_Event event;
  while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  bn_app::app_update(state);
  bn_app::app_draw(state);
  ImGui::Render();

  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(platform.window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(platform.window);
}

}  // namespace

int main() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "bottleneck: SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  // The canvas is sized by CSS (the whole page); SDL follows it and the device pixel ratio.
  platform.window = SDL_CreateWindow("Bottleneck", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 1280, 720,
                                     SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!platform.window) {
    std::fprintf(stderr, "bottleneck: cannot create the window: %s\n", SDL_GetError());
    return 1;
  }
  platform.gl = SDL_GL_CreateContext(platform.window);
  if (!platform.gl) {
    std::fprintf(stderr, "bottleneck: WebGL2 is not available: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(platform.window, platform.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing is stored in the browser
  apply_style();
  load_fonts();
  ImGui_ImplSDL2_InitForOpenGL(platform.window, platform.gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

#ifdef __EMSCRIPTEN_PTHREADS__
  bn_app::app_state().threaded = true;
#endif
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
