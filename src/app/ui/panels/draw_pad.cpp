#include <cstdio>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

constexpr ImU32 kHiddenTint = IM_COL32(230, 60, 80, 110);

// The pen's readings since the last frame: a press that begins on the pad (and not on a window
// over it) starts a stroke, one undo step; each pressed reading after it inks a segment, until the
// pen lifts. The right button always erases.
void handle_pen(DrawingPad& pad, PadPointer& pointer, ImVec2 origin, float side, bool pad_hovered) {
  const float cell = side / kPadSide;
  for (const PenSample& sample : pointer.samples) {
    const float x = (sample.x - origin.x) / cell, y = (sample.y - origin.y) / cell;
    const bool pressed_now = sample.down && !pointer.down;
    pointer.down = sample.down;
    if (!sample.down) {
      pointer.stroking = false;
      continue;
    }
    if (pressed_now) {
      const bool on_pad = x >= 0 && y >= 0 && x < kPadSide && y < kPadSide;
      pointer.stroking = on_pad && pad_hovered;
      if (!pointer.stroking) continue;
      pad.begin_stroke();
      pointer.x = x;
      pointer.y = y;
    }
    if (!pointer.stroking) continue;
    pad.stroke(sample.erase ? BrushTool::kErase : pointer.brush, pointer.x, pointer.y, x, y, sample.pressure);
    pointer.x = x;
    pointer.y = y;
  }
  pointer.samples.clear();
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
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("The previous test image (Left arrow)");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::Button("Random")) pad.random_test_image(*test);
  probes.probe("randomDigitButton");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("A random image from the test set (R)");
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

const char* pad_hint(bool embedded) { return embedded ? "Draw here. ?: keys." : "Draw here. L: lessons, ?: keys."; }

void draw_pad_panel(DrawingPad& pad, const bn::Dataset* test, const DatasetInfo& dataset, PadPointer& pointer,
                    UiTools& tools, const PanelRect& rect, bool embedded) {
  if (begin_panel("Draw", rect)) {
    WidgetProbes& probes = tools.probes;
    const float side = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pad", ImVec2(side, side),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    probes.probe("pad");
    handle_pen(pad, pointer, origin, side, ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem));
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
    tool_button(pointer, probes, "Eraser", "erase", BrushTool::kErase,
                "Rub out ink (E; the right button always erases)");
    ImGui::SameLine();
    tool_button(pointer, probes, "Hide", "hide", BrushTool::kHide,
                "Paint over part of the drawing to hide it from the model (H):\ncan it rebuild what it cannot see?");
    ImGui::SameLine();
    bool framing = pad.framing();
    if (ImGui::Checkbox("Frame", &framing)) pad.set_framing(framing);
    probes.probe("framingCheckbox");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Scale and centre the drawing as MNIST's digits were\n(a 20-pixel box, centre of mass in the middle)");
    if (pad.hidden_count() > 0) {
      if (ImGui::SmallButton("Show all")) pad.clear_hidden();
      ImGui::SameLine();
      ImGui::TextDisabled("%d px hidden", pad.hidden_count());
    } else if (const int shown = pad.shown_test_image(); shown >= 0 && test) {
      shown_test_image_line(pad, *test, dataset, shown);
    } else {
      ImGui::TextDisabled("%s", pad_hint(embedded));
    }
  }
  end_panel("Draw");
  pointer.samples.clear();  // read, or not for the pad while it is scrolled out of sight
}

}  // namespace bn_app
