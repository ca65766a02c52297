#include <cstdio>

#include "app/panels/panels.h"
#include "app/presets.h"

namespace bn_app {

void header_panel(AppState& state, const PanelRect& rect) {
  ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
  ImGui::Begin("##header", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::TextUnformatted("Bottleneck");
  ImGui::SameLine();
  ImGui::TextDisabled("an autoencoder playground: draw a digit, watch the model rebuild it");
  char status[96];
  std::snprintf(status, sizeof status, "%s  |  %.0f fps  |  Space: train / pause",
                state.threaded ? "threaded build" : "single-thread build", state.fps);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(status).x);
  ImGui::TextDisabled("%s", status);

  // One button per preset; the active one is highlighted.
  ImGui::BeginDisabled(!state.ready());
  for (const Preset& preset : presets()) {
    const bool active = state.preset == preset.name;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(preset.name)) app_select_preset(state, preset.name);
    if (active) ImGui::PopStyleColor();
    state.layout.preset_buttons[preset.name] = last_item_rect();
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::EndDisabled();
  if (!state.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
    ImGui::TextUnformatted(state.notice.c_str());
    ImGui::PopStyleColor();
  } else if (const Preset* preset = find_preset(state.preset)) {
    ImGui::TextUnformatted(preset->caption);
  } else {
    ImGui::TextDisabled("Pick a preset, or draw on the pad.");
  }
  ImGui::End();
}

}  // namespace bn_app
