#include "app/platform/app.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <vector>

#include <GLES3/gl3.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#endif

#include "app/session/state_writer.h"
#include "app/ui/glyph_ranges.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"
#include "imgui_internal.h"  // ErrorCheckEndFrameRecover

namespace bn_app {

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kFontPath = "/fonts/ui.ttf";  // preloaded into the virtual file system
#else
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
#endif

// The font is rasterised at the device pixel ratio times the UI scale and drawn at 1/ratio, so
// text stays sharp on high-DPI screens and on a projector at 3x, while layouts keep working in CSS
// pixels.
void load_fonts(float scale, float ratio) {
  // The atlas keeps a pointer to the ranges: they must outlive it.
  static const std::vector<ImWchar> ranges(std::begin(kGlyphRanges), std::end(kGlyphRanges));
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  config.GlyphRanges = ranges.data();
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

}  // namespace

float App::pixel_ratio() const {
#ifdef __EMSCRIPTEN__
  return static_cast<float>(emscripten_get_device_pixel_ratio());
#else
  int window_width = 0, drawable_width = 0, height = 0;
  SDL_GetWindowSize(window_, &window_width, &height);
  SDL_GL_GetDrawableSize(window_, &drawable_width, &height);
  return window_width > 0 ? static_cast<float>(drawable_width) / window_width : 1.0f;
#endif
}

bool App::open(int width, int height, Fetch fetch) {
  fetch_ = std::move(fetch);
  clock_start_ = std::chrono::steady_clock::now();
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "bottleneck: SDL_Init failed: %s\n", SDL_GetError());
    return false;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  window_ = SDL_CreateWindow("Bottleneck", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, width, height,
                             SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!window_) {
    std::fprintf(stderr, "bottleneck: cannot create the window: %s\n", SDL_GetError());
    return false;
  }
  gl_ = SDL_GL_CreateContext(window_);
  if (!gl_) {
    std::fprintf(stderr, "bottleneck: OpenGL ES 3 / WebGL2 is not available: %s\n", SDL_GetError());
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no layout file: the layout is computed each frame
  apply_presentation();
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  imgui_ready_ = true;
  return true;
}

// The presentation settings are read from the UI state each frame; fonts and style are rebuilt
// only when they change (a new font atlas costs a few milliseconds).
void App::apply_presentation() {
  const UiState& ui = ui_.state;
  if (ui.scale == applied_scale_ && ui.light_theme == applied_light_) return;
  if (ui.scale != applied_scale_) {
    load_fonts(ui.scale, pixel_ratio());
    if (applied_scale_ > 0.0f) {  // after start-up: the backend already has a font texture
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
  apply_style(ui.scale, ui.light_theme);
  applied_scale_ = ui.scale;
  applied_light_ = ui.light_theme;
}

void App::add_pen_sample(const PenSample& sample) {
  std::vector<PenSample>& samples = ui_.pointer.samples;
  constexpr size_t kMaxSamples = 4096;  // a minute of 60 Hz readings: more means no frame is drawn
  if (samples.size() >= kMaxSamples) samples.erase(samples.begin(), samples.begin() + kMaxSamples / 2);
  samples.push_back(sample);
}

namespace {

// A desktop mouse event as a pen reading; false for other events.
bool pen_sample_of(const SDL_Event& event, PenSample& sample) {
  uint32_t buttons = 0;
  if (event.type == SDL_MOUSEMOTION) {
    sample.x = static_cast<float>(event.motion.x);
    sample.y = static_cast<float>(event.motion.y);
    buttons = event.motion.state;
  } else if (event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) {
    sample.x = static_cast<float>(event.button.x);
    sample.y = static_cast<float>(event.button.y);
    // A press is that button alone; a release lifts the pen.
    buttons = event.type == SDL_MOUSEBUTTONDOWN ? SDL_BUTTON(event.button.button) : 0u;
  } else {
    return false;
  }
  sample.down = (buttons & (SDL_BUTTON_LMASK | SDL_BUTTON_RMASK)) != 0;
  sample.erase = (buttons & SDL_BUTTON_RMASK) != 0;
  sample.pressure = 1.0f;
  return true;
}

}  // namespace

namespace {

// After an input event the UI draws every frame for this long: ImGui's hover, its key repeat and
// a widget's second frame of layout all follow input by a few frames.
constexpr double kDrawAfterInput = 1.0;
// A change of the session's state that no input caused (training's progress, a download coming
// in) is drawn at most this often: live plots and the training grid at a pace a person can read.
constexpr double kStateChangeInterval = 0.1;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

bool App::tick() {
  const auto start = std::chrono::steady_clock::now();
  const double now = std::chrono::duration<double>(start - clock_start_).count();
  UiState& ui = ui_.state;
  if (ui.frames > 0) ui.frame_ms.add(static_cast<float>(1000.0 * (now - ui.now)));
  ++ui.frames;
  ui.now = now;
  ui.fps = ui.frame_ms.size() ? 1000.0f / std::max(ui.frame_ms.summary(60).median, 1.0f) : 0.0f;

  bool input = woken_;
  woken_ = false;
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    input = true;
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) quit_ = true;
    PenSample sample;
    if (pen_from_sdl_ && pen_sample_of(event, sample)) add_pen_sample(sample);
  }
  if (input) draw_until_ = now + kDrawAfterInput;
  try {
    session_.update(now, ui.frame_ms.summary(30).median);
  } catch (const std::exception& e) {
    session_.report_failure(e);
  }
  // The one place data and weights are asked for, on the page and on the desktop alike.
  while (const auto request = session_.datasets().next_request()) {
    if (fetch_(session_, *request)) continue;
    session_.datasets().retry_request(*request);
    break;
  }
  const bool drawn = should_draw(now);
  if (drawn) draw();
  ui.work_ms.add(static_cast<float>(1000.0 * seconds_since(start)));
  return drawn;
}

bool App::should_draw(double now) {
  const UiState& ui = ui_.state;
  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(window_, &width, &height);
  const ImGuiIO& io = ImGui::GetIO();
  const bool must = always_draw_ || now < draw_until_ || now >= ui.draw_again_at || session_.animating() ||
                    io.WantTextInput || ImGui::IsAnyMouseDown() || width != drawn_width_ || height != drawn_height_;
  // The state's fingerprint (a walk over all of it) only when it can decide, or must be kept for
  // the frame about to be drawn: not in the turns between two of training's ~10 draws a second.
  const bool state_may_draw = now - state_drawn_at_ >= kStateChangeInterval;
  if (!must && !state_may_draw) return false;
  StateFingerprint fingerprint;
  session_.describe(fingerprint);
  if (!must && fingerprint.digest() == drawn_state_) return false;
  drawn_state_ = fingerprint.digest();
  state_drawn_at_ = now;
  drawn_width_ = width;
  drawn_height_ = height;
  if (now >= ui.draw_again_at) ui_.state.draw_again_at = 1e300;
  return true;
}

void App::draw() {
  apply_presentation();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  // The edge of every frame: an exception thrown in it (the page would see only a number, and its
  // main loop would stop for good) closes what ImGui had open and becomes the notice.
  try {
    draw_ui(session_, ui_);
  } catch (const std::exception& e) {
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    session_.report_failure(e);
  }
  ImGui::Render();
  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  if (ui_.state.light_theme) glClearColor(0.86f, 0.87f, 0.89f, 1.0f);
  else glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void App::close() {
  session_.training().stop();
  if (imgui_ready_) {
    ui_.textures.clear();  // while the GL context is still current
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    imgui_ready_ = false;
  }
  if (gl_) SDL_GL_DeleteContext(gl_);
  if (window_) SDL_DestroyWindow(window_);
  if (gl_ || window_) SDL_Quit();
  gl_ = nullptr;
  window_ = nullptr;
}

}  // namespace bn_app
