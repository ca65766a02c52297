#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/panels.h"

namespace bn_app {

namespace {

struct NoiseChoice {
  bn::NoiseType type;
  const char* label;
  float max_level;
  const char* level_format;
};

constexpr NoiseChoice kChoices[] = {
    {bn::NoiseType::kNone, "None", 0.0f, ""},
    {bn::NoiseType::kGaussian, "Gaussian", 1.0f, "sigma %.2f"},
    {bn::NoiseType::kSaltPepper, "Salt & pepper", 1.0f, "%.2f of the pixels"},
    {bn::NoiseType::kMaskBlock, "Block mask", 28.0f, "%.0f x %.0f pixels"},
    {bn::NoiseType::kBlur, "Blur", 4.0f, "sigma %.1f px"},
};

const NoiseChoice& choice_of(bn::NoiseType type) {
  for (const NoiseChoice& c : kChoices)
    if (c.type == type) return c;
  return kChoices[0];
}

void psnr_label(const char* what, float db) {
  if (std::isfinite(db)) ImGui::Text("%s  %.1f dB", what, db);
  else ImGui::Text("%s  exact", what);
}

// One labelled thumbnail, re-uploaded when `refresh`.
void thumbnail(const char* label, std::unique_ptr<DigitTexture>& texture, ColorMap map, const std::vector<float>& values,
               bool refresh, float side) {
  if (!texture) texture = std::make_unique<DigitTexture>(kPadSide, kPadSide, map);
  if (refresh) texture->upload(values.data());
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", label);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  texture->draw(ImVec2(side, side));
  ImGui::GetWindowDrawList()->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
  ImGui::EndGroup();
}

}  // namespace

void noise_panel(AppState& state, const PanelRect& rect) {
  if (begin_panel("Noise", rect)) {
    // Three square thumbnails to the right of the controls, as large as the panel allows.
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float controls_width = ImGui::GetFontSize() * 12.0f;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float side = std::max(
        40.0f, std::min(room.y - ImGui::GetTextLineHeightWithSpacing(), (room.x - controls_width - 3.0f * gap) / 3.0f));
    const NoiseChoice& current = choice_of(state.noise.type);
    ImGui::BeginGroup();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    if (ImGui::BeginCombo("##noise type", current.label)) {
      for (const NoiseChoice& c : kChoices)
        if (ImGui::Selectable(c.label, c.type == state.noise.type)) app_set_noise(state, bn::typical_noise(c.type));
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    ImGui::BeginDisabled(state.noise.type == bn::NoiseType::kNone);
    float level = state.noise.level;
    char format[48];
    if (state.noise.type == bn::NoiseType::kMaskBlock)
      std::snprintf(format, sizeof format, "%.0f x %.0f px", level, level);
    else
      std::snprintf(format, sizeof format, "%s", current.level_format);
    const bool changed = ImGui::SliderFloat("##level", &level, 0.0f, std::max(current.max_level, 0.01f), format);
    state.layout.noise_level_slider = last_item_rect();
    if (changed) {
      if (state.noise.type == bn::NoiseType::kMaskBlock) level = std::round(level);
      app_set_noise(state, {state.noise.type, level});
    }
    ImGui::EndDisabled();
    ImGui::Spacing();
    psnr_label("noisy input", state.psnr_noisy);
    psnr_label("model output", state.psnr_output);
    ImGui::TextDisabled("(PSNR vs. your drawing:");
    ImGui::TextDisabled("higher is closer)");
    ImGui::EndGroup();

    const bool refresh = state.noisy_texture_revision != state.reconstruction_revision;
    ImGui::SameLine(controls_width + ImGui::GetStyle().WindowPadding.x);
    thumbnail("model input", state.noisy_texture, ColorMap::kGray, state.noisy, refresh, side);
    ImGui::SameLine();
    thumbnail("rebuilt", state.output_texture, ColorMap::kGray, state.reconstruction, refresh, side);
    ImGui::SameLine();
    thumbnail("error map", state.error_texture, ColorMap::kHeat, state.error_map, refresh, side);
    state.noisy_texture_revision = state.reconstruction_revision;
  }
  end_panel("Noise");
}

}  // namespace bn_app
