// What the interface itself remembers between frames: the presentation (scale, theme), the
// overlays, and how fast frames come. None of it is the playground's state (src/app/session).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/session/time_history.h"

namespace bn_app {

// How the page shows the playground: a link's embed fields (see Settings).
struct PageMode {
  bool embed = false;               // inside another page: no header, only the chosen panels
  std::vector<std::string> panels;  // draw, reconstruction, noise, tabs, or a tab's name; empty: all
  bool controls = true;             // the training controls (train, the data set, the model editor)
  std::string lesson;               // the lesson open in the Lessons window ("" for the list)
};

struct UiState {
  static constexpr float kMinScale = 1.0f, kMaxScale = 3.0f;
  // The whole UI's scale (for projectors) and its theme; the platform layer rebuilds the font and
  // the style when they change.
  float scale = 1.0f;
  bool light_theme = false;
  float header_height = 90.0f;  // measured each frame: the preset row wraps
  bool show_help = false;       // the `?` overlay of keyboard shortcuts
  bool show_lessons = false;    // the Lessons window (L); its lesson is mode.lesson
  int lesson_step = 0;
  bool loss_log_scale = false;     // the Training tab's loss axis
  uint64_t tab_requests_seen = 0;  // the session's last tab request the tab bar has selected
  uint64_t frames = 0;             // drawn since start: tests wait on frames, not milliseconds
  PageMode mode;
  // The page's address without its hash (the platform's; "" on the desktop, which has no links).
  std::string page_address;
  std::string copied;            // the last link or embed code put on the clipboard
  const char* copied_what = "";  // "link" or "embed"
  double copied_at = -1e9;       // when (ImGui's clock): its button says "Copied" for a moment
  float fps = 0.0f;
  TimeHistory frame_ms;  // from one frame's start to the next's
  // The main thread's own share of each frame (update, UI, GL submission), measured by the
  // platform: what is left of frame_ms is the browser's compositing and waiting for the next frame.
  TimeHistory work_ms;
};

// Sets the UI scale, in quarter steps, clamped to [kMinScale, kMaxScale].
void set_ui_scale(UiState& ui, float scale);

}  // namespace bn_app
