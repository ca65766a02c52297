// The platform layer: an SDL2 window with an OpenGL ES 3 / WebGL2 context, Dear ImGui on top, and
// one frame function. The same file builds for the browser and as a native desktop window.
//
// In the browser the page provides (web/loader.js) the <canvas id="canvas">, the data set and the
// pretrained weights (through bindings/automation.cpp), and /fonts/ui.ttf, preloaded into the
// virtual file system; the browser calls frame() on every animation frame.
//
// Natively (bottleneck-desktop) this file reads the same files from disk and runs its own loop:
//   bottleneck-desktop [--data DIR] [--weights DIR] [--size 1280x720]
//                      [--frames N --screenshot FILE.png]   (a smoke test: render N frames, save)
#include <GLES3/gl3.h>
#include <SDL.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstdlib>

#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>
#endif

#include <chrono>
#include <cstdio>

#include "app/app_state.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"

namespace {

struct Platform {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  float applied_scale = 0.0f;     // the UI scale and theme the fonts and style were built for
  bool applied_light = false;
  bool quit = false;
};

Platform platform;

// Fetches a data set the Training tab asked for and hands it to the app (bn_app::app_receive_dataset):
// the page downloads it; the desktop reads it from disk.
void fetch_dataset(bn_app::AppState& state, const std::string& id);

#ifdef __EMSCRIPTEN__
constexpr const char* kFontPath = "/fonts/ui.ttf";
float pixel_ratio() { return static_cast<float>(emscripten_get_device_pixel_ratio()); }
#else
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
float pixel_ratio() {
  int window_width = 0, drawable_width = 0, height = 0;
  SDL_GetWindowSize(platform.window, &window_width, &height);
  SDL_GL_GetDrawableSize(platform.window, &drawable_width, &height);
  return window_width > 0 ? static_cast<float>(drawable_width) / window_width : 1.0f;
}
#endif

// The font is rasterised at the device pixel ratio times the UI scale and drawn at 1/ratio, so
// text stays sharp on high-DPI screens and on a projector at 3x, while layouts keep working in CSS
// pixels.
void load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float ratio = pixel_ratio();
  ImFontConfig config;
  config.OversampleH = 2;
  if (!io.Fonts->AddFontFromFileTTF(kFontPath, 16.0f * ratio * scale, &config)) {
    std::fprintf(stderr, "bottleneck: %s is missing; using ImGui's built-in font\n", kFontPath);
    io.Fonts->AddFontDefault();
    io.FontGlobalScale = scale;
    return;
  }
  io.FontGlobalScale = 1.0f / ratio;
}

void apply_style(float scale, bool light) {
  ImGuiStyle style;
  if (light) ImGui::StyleColorsLight(&style);
  else ImGui::StyleColorsDark(&style);
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.WindowPadding = ImVec2(10.0f, 10.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

// The presentation settings are read from the app state each frame; fonts and style are rebuilt
// only when they change (a new font atlas costs a few milliseconds).
void apply_presentation(const bn_app::AppState& state) {
  if (state.ui_scale == platform.applied_scale && state.light_theme == platform.applied_light) return;
  if (state.ui_scale != platform.applied_scale) {
    load_fonts(state.ui_scale);
    if (platform.applied_scale > 0.0f) {  // after start-up: the backend already has a font texture
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
  apply_style(state.ui_scale, state.light_theme);
  platform.applied_scale = state.ui_scale;
  platform.applied_light = state.light_theme;
}

void frame() {
  bn_app::AppState& state = bn_app::app_state();
  const auto start = std::chrono::steady_clock::now();
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) platform.quit = true;
  }

  apply_presentation(state);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  bn_app::app_update(state);
  bn_app::app_draw(state);
  ImGui::Render();
  if (state.dataset_wanted != state.dataset_requested) {
    state.dataset_requested = state.dataset_wanted;
    fetch_dataset(state, state.dataset_wanted);
  }

  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(platform.window, &width, &height);
  glViewport(0, 0, width, height);
  if (state.light_theme) glClearColor(0.86f, 0.87f, 0.89f, 1.0f);
  else glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const float work = std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - start).count();
  state.work_ms.add(work);
}

#ifdef __EMSCRIPTEN__
// web/loader.js downloads it (with the weights trained on it) and calls receiveDataset, or
// datasetFailed with the reason.
void fetch_dataset(bn_app::AppState& state, const std::string& id) {
  const int asked = EM_ASM_INT({
    if (typeof Module.requestDataset !== 'function') return 0;
    Module.requestDataset(UTF8ToString($0));
    return 1;
  }, id.c_str());
  if (!asked) bn_app::app_dataset_failed(state, id, "this page does not download data sets");
}
#else
// [SECTION] The desktop build: files from disk, its own loop, and a screenshot for the smoke test.

struct DesktopOptions {
  std::string data_dir = BOTTLENECK_DEFAULT_DATA_DIR;
  std::string weights_dir = BOTTLENECK_DEFAULT_WEIGHTS_DIR;
  int width = 1280, height = 720;
  int frames = 0;                // 0: run until the window is closed
  std::string screenshot;
};

bool read_file(const std::string& path, std::vector<uint8_t>& bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

DesktopOptions desktop_options;

// What web/loader.js does for the page: the weights trained on a data set first, then the data.
void fetch_dataset(bn_app::AppState& state, const std::string& id) {
  std::vector<uint8_t> bytes;
  for (const char* kind : {"denoise", "ae", "sparse", "vae", "conv", "pca"}) {
    const std::string path = desktop_options.weights_dir + "/" + id + "-" + kind + ".safetensors";
    if (read_file(path, bytes)) bn_app::app_receive_weights(state, id, kind, bytes);
    else std::fprintf(stderr, "bottleneck: no pretrained weights at %s\n", path.c_str());
  }
  bn_app::app_weights_done(state, id);
  const std::string data = desktop_options.data_dir + "/" + id + "10k.bnds";
  if (read_file(data, bytes)) bn_app::app_receive_dataset(state, id, bytes);
  else if (!state.trainer) state.loading.error = "Cannot read " + data + ": run ./build.sh deps to make it.";
  else bn_app::app_dataset_failed(state, id, "cannot read " + data);
}

void load_from_disk(bn_app::AppState& state) {
  fetch_dataset(state, "mnist");
  std::vector<uint8_t> bytes;
  if (read_file(desktop_options.data_dir + "/fashion-test-1k.bnds", bytes))
    bn_app::app_receive_anomalies(state, "Fashion-MNIST (1,000 test items)", bytes);
}

bool parse_options(int argc, char** argv, DesktopOptions& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--data" && has_value) options.data_dir = argv[++i];
    else if (arg == "--weights" && has_value) options.weights_dir = argv[++i];
    else if (arg == "--frames" && has_value) options.frames = std::atoi(argv[++i]);
    else if (arg == "--screenshot" && has_value) options.screenshot = argv[++i];
    else if (arg == "--size" && has_value && std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) == 2) continue;
    else {
      std::fprintf(stderr,
                   "usage: bottleneck-desktop [--data DIR] [--weights DIR] [--size WxH] [--frames N --screenshot FILE]\n"
                   "unknown or incomplete option: %s\n", arg.c_str());
      return false;
    }
  }
  if (options.width < 320 || options.height < 240 || options.frames < 0) {
    std::fprintf(stderr, "bottleneck-desktop: --size must be at least 320x240 and --frames not negative\n");
    return false;
  }
  return true;
}

// What the smoke test judges in the back buffer: how many distinct colours it holds (a blank
// window has one), and the share of bright pixels in the Training tab's grid, in its test digits
// and in their reconstructions by the pretrained model (measured: 10% and 11%). The window's
// chrome alone has plenty of colours but no digits there.
struct ScreenCheck {
  size_t colours = 0;
  float originals_bright = 0.0f;
  float reconstructions_bright = 0.0f;
};

// The two halves of the grid, without the one-line label over each, in drawable pixels.
struct GridHalves {
  bn_app::ScreenRect originals, reconstructions;
};

GridHalves grid_halves(const bn_app::ScreenRect& grid, float ratio) {
  auto half = [&](float x) {
    return bn_app::ScreenRect{x * ratio, (grid.y + 0.2f * grid.h) * ratio, 0.48f * grid.w * ratio,
                              0.8f * grid.h * ratio};
  };
  return {half(grid.x), half(grid.x + 0.52f * grid.w)};
}

bool inside(const bn_app::ScreenRect& r, int x, int y) {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

// Saves the back buffer as a PNG and judges it.
ScreenCheck save_screenshot(const std::string& path, const bn_app::ScreenRect& grid) {
  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(platform.window, &width, &height);
  std::vector<uint8_t> rgba(static_cast<size_t>(width) * height * 4);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  std::set<uint32_t> colours;
  std::vector<uint8_t> flipped(rgba.size());
  const GridHalves halves = grid_halves(grid, pixel_ratio());
  size_t bright[2] = {0, 0}, counted[2] = {0, 0};
  for (int y = 0; y < height; ++y) {
    const uint8_t* row = &rgba[static_cast<size_t>(height - 1 - y) * width * 4];  // GL's rows start at the bottom
    std::memcpy(&flipped[static_cast<size_t>(y) * width * 4], row, static_cast<size_t>(width) * 4);
    for (int x = 0; x < width; ++x) {
      uint32_t colour = 0;
      std::memcpy(&colour, row + x * 4, 4);
      colours.insert(colour | 0xFF000000u);
      const int half = inside(halves.originals, x, y) ? 0 : inside(halves.reconstructions, x, y) ? 1 : -1;
      if (half < 0) continue;
      ++counted[half];
      if (std::max({row[x * 4], row[x * 4 + 1], row[x * 4 + 2]}) > 200) ++bright[half];
    }
  }
  if (!stbi_write_png(path.c_str(), width, height, 4, flipped.data(), width * 4))
    std::fprintf(stderr, "bottleneck-desktop: cannot write %s\n", path.c_str());
  ScreenCheck check;
  check.colours = colours.size();
  check.originals_bright = counted[0] ? static_cast<float>(bright[0]) / counted[0] : 0.0f;
  check.reconstructions_bright = counted[1] ? static_cast<float>(bright[1]) / counted[1] : 0.0f;
  return check;
}
#endif

}  // namespace

int main(int argc, char** argv) {
#ifndef __EMSCRIPTEN__
  DesktopOptions& options = desktop_options;
  if (!parse_options(argc, argv, options)) return 2;
#else
  (void)argc;
  (void)argv;
#endif
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "bottleneck: SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
#ifdef __EMSCRIPTEN__
  // The canvas is sized by CSS (the whole page); SDL follows it and the device pixel ratio.
  const int width = 1280, height = 720;
#else
  const int width = options.width, height = options.height;
#endif
  platform.window = SDL_CreateWindow("Bottleneck", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, width, height,
                                     SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!platform.window) {
    std::fprintf(stderr, "bottleneck: cannot create the window: %s\n", SDL_GetError());
    return 1;
  }
  platform.gl = SDL_GL_CreateContext(platform.window);
  if (!platform.gl) {
    std::fprintf(stderr, "bottleneck: OpenGL ES 3 / WebGL2 is not available: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(platform.window, platform.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no layout file: the layout is computed each frame
  apply_presentation(bn_app::app_state());
  ImGui_ImplSDL2_InitForOpenGL(platform.window, platform.gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

#ifdef __EMSCRIPTEN__
#ifdef __EMSCRIPTEN_PTHREADS__
  bn_app::app_state().threaded = true;
#endif
  emscripten_set_main_loop(
      [] {
        frame();
        SDL_GL_SwapWindow(platform.window);
      },
      0, true);
  return 0;
#else
  bn_app::AppState& state = bn_app::app_state();
  state.threaded = true;  // the trainer has its own std::thread, as in the browser's mt build
  load_from_disk(state);
  SDL_GL_SetSwapInterval(1);
  int exit_code = 0;
  for (int rendered = 1; !platform.quit; ++rendered) {
    frame();
    if (options.frames > 0 && rendered >= options.frames) {
      if (!options.screenshot.empty()) {
        const ScreenCheck check = save_screenshot(options.screenshot, state.layout.training_grid);
        const bool digits_shown = check.originals_bright > 0.05f && check.reconstructions_bright > 0.05f;
        std::printf("{\"frames\": %d, \"ready\": %s, \"preset\": \"%s\", \"colours\": %zu, "
                    "\"gridBright\": {\"originals\": %.3f, \"reconstructions\": %.3f}, \"screenshot\": \"%s\"}\n",
                    rendered, state.ready() ? "true" : "false", state.preset.c_str(), check.colours,
                    check.originals_bright, check.reconstructions_bright, options.screenshot.c_str());
        if (!state.ready() || state.preset.empty() || check.colours < 20 || !digits_shown) exit_code = 1;
      }
      break;
    }
    SDL_GL_SwapWindow(platform.window);
  }
  state.trainer_thread.reset();  // stops and joins the trainer
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(platform.gl);
  SDL_DestroyWindow(platform.window);
  SDL_Quit();
  // The app state is a static whose textures would be deleted after their GL context is gone:
  // leave without running static destructors (the OS reclaims the memory).
  std::fflush(stdout);
  std::_Exit(exit_code);
#endif
}
