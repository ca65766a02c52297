#include "app/panels/panels.h"

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
  ImGui::End();
}

}  // namespace bn_app
