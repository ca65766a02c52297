#include "app/ui/ui.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "app/session/lessons.h"
#include "app/ui/panels/panels.h"
#include "imgui_internal.h"  // windows and their scroll, for a finger's swipe

namespace bn_app {

void set_ui_scale(UiState& ui, float scale) {
  ui.scale = std::clamp(std::round(scale * 4.0f) / 4.0f, UiState::kMinScale, UiState::kMaxScale);
}

namespace {

// The keyboard shortcuts of the help overlay (`?`).
void handle_shortcuts(Session& session, Ui& ui) {
  if (ImGui::GetIO().WantTextInput) return;
  auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(key, false); };
  UiState& state = ui.state;
  BrushTool& brush = ui.pointer.brush;
  DrawingPad& pad = session.pad();
  if (pressed(ImGuiKey_Slash) && ImGui::GetIO().KeyShift) state.show_help = !state.show_help;
  if (pressed(ImGuiKey_Escape)) state.show_help = false;
  if (pressed(ImGuiKey_L)) state.show_lessons = !state.show_lessons;
  if (pressed(ImGuiKey_C)) pad.clear();
  if (pressed(ImGuiKey_T)) state.light_theme = !state.light_theme;
  if (pressed(ImGuiKey_Equal) || pressed(ImGuiKey_KeypadAdd)) set_ui_scale(state, state.scale + 0.25f);
  if (pressed(ImGuiKey_Minus) || pressed(ImGuiKey_KeypadSubtract)) set_ui_scale(state, state.scale - 0.25f);
  if (pressed(ImGuiKey_U) || (ImGui::GetIO().KeyCtrl && pressed(ImGuiKey_Z))) pad.undo();
  if (pressed(ImGuiKey_E)) brush = brush == BrushTool::kErase ? BrushTool::kInk : BrushTool::kErase;
  if (pressed(ImGuiKey_H)) brush = brush == BrushTool::kHide ? BrushTool::kInk : BrushTool::kHide;
  if (!session.started()) return;
  const bn::Dataset& test = *session.test_set();
  if (pressed(ImGuiKey_RightArrow)) pad.browse(test, 1);
  if (pressed(ImGuiKey_LeftArrow)) pad.browse(test, -1);
  if (pressed(ImGuiKey_R)) pad.random_test_image(test);
  if (pressed(ImGuiKey_N)) session.cycle_noise();
  if (!state.mode.controls) return;  // an embed's controls=0: the page chose whether it trains
  if (pressed(ImGuiKey_Space)) session.training().post(bn::TrainerCommand::kToggle);
  if (pressed(ImGuiKey_S)) session.training().post(bn::TrainerCommand::kStep);
  for (int i = 0; i < static_cast<int>(presets().size()) && i < 9; ++i)
    if (pressed(static_cast<ImGuiKey>(ImGuiKey_1 + i))) session.select_preset(presets()[i].name);
}

// Scrolls the page (before it begins) so that the panel a lesson points at is in sight.
void reveal_panel(UiState& ui, const PanelLayout& layout, ImVec2 display) {
  const UiState::Reveal reveal = ui.reveal;
  if (reveal == UiState::Reveal::kNone) return;
  ui.reveal = UiState::Reveal::kNone;
  const PanelRect* rect = reveal == UiState::Reveal::kDraw    ? &layout.draw
                          : reveal == UiState::Reveal::kNoise ? &layout.noise
                          : reveal == UiState::Reveal::kTabs  ? &layout.side
                                                               : nullptr;
  const ImGuiWindow* page = ImGui::FindWindowByName("##page");
  if (!rect || rect->size.y <= 0.0f || !layout.scrolls || !page) return;
  const float top = page->Scroll.y, bottom = top + display.y;
  const float margin = ImGui::GetStyle().WindowPadding.y;
  // The Lessons window goes to the other side of the page from the panel.
  ui.lessons_corner = rect->pos.x + 0.5f * rect->size.x < 0.5f * display.x ? UiState::LessonsCorner::kBottomRight
                                                                          : UiState::LessonsCorner::kBottomLeft;
  if (rect->pos.y >= top && rect->pos.y + std::min(rect->size.y, display.y * 0.5f) <= bottom) return;
  ImGui::SetNextWindowScroll(ImVec2(-1.0f, std::max(0.0f, rect->pos.y - margin)));
}

constexpr float kPanSlop = 10.0f;  // CSS pixels a finger moves before a swipe is a scroll, not a tap

bool inside(const ScreenRect& r, float x, float y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }

// The innermost window under a point that can scroll vertically (0 for none).
ImGuiID scrollable_window_at(ImVec2 point) {
  ImGuiWindow* best = nullptr;
  int best_depth = -1;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (!window->WasActive || window->Hidden || window->ScrollMax.y <= 0.0f || !window->Rect().Contains(point))
      continue;
    int depth = 0;
    for (ImGuiWindow* w = window->ParentWindow; w; w = w->ParentWindow) ++depth;
    if (depth > best_depth) {
      best = window;
      best_depth = depth;
    }
  }
  return best ? best->ID : 0;
}

// Scrolls by what the finger moved since the last frame: the window under it first, then, at its
// end, the windows around it (the tab's content, then the page).
void apply_touch_pan(UiState& ui, const WidgetProbes& probes) {
  TouchPan& touch = ui.touch;
  if (touch.down && !touch.panning) {
    const float dx = touch.last_x - touch.start_x, dy = touch.last_y - touch.start_y;
    const bool on_pad = inside(probes.get("pad"), touch.start_x, touch.start_y);
    if (!on_pad && std::abs(dy) > kPanSlop && std::abs(dy) > std::abs(dx)) {
      touch.panning = true;
      touch.window = scrollable_window_at(ImVec2(touch.start_x, touch.start_y));
      touch.unapplied_dy = dy;
      ImGui::ClearActiveID();  // the button the finger went down on is not pressed
    }
  }
  if (touch.panning && touch.unapplied_dy != 0.0f) {
    float wanted = -touch.unapplied_dy;  // a finger moving up scrolls down
    for (ImGuiWindow* w = ImGui::FindWindowByID(touch.window); w && wanted != 0.0f; w = w->ParentWindow) {
      const float from = w->ScrollTarget.y < FLT_MAX ? w->ScrollTarget.y : w->Scroll.y;
      const float to = std::clamp(from + wanted, 0.0f, w->ScrollMax.y);
      if (to != from) ImGui::SetScrollY(w, to);
      wanted -= to - from;
    }
  }
  touch.unapplied_dy = 0.0f;
  if (touch.lifted) {
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    touch = TouchPan{};
  }
}

}  // namespace

void touch_event(UiState& ui, float x, float y, int phase) {
  TouchPan& touch = ui.touch;
  if (phase == TouchPan::kDown) {
    touch = TouchPan{};
    touch.down = true;
    touch.start_x = touch.last_x = x;
    touch.start_y = touch.last_y = y;
    return;
  }
  if (!touch.down) return;
  if (touch.panning) touch.unapplied_dy += y - touch.last_y;
  touch.last_x = x;
  touch.last_y = y;
  if (phase == TouchPan::kUp) {
    touch.down = false;
    touch.lifted = true;
  }
}

void draw_ui(Session& session, Ui& ui) {
  ImGuiIO& io = ImGui::GetIO();
  ++ui.state.drawn_frames;
  handle_shortcuts(session, ui);
  apply_touch_pan(ui.state, ui.probes);

  UiTools tools{ui.textures, ui.probes};
  const PanelChoice shown = panels_shown(ui.state.mode);
  // Embedded, the header shows only a notice, and only while there is one.
  const bool header = !ui.state.mode.embed || !session.notice().empty();
  const PanelLayout layout = compute_panel_layout(io.DisplaySize, header ? ui.state.header_height : 0.0f, shown);
  reveal_panel(ui.state, layout, io.DisplaySize);
  begin_page(io.DisplaySize);
  if (header) header_panel(session, ui, tools, layout.header);
  if (shown.draw)
    draw_pad_panel(session.pad(), session.test_set(), session.dataset(), ui.pointer, tools, layout.draw,
                   ui.state.mode.embed);
  if (shown.reconstruction)
    reconstruction_panel(session.rebuild(), session.pad().empty(), session.datasets(), session.training(), tools,
                         layout.reconstruction);
  if (shown.noise) noise_panel(session.rebuild(), tools, layout.noise);
  if (shown.side) side_panel(session, ui, layout.side, shown);
  session.run_drill(Session::Drill::kFrame);  // inside the page's window, which the frame's edge must close
  end_page(layout);
  if (ui.state.show_lessons) lessons_window(session, ui.state, ui.probes);
  if (ui.state.show_help) help_overlay(ui.state);
}

namespace {

// The median and the 95th percentile of recent times, in ms (null before the first).
void describe_times(const char* key, const TimeHistory& history, StateWriter& out) {
  const TimeHistory::Summary summary = history.summary();
  out.begin_object(key);
  if (summary.count == 0) {
    out.null("median");
    out.null("p95");
  } else {
    out.number("median", summary.median);
    out.number("p95", summary.p95);
  }
  out.number("count", static_cast<double>(summary.count));
  out.end_object();
}

}  // namespace

void describe_ui(const Ui& ui, const Session& session, StateWriter& out) {
  out.number("fps", ui.state.fps);
  out.number("frame", static_cast<double>(ui.state.frames));
  // The UI draws only when something on screen may have changed: input, a change in the state
  // above (at most ~10 a second), an animation.
  out.number("drawnFrames", static_cast<double>(ui.state.drawn_frames));
  // Frame times over the last few seconds, and the main thread's own work in them.
  describe_times("frameMs", ui.state.frame_ms, out);
  describe_times("workMs", ui.state.work_ms, out);
  out.flag("helpOpen", ui.state.show_help);
  // A text field has the keyboard (keys go to it, not to the shortcuts).
  out.flag("typing", ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantTextInput);
  out.begin_object("ui");
  out.number("scale", ui.state.scale);
  out.text("theme", ui.state.light_theme ? "light" : "dark");
  out.text("padHint", pad_hint(ui.state.mode.embed));
  out.end_object();
  out.begin_object("editor");
  out.text("error", ui.draft.error);
  out.text("hidden", ui.draft.hidden_text);
  out.number("latent", ui.draft.config.latent);
  out.number("learningRate", ui.draft.config.learning_rate);
  out.end_object();
  out.begin_object("drawing");
  out.text("tool", brush_name(ui.pointer.brush));
  session.pad().describe(out, session.test_set());
  out.end_object();
  out.begin_object("link");
  out.text("text", to_text(current_settings(session, ui)));
  out.flag("settled", session.settled());
  out.text("copied", ui.state.copied);
  out.end_object();
  const PageMode& mode = ui.state.mode;
  out.begin_object("page");
  out.flag("embed", mode.embed);
  out.begin_array("panels");
  for (const std::string& panel : mode.panels) out.text(nullptr, panel);
  out.end_array();
  out.flag("controls", mode.controls);
  out.text("lesson", mode.lesson);
  out.end_object();
  // The lesson open in the Lessons window; id "" for none (the window closed, or its list).
  const Lesson* lesson = ui.state.show_lessons ? find_lesson(mode.lesson) : nullptr;
  out.begin_object("lesson");
  out.text("id", lesson ? lesson->id : "");
  out.number("step", lesson ? ui.state.lesson_step : 0);
  out.number("steps", lesson ? static_cast<double>(lesson->steps.size()) : 0);
  out.flag("open", ui.state.show_lessons);
  out.end_object();
}

}  // namespace bn_app
