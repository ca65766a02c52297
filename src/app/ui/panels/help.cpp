#include "app/session/presets.h"
#include "app/ui/panels/panels.h"

namespace bn_app {

void help_overlay(UiState& ui) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  if (ImGui::Begin(
          "Keyboard shortcuts", &ui.show_help,
          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_SizingFixedFit)) {
      auto row = [](const char* key, const char* what) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(key);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(what);
      };
      const bool controls = ui.mode.controls;  // an embed without them: the page chose the training
      if (controls) {
        row("Space", "train / pause");
        row("S", "one training step");
      }
      row("C", "clear the drawing");
      row("U, Ctrl+Z", "undo the last stroke");
      row("Left / Right", "previous / next test image on the pad");
      row("R", "a random test image on the pad");
      row("E", "eraser on / off (the right button always erases)");
      row("H", "hide brush on / off: paint what the model must not see");
      row("N", "next kind of noise");
      row("+ / -", "bigger / smaller interface (for a projector)");
      row("T", "light / dark theme");
      row("L", "lessons: short guided tours of what autoencoders do");
      for (size_t i = 0; controls && i < presets().size() && i < 9; ++i) {
        const char key[2] = {static_cast<char>('1' + i), '\0'};
        row(key, presets()[i].name);
      }
      row("?", "this help (Esc closes it)");
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

}  // namespace bn_app
