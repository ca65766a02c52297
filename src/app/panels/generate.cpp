#include "app/panels/panels.h"

namespace bn_app {

namespace {

void show_grid(std::unique_ptr<DigitTexture>& texture, int cells, const std::vector<float>& image, bool refresh,
               float side) {
  if (image.empty()) return;
  if (!texture) texture = std::make_unique<DigitTexture>(cells * kPadSide, cells * kPadSide);
  if (refresh) texture->upload(image.data());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Image(texture->id(), ImVec2(side, side));
  ImGui::GetWindowDrawList()->AddRect(origin, ImVec2(origin.x + side, origin.y + side),
                                      ImGui::GetColorU32(ImGuiCol_Border));
}

}  // namespace

void generate_tab(AppState& state) {
  if (!state.ready()) return;
  if (state.snapshot->config->kind != bn::ModelKind::kVae) {
    ImGui::TextWrapped("Making new digits needs a variational autoencoder: its codes follow a known "
                       "distribution, so random codes decode to plausible digits.");
    if (ImGui::Button("Load the VAE 2-D preset")) app_select_preset(state, "VAE 2-D");
    return;
  }
  GenerateView& generate = state.generate;
  if (ImGui::Button("Resample")) ++generate.draws;
  state.layout.resample_button = last_item_rect();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  ImGui::SliderFloat("temperature", &generate.temperature, 0.1f, 2.0f, "%.2f");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How far from the centre of the code space to draw: low is safe, high is wild");

  const bool refresh = state.samples_texture_revision != generate.revision;
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float side = std::max(96.0f, std::min((room.x - ImGui::GetStyle().ItemSpacing.x) / 2.0f,
                                              room.y - 3.0f * ImGui::GetTextLineHeightWithSpacing()));
  ImGui::BeginGroup();
  ImGui::TextDisabled("random codes, decoded");
  show_grid(state.samples_texture, GenerateView::kGrid, generate.samples, refresh, side);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("the code space, walked in a grid");
  show_grid(state.manifold_texture, GenerateView::kManifold, generate.manifold, refresh, side);
  ImGui::EndGroup();
  state.samples_texture_revision = generate.revision;
  if (state.snapshot->config->latent > 2)
    ImGui::TextDisabled("The grid walks the first two of %d code numbers; the others stay at 0.",
                        state.snapshot->config->latent);
}

}  // namespace bn_app
