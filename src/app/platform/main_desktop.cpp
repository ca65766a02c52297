// The desktop's main (bottleneck-desktop): the same app in a native window, reading the data sets
// and the pretrained weights from disk, with its own loop.
//   bottleneck-desktop [--data DIR] [--weights DIR] [--size 1280x720]
//                      [--frames N --screenshot FILE.png]   (a smoke test: render N frames, save)
#ifndef __EMSCRIPTEN__
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <GLES3/gl3.h>
#include <stb/stb_image_write.h>

#include "app/platform/app.h"

namespace {

struct DesktopOptions {
  std::string data_dir = BOTTLENECK_DEFAULT_DATA_DIR;
  std::string weights_dir = BOTTLENECK_DEFAULT_WEIGHTS_DIR;
  int width = 1280, height = 720;
  int frames = 0;  // 0: run until the window is closed
  std::string screenshot;
};

bool read_file(const std::string& path, std::vector<uint8_t>& bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

// Every weights file trained on a data set, then the data (the page fetches weights one by one).
bool read_dataset(const DesktopOptions& options, bn_app::Session& session, const std::string& id) {
  std::vector<uint8_t> bytes;
  for (const char* kind : bn_app::kPretrainedKinds) {
    const std::string path = options.weights_dir + "/" + id + "-" + kind + ".safetensors";
    if (read_file(path, bytes)) session.receive_weights(id, kind, bytes);
    else std::fprintf(stderr, "bottleneck: no pretrained weights at %s\n", path.c_str());
  }
  session.weights_done(id);
  const std::string data = options.data_dir + "/" + id + "10k.bnds";
  if (read_file(data, bytes)) session.receive_dataset(id, bytes);
  else session.dataset_failed(id, "cannot read " + data + " (run ./build.sh deps to make it)");
  // Clothes for the Anomaly tab, before Fashion-MNIST itself is chosen.
  if (id == "mnist" && read_file(options.data_dir + "/fashion-test-1k.bnds", bytes))
    session.receive_anomalies("Fashion-MNIST (1,000 test items)", bytes);
  return true;
}

bool parse_options(int argc, char** argv, DesktopOptions& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--data" && has_value) options.data_dir = argv[++i];
    else if (arg == "--weights" && has_value) options.weights_dir = argv[++i];
    else if (arg == "--frames" && has_value) options.frames = std::atoi(argv[++i]);
    else if (arg == "--screenshot" && has_value) options.screenshot = argv[++i];
    else if (arg == "--size" && has_value && std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) == 2)
      continue;
    else {
      std::fprintf(stderr,
                   "usage: bottleneck-desktop [--data DIR] [--weights DIR] [--size WxH] "
                   "[--frames N --screenshot FILE]\nunknown or incomplete option: %s\n",
                   arg.c_str());
      return false;
    }
  }
  if (options.width < 320 || options.height < 240 || options.frames < 0) {
    std::fprintf(stderr, "bottleneck-desktop: --size must be at least 320x240 and --frames not negative\n");
    return false;
  }
  return true;
}

// [SECTION] The smoke test's screenshot

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
ScreenCheck save_screenshot(bn_app::App& app, const std::string& path) {
  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(app.window(), &width, &height);
  std::vector<uint8_t> rgba(static_cast<size_t>(width) * height * 4);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  std::set<uint32_t> colours;
  std::vector<uint8_t> flipped(rgba.size());
  const GridHalves halves = grid_halves(app.ui().probes.get("trainingGrid"), app.pixel_ratio());
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

// Prints the smoke test's verdict as one JSON line; false when the window does not show a working
// playground.
bool judge_screenshot(bn_app::App& app, int rendered, const std::string& path) {
  const ScreenCheck check = save_screenshot(app, path);
  const bn_app::Session& session = app.session();
  const bool digits_shown = check.originals_bright > 0.05f && check.reconstructions_bright > 0.05f;
  std::printf(
      "{\"frames\": %d, \"ready\": %s, \"preset\": \"%s\", \"colours\": %zu, "
      "\"gridBright\": {\"originals\": %.3f, \"reconstructions\": %.3f}, \"screenshot\": \"%s\"}\n",
      rendered, session.started() ? "true" : "false", session.preset().c_str(), check.colours, check.originals_bright,
      check.reconstructions_bright, path.c_str());
  return session.started() && !session.preset().empty() && check.colours >= 20 && digits_shown;
}

}  // namespace

int main(int argc, char** argv) {
  DesktopOptions options;
  if (!parse_options(argc, argv, options)) return 2;
  // The trainer has its own std::thread, as in the browser's threaded build.
  bn_app::App app(/*threaded=*/true);
  // Every weights file comes with its data set (weights_done): a weights request finds none missing.
  const auto fetch = [&options](bn_app::Session& session, const bn_app::DatasetHub::Request& request) {
    if (request.weights.empty()) return read_dataset(options, session, request.dataset);
    session.weights_failed(request.dataset, request.weights);
    return true;
  };
  if (!app.open(options.width, options.height, fetch)) return 1;
  app.take_pen_from_sdl();
  SDL_GL_SetSwapInterval(1);
  int exit_code = 0;
  // A run of a set number of frames reads the last one: each must be drawn.
  if (options.frames > 0) app.draw_every_frame();
  for (int rendered = 1; !app.quit(); ++rendered) {
    const bool drawn = app.tick();
    if (options.frames > 0 && rendered >= options.frames) {
      if (!options.screenshot.empty() && !judge_screenshot(app, rendered, options.screenshot)) exit_code = 1;
      break;
    }
    if (drawn) app.swap();
    else SDL_WaitEventTimeout(nullptr, 16);  // no swap to wait on vsync: wait for input, or a 60th of a second
  }
  app.close();
  return exit_code;
}
#endif
