// The Lessons window (L): the list of lessons, then one step at a time, with its "Do this" button,
// what to look for, and Back / Next. The texts are the session's lesson table (lessons.cpp).
#include "app/session/lessons.h"

#include <algorithm>
#include <string>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

// One dot per step: the current one filled.
void progress_dots(int step, int steps) {
  const float radius = ImGui::GetFontSize() * 0.28f;
  const float gap = radius * 3.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
  for (int i = 0; i < steps; ++i) {
    const ImVec2 centre(origin.x + radius + gap * static_cast<float>(i), origin.y + ImGui::GetFontSize() * 0.5f);
    if (i == step) draw->AddCircleFilled(centre, radius, colour);
    else draw->AddCircle(centre, radius, colour, 0, 1.5f);
  }
  ImGui::Dummy(ImVec2(gap * static_cast<float>(steps), ImGui::GetFontSize()));
}

// Where a step's "Look for" is: the panel it names, else the one its action changes.
UiState::Reveal panel_to_look_at(const LessonStep& step) {
  const std::string look_for = step.look_for;
  if (look_for.find("Noise panel") != std::string::npos) return UiState::Reveal::kNoise;
  if (look_for.find(" tab") != std::string::npos) return UiState::Reveal::kTabs;
  switch (step.action.does) {
    case StepDoes::kNoise:
    case StepDoes::kMedian: return UiState::Reveal::kNoise;
    case StepDoes::kTestDigit:
    case StepDoes::kClearPad:
    case StepDoes::kHideBottom: return UiState::Reveal::kDraw;
    case StepDoes::kPreset:
    case StepDoes::kTab:
    case StepDoes::kTrain: return UiState::Reveal::kTabs;
  }
  return UiState::Reveal::kNone;
}

void lesson_list(UiState& ui, WidgetProbes& probes) {
  ImGui::TextWrapped("Short walks through each idea, one step at a time. Each step has a button that sets it up.");
  ImGui::Spacing();
  for (const Lesson& lesson : lessons()) {
    if (ImGui::Button(lesson.title, ImVec2(-1.0f, 0.0f))) {
      ui.mode.lesson = lesson.id;
      ui.lesson_step = 0;
    }
    probes.probe(std::string("lessonButtons.") + lesson.id);
  }
}

void lesson_step(Session& session, UiState& ui, const Lesson& lesson, WidgetProbes& probes) {
  const int steps = static_cast<int>(lesson.steps.size());
  ui.lesson_step = std::clamp(ui.lesson_step, 0, steps - 1);
  const LessonStep& step = lesson.steps[ui.lesson_step];
  ImGui::TextUnformatted(lesson.title);
  ImGui::SameLine();
  ImGui::TextDisabled("step %d of %d", ui.lesson_step + 1, steps);
  progress_dots(ui.lesson_step, steps);
  ImGui::TextWrapped("%s", step.text);
  ImGui::Spacing();
  const std::string label = std::string("Do this: ") + step.button;
  if (ImGui::Button(label.c_str())) {
    apply_step(session, step.action);
    ui.reveal = panel_to_look_at(step);
  }
  probes.probe("lessonDoButton");
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
  ImGui::TextWrapped("Look for: %s", step.look_for);
  ImGui::PopStyleColor();
  ImGui::Separator();
  ImGui::BeginDisabled(ui.lesson_step == 0);
  if (ImGui::Button("Back")) --ui.lesson_step;
  probes.probe("lessonBackButton");
  ImGui::EndDisabled();
  ImGui::SameLine();
  const bool last = ui.lesson_step + 1 == steps;
  if (ImGui::Button(last ? "Finish" : "Next")) {
    if (last) ui.mode.lesson.clear();  // back to the list
    else ++ui.lesson_step;
  }
  probes.probe("lessonNextButton");
  ImGui::SameLine();
  if (ImGui::Button("All lessons")) ui.mode.lesson.clear();
  probes.probe("lessonListButton");
}

}  // namespace

void lessons_window(Session& session, UiState& ui, WidgetProbes& probes) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Where there is room for two such windows side by side (a projector's 2x), it keeps to under
  // half the page, so that it can sit beside the panel a step points at rather than over it.
  float width = std::min(display.x - 16.0f, ImGui::GetFontSize() * 26.0f);
  if (display.x > ImGui::GetFontSize() * 32.0f) width = std::min(width, display.x * 0.45f);
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(display.x - 8.0f, display.y - 8.0f), ImGuiCond_Appearing, ImVec2(1.0f, 1.0f));
  if (ui.lessons_corner == UiState::LessonsCorner::kBottomLeft)
    ImGui::SetNextWindowPos(ImVec2(8.0f, display.y - 8.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  if (ui.lessons_corner == UiState::LessonsCorner::kBottomRight)
    ImGui::SetNextWindowPos(ImVec2(display.x - 8.0f, display.y - 8.0f), ImGuiCond_Always, ImVec2(1.0f, 1.0f));
  ui.lessons_corner = UiState::LessonsCorner::kStay;
  ImGui::SetNextWindowBgAlpha(0.97f);
  bool open = true;
  if (ImGui::Begin("Lessons", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    probes.probe_window("lessonsWindow");
    if (const Lesson* lesson = find_lesson(ui.mode.lesson)) lesson_step(session, ui, *lesson, probes);
    else lesson_list(ui, probes);
  }
  ImGui::End();
  if (!open) {
    ui.show_lessons = false;
    ui.mode.lesson.clear();
    probes.forget("lessonsWindow");
  }
}

}  // namespace bn_app
