#include <cstdio>

#include "app/brush.h"
#include "app/panels/panels.h"
#include "core/random.h"

namespace bn_app {

namespace {

void handle_pointer(AppState& state, ImVec2 origin, float side) {
  ImGuiIO& io = ImGui::GetIO();
  const bool drawing = ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
  if (!drawing) {
    state.stroking = false;
    return;
  }
  const float cell = side / kPadSide;
  const float x = (io.MousePos.x - origin.x) / cell;
  const float y = (io.MousePos.y - origin.y) / cell;
  if (!state.stroking) {
    state.stroke_x = x;
    state.stroke_y = y;
    state.stroking = true;
  }
  brush_stroke(state.pad, kPadSide, state.stroke_x, state.stroke_y, x, y, BrushOptions{});
  state.stroke_x = x;
  state.stroke_y = y;
  ++state.pad_revision;
}

void load_random_test_digit(AppState& state) {
  bn::Random rng(0xD161, state.random_digit_counter++);
  int index = static_cast<int>(rng.below(static_cast<uint32_t>(state.test_set->count())));
  bn::Matrix image = state.test_set->batch({index});
  state.pad.assign(image.data(), image.data() + image.size());
  ++state.pad_revision;
}

}  // namespace

void draw_pad_panel(AppState& state, const PanelRect& rect) {
  if (begin_panel("Draw", rect)) {
    if (!state.pad_texture) state.pad_texture = std::make_unique<DigitTexture>(kPadSide, kPadSide);
    if (state.pad_texture_revision != state.pad_revision) {
      state.pad_texture->upload(state.pad.data());
      state.pad_texture_revision = state.pad_revision;
    }
    const float side = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pad", ImVec2(side, side));
    state.layout.pad = last_item_rect();
    handle_pointer(state, origin, side);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddImage(state.pad_texture->id(), origin, ImVec2(origin.x + side, origin.y + side));
    draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    if (ImGui::Button("Clear")) clear_pad(state);
    state.layout.clear_button = last_item_rect();
    ImGui::SameLine();
    ImGui::BeginDisabled(!state.test_set);
    if (ImGui::Button("Random test digit")) load_random_test_digit(state);
    ImGui::EndDisabled();
    ImGui::TextDisabled("Draw here. Press ? for the keys.");
  }
  ImGui::End();
}

}  // namespace bn_app
