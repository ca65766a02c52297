#include <cstdio>

#include "app/panels/panels.h"

namespace bn_app {

namespace {

constexpr ImU32 kHiddenTint = IM_COL32(230, 60, 80, 110);

// Pointer down on the pad: one stroke, one undo step. The right button always erases.
void handle_pointer(AppState& state, ImVec2 origin, float side) {
  ImGuiIO& io = ImGui::GetIO();
  const bool left = ImGui::IsMouseDown(ImGuiMouseButton_Left), right = ImGui::IsMouseDown(ImGuiMouseButton_Right);
  if (!ImGui::IsItemActive() || !(left || right)) {
    state.stroking = false;
    return;
  }
  const float cell = side / kPadSide;
  const float x = (io.MousePos.x - origin.x) / cell;
  const float y = (io.MousePos.y - origin.y) / cell;
  if (!state.stroking) {
    drawing_begin_edit(state.drawing);
    state.stroke_x = x;
    state.stroke_y = y;
    state.stroking = true;
  }
  const BrushTool tool = right ? BrushTool::kErase : state.brush_tool;
  drawing_stroke(state.drawing, tool, state.stroke_x, state.stroke_y, x, y, state.pen_pressure);
  state.stroke_x = x;
  state.stroke_y = y;
  app_drawing_changed(state);
}

// The pixels the hiding brush covers, tinted over the drawing.
void draw_hidden_overlay(const AppState& state, ImDrawList* draw, ImVec2 origin, float side) {
  if (state.hidden_count == 0) return;
  const float cell = side / kPadSide;
  const std::vector<float>& hidden = state.drawing.page.hidden;
  for (int row = 0; row < kPadSide; ++row)
    for (int col = 0; col < kPadSide; ++col)
      if (hidden[row * kPadSide + col] > 0.5f)
        draw->AddRectFilled(ImVec2(origin.x + col * cell, origin.y + row * cell),
                            ImVec2(origin.x + (col + 1) * cell, origin.y + (row + 1) * cell), kHiddenTint);
}

bool tool_button(AppState& state, const char* label, const char* id, BrushTool tool, const char* tip) {
  const bool active = state.brush_tool == tool;
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool pressed = ImGui::Button(label);
  if (active) ImGui::PopStyleColor();
  state.layout.brush_buttons[id] = last_item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  if (pressed) state.brush_tool = tool;
  return pressed;
}

// "Pick a test image": step through the test set (of one class, if chosen) or jump at random.
void browse_buttons(AppState& state) {
  ImGui::BeginDisabled(!state.test_set);
  if (ImGui::ArrowButton("previous", ImGuiDir_Left)) app_browse_test_image(state, -1);
  state.layout.previous_digit_button = last_item_rect();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The previous test image (Left arrow)");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::Button("Random")) app_random_test_image(state);
  state.layout.random_digit_button = last_item_rect();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("A random image from the test set (R)");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::ArrowButton("next", ImGuiDir_Right)) app_browse_test_image(state, 1);
  state.layout.next_digit_button = last_item_rect();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The next test image (Right arrow)");
  ImGui::EndDisabled();
}

// Which test image the pad shows, and the class the arrows keep to.
void shown_test_image_line(AppState& state, int shown) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Test image %d of %d: %s", shown + 1, state.test_set->count(),
                      label_name(state, state.test_set->labels[shown]));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  const char* preview = state.browse_label < 0 ? "any class" : label_name(state, state.browse_label);
  if (ImGui::BeginCombo("##browse class", preview)) {
    if (ImGui::Selectable("any class", state.browse_label < 0)) state.browse_label = -1;
    for (int label = 0; label < 10; ++label)
      if (ImGui::Selectable(label_name(state, label), state.browse_label == label)) state.browse_label = label;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The arrows and Random keep to this class");
}

}  // namespace

void draw_pad_panel(AppState& state, const PanelRect& rect) {
  if (begin_panel("Draw", rect)) {
    if (!state.pad_texture) state.pad_texture = std::make_unique<DigitTexture>(kPadSide, kPadSide);
    if (state.pad_texture_revision != state.pad_revision) {
      state.pad_texture->upload(state.drawn.data());
      state.pad_texture_revision = state.pad_revision;
    }
    const float side = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pad", ImVec2(side, side), ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    state.layout.pad = last_item_rect();
    handle_pointer(state, origin, side);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    state.pad_texture->draw_at(draw, origin, ImVec2(origin.x + side, origin.y + side));
    draw_hidden_overlay(state, draw, origin, side);
    draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    if (ImGui::Button("Clear")) clear_pad(state);
    state.layout.clear_button = last_item_rect();
    ImGui::SameLine();
    ImGui::BeginDisabled(state.drawing.history.empty());
    if (ImGui::Button("Undo")) app_undo(state);
    state.layout.undo_button = last_item_rect();
    ImGui::EndDisabled();
    ImGui::SameLine();
    browse_buttons(state);

    tool_button(state, "Pen", "ink", BrushTool::kInk, "Draw in white ink");
    ImGui::SameLine();
    tool_button(state, "Eraser", "erase", BrushTool::kErase, "Rub out ink (E; the right button always erases)");
    ImGui::SameLine();
    tool_button(state, "Hide", "hide", BrushTool::kHide,
                "Paint over part of the drawing to hide it from the model (H):\ncan it rebuild what it cannot see?");
    ImGui::SameLine();
    if (ImGui::Checkbox("Frame", &state.mnist_framing)) app_drawing_changed(state);
    state.layout.framing_checkbox = last_item_rect();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Scale and centre the drawing as MNIST's digits were\n(a 20-pixel box, centre of mass in the middle)");
    if (state.hidden_count > 0) {
      if (ImGui::SmallButton("Show all")) {
        drawing_begin_edit(state.drawing);
        drawing_clear_hidden(state.drawing);
        app_drawing_changed(state);
      }
      ImGui::SameLine();
      ImGui::TextDisabled("%d px hidden", state.hidden_count);
    } else if (const int shown = app_shown_test_image(state); shown >= 0) {
      shown_test_image_line(state, shown);
    } else {
      ImGui::TextDisabled("Draw here. Press ? for the keys.");
    }
  }
  end_panel("Draw");
}

}  // namespace bn_app
