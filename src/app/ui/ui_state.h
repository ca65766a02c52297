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

// A finger on the canvas, from the page's touch pointer events. The canvas takes every touch (so
// that drawing never scrolls the page), so the browser scrolls nothing: a mostly vertical swipe
// that does not start on the pad scrolls the panel under it instead, as a phone scrolls a page.
struct TouchPan {
  enum Phase { kDown = 0, kMove = 1, kUp = 2 };
  bool down = false;
  bool panning = false;
  bool lifted = false;  // the next frame takes the hover away: a tapped tooltip stayed on screen
  float start_x = 0, start_y = 0, last_x = 0, last_y = 0;  // CSS pixels
  float unapplied_dy = 0;                                  // moved since the last frame scrolled
  uint32_t window = 0;                                     // the ImGui window scrolled first (its ID)
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
  // A lesson's step points at a panel the page may have scrolled out of sight ("Look for: the
  // Noise panel" at a projector's scale): the next frame scrolls the page to it.
  enum class Reveal { kNone, kDraw, kNoise, kTabs };
  Reveal reveal = Reveal::kNone;
  // Where the Lessons window moves once, so that it does not cover the panel revealed.
  enum class LessonsCorner { kStay, kBottomLeft, kBottomRight };
  LessonsCorner lessons_corner = LessonsCorner::kStay;
  bool loss_log_scale = false;     // the Training tab's loss axis
  // Turns of the main loop since start (tests wait on frames, not milliseconds), and the frames
  // of them the UI drew: it draws only when something on screen may have changed.
  uint64_t frames = 0;
  uint64_t drawn_frames = 0;
  double now = 0.0;                // seconds, the platform's clock, at this frame
  double draw_again_at = 1e300;    // a frame the UI wants drawn then, with no input (the clock's time)
  PageMode mode;
  // The page's address without its hash (the platform's; "" on the desktop, which has no links).
  std::string page_address;
  std::string copied;            // the last link or embed code put on the clipboard
  const char* copied_what = "";  // "link" or "embed"
  double copied_at = -1e9;       // when (`now`): its button says "Copied" for a moment
  float fps = 0.0f;      // turns of the main loop per second, drawn or not
  TimeHistory frame_ms;  // from one turn's start to the next's
  // The main thread's own work in each of its tasks, measured by the platform: each turn (update,
  // and when it draws, the UI and GL submission), and in the single-thread page each slice of
  // training between frames. What is left of frame_ms is the browser's and waiting for vsync.
  TimeHistory work_ms;
  TouchPan touch;
};

// Sets the UI scale, in quarter steps, clamped to [kMinScale, kMaxScale].
void set_ui_scale(UiState& ui, float scale);

}  // namespace bn_app
