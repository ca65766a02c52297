#include <cstdio>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

constexpr ImU32 kHiddenTint = IM_COL32(230, 60, 80, 110);

// Pointer down on the pad: one stroke, one undo step. The right button always erases.
void handle_pointer(DrawingPad& pad, PadPointer& pointer, BrushTool brush, ImVec2 origin, float side) {
  ImGuiIO& io = ImGui::GetIO();
  const bool left = ImGui::IsMouseDown(ImGuiMouseButton_Left), right = ImGui::IsMouseDown(ImGuiMouseButton_Right);
  if (!ImGui::IsItemActive() || !(left || right)) {
    pointer.stroking = false;
    return;
  }
  const float cell = side / kPadSide;
  const float x = (io.MousePos.x - origin.x) / cell;
  const float y = (io.MousePos.y - origin.y) / cell;
  if (!pointer.stroking) {
    pad.begin_stroke();
    pointer.x = x;
    pointer.y = y;
    pointer.stroking = true;
  }
  pad.stroke(right ? BrushTool::kErase : brush, pointer.x, pointer.y, x, y, pointer.pressure);
  pointer.x = x;
  pointer.y = y;
}

// The pixels the hiding brush covers, tinted over the drawing.
void draw_hidden_overlay(const DrawingPad& pad, ImDrawList* draw, ImVec2 origin, float side) {
  if (pad.hidden_count() == 0) return;
  const float cell = side / kPadSide;
  const std::vector<float>& hidden = pad.hidden_as_drawn();
  for (int row = 0; row < kPadSide; ++row)
    for (int col = 0; col < kPadSide; ++col)
      if (hidden[row * kPadSide + col] > 0.5f)
        draw->AddRectFilled(ImVec2(origin.x + col * cell, origin.y + row * cell),
                            ImVec2(origin.x + (col + 1) * cell, origin.y + (row + 1) * cell), kHiddenTint);
}

bool tool_button(PadPointer& pointer, WidgetProbes& probes, const char* label, const char* id, BrushTool tool,
                 const char* tip) {
  const bool active = pointer.brush == tool;
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool pressed = ImGui::Button(label);
  if (active) ImGui::PopStyleColor();
  probes.probe(std::string("brushButtons.") + id);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  if (pressed) pointer.brush = tool;
  return pressed;
}

// "Pick a test image": step through the test set (of one class, if chosen) or jump at random.
void browse_buttons(DrawingPad& pad, const bn::Dataset* test, WidgetProbes& probes) {
  ImGui::BeginDisabled(!test);
  if (ImGui::ArrowButton("previous", ImGuiDir_Left)) pad.browse(*test, -1);
  probes.probe("previousDigitButton");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The previous test image (Left arrow)");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::Button("Random")) pad.random_test_image(*test);
  probes.probe("randomDigitButton");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("A random image from the test set (R)");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::ArrowButton("next", ImGuiDir_Right)) pad.browse(*test, 1);
  probes.probe("nextDigitButton");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The next test image (Right arrow)");
  ImGui::EndDisabled();
}

// Which test image the pad shows, and the class the arrows keep to.
void shown_test_image_line(DrawingPad& pad, const bn::Dataset& test, const DatasetInfo& dataset, int shown) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Test image %d of %d: %s", shown + 1, test.count(), label_name(dataset, test.labels[shown]));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  const int browsed = pad.browse_label();
  const char* preview = browsed < 0 ? "any class" : label_name(dataset, browsed);
  if (ImGui::BeginCombo("##browse class", preview)) {
    if (ImGui::Selectable("any class", browsed < 0)) pad.set_browse_label(-1);
    for (int label = 0; label < 10; ++label)
      if (ImGui::Selectable(label_name(dataset, label), browsed == label)) pad.set_browse_label(label);
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The arrows and Random keep to this class");
}

}  // namespace

void draw_pad_panel(DrawingPad& pad, const bn::Dataset* test, const DatasetInfo& dataset, PadPointer& pointer,
                    UiTools& tools, const PanelRect& rect) {
  if (begin_panel("Draw", rect)) {
    WidgetProbes& probes = tools.probes;
    const float side = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pad", ImVec2(side, side), ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    probes.probe("pad");
    handle_pointer(pad, pointer, pointer.brush, origin, side);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    tools.textures.image("pad", kPadSide, kPadSide, pad.drawn(), pad.revision())
        .draw_at(draw, origin, ImVec2(origin.x + side, origin.y + side));
    draw_hidden_overlay(pad, draw, origin, side);
    draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    if (ImGui::Button("Clear")) pad.clear();
    probes.probe("clearButton");
    ImGui::SameLine();
    ImGui::BeginDisabled(pad.undo_depth() == 0);
    if (ImGui::Button("Undo")) pad.undo();
    probes.probe("undoButton");
    ImGui::EndDisabled();
    ImGui::SameLine();
    browse_buttons(pad, test, probes);

    tool_button(pointer, probes, "Pen", "ink", BrushTool::kInk, "Draw in white ink");
    ImGui::SameLine();
    tool_button(pointer, probes, "Eraser", "erase", BrushTool::kErase, "Rub out ink (E; the right button always erases)");
    ImGui::SameLine();
    tool_button(pointer, probes, "Hide", "hide", BrushTool::kHide,
                "Paint over part of the drawing to hide it from the model (H):\ncan it rebuild what it cannot see?");
    ImGui::SameLine();
    bool framing = pad.framing();
    if (ImGui::Checkbox("Frame", &framing)) pad.set_framing(framing);
    probes.probe("framingCheckbox");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Scale and centre the drawing as MNIST's digits were\n(a 20-pixel box, centre of mass in the middle)");
    if (pad.hidden_count() > 0) {
      if (ImGui::SmallButton("Show all")) pad.clear_hidden();
      ImGui::SameLine();
      ImGui::TextDisabled("%d px hidden", pad.hidden_count());
    } else if (const int shown = pad.shown_test_image(); shown >= 0 && test) {
      shown_test_image_line(pad, *test, dataset, shown);
    } else {
      ImGui::TextDisabled("Draw here. Press ? for the keys.");
    }
  }
  end_panel("Draw");
}

}  // namespace bn_app
