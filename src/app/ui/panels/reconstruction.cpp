#include "app/panels/panels.h"

namespace bn_app {

void reconstruction_panel(AppState& state, const PanelRect& rect) {
  if (begin_panel("Reconstruction", rect)) {
    if (!state.reconstruction_texture) state.reconstruction_texture = std::make_unique<DigitTexture>(kPadSide, kPadSide);
    if (state.reconstruction_texture_revision != state.reconstruction_revision) {
      state.reconstruction_texture->upload(state.reconstruction.data());
      state.reconstruction_texture_revision = state.reconstruction_revision;
    }
    const float side = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    state.reconstruction_texture->draw(ImVec2(side, side));
    ImGui::GetWindowDrawList()->AddRect(origin, ImVec2(origin.x + side, origin.y + side),
                                        ImGui::GetColorU32(ImGuiCol_Border));
    if (!state.loading.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
      ImGui::TextWrapped("%s", state.loading.error.c_str());
      ImGui::PopStyleColor();
    } else if (!state.ready()) {
      char label[64];
      std::snprintf(label, sizeof label, "Loading %s: %.0f%%", state.loading.what.c_str(), 100.0f * state.loading.progress);
      ImGui::ProgressBar(state.loading.progress, ImVec2(-1, 0), label);
    } else {
      const int latent = state.snapshot->config->latent;
      ImGui::TextWrapped("The drawing squeezed through a code of %d numbers, then rebuilt.", latent);
    }
  }
  end_panel("Reconstruction");
}

}  // namespace bn_app
