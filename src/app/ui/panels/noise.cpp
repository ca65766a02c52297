#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

struct NoiseChoice {
  bn::NoiseType type;
  const char* label;
  float max_level;
  const char* level_format;
};

constexpr NoiseChoice kChoices[] = {
    {bn::NoiseType::kNone, "None", 0.0f, "off"},
    {bn::NoiseType::kGaussian, "Gaussian", 1.0f, "sigma %.2f"},
    {bn::NoiseType::kSaltPepper, "Salt & pepper", 1.0f, "%.2f of pixels"},
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

// One labelled thumbnail.
void thumbnail(const char* label, const DigitTexture& texture, float side) {
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", label);
  framed_image(texture, ImVec2(side, side));
  ImGui::EndGroup();
}

}  // namespace

void noise_panel(PadReconstruction& rebuild, UiTools& tools, const PanelRect& rect) {
  if (begin_panel("Noise", rect)) {
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float controls_width = ImGui::GetFontSize() * 12.0f;  // layout.cpp: kNoiseControlsEm
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const bn::Noise noise = rebuild.noise();
    const NoiseChoice& current = choice_of(noise.type);
    ImGui::BeginGroup();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    if (ImGui::BeginCombo("##noise type", current.label)) {
      for (const NoiseChoice& c : kChoices)
        if (ImGui::Selectable(c.label, c.type == noise.type)) rebuild.set_noise(bn::typical_noise(c.type));
      ImGui::EndCombo();
    }
    ImGui::BeginDisabled(noise.type == bn::NoiseType::kNone);
    float level = noise.level;
    // The value beside the slider, not on it: ImGui centres a slider's text, and the handle sat
    // inside the word "sigma".
    char shown[48];
    if (noise.type == bn::NoiseType::kMaskBlock) std::snprintf(shown, sizeof shown, "%.0f x %.0f px", level, level);
    else std::snprintf(shown, sizeof shown, current.level_format, level);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    const bool changed = ImGui::SliderFloat("##level", &level, 0.0f, std::max(current.max_level, 0.01f), "");
    tools.probes.probe("noiseSlider");
    if (changed) {
      if (noise.type == bn::NoiseType::kMaskBlock) level = std::round(level);
      rebuild.set_noise({noise.type, level});
    }
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(shown);
    ImGui::EndDisabled();
    bool median = rebuild.show_median();
    if (ImGui::Checkbox("3x3 median filter", &median)) rebuild.set_show_median(median);
    tools.probes.probe("medianCheckbox");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "The classical denoiser: each pixel becomes the middle value of its 3x3 neighbourhood.\n"
          "Compare it with the model, on salt & pepper noise especially.");
    psnr_label("noisy input", rebuild.psnr_noisy());
    psnr_label("model output", rebuild.psnr_output());
    if (median) psnr_label("median filter", rebuild.psnr_median());
    else ImGui::TextDisabled("(PSNR vs. your drawing)");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("In dB: higher is closer to what you drew");
    ImGui::EndGroup();

    // Square thumbnails to the right of the controls, as large as the panel allows; on a narrow
    // panel (a phone) under short names, so that "error map" is not cut to "erro".
    // Too narrow for them beside the controls (a projector's scale), they go in a row below,
    // where the layout made the panel taller (noise_thumbnails_below).
    const float count = median ? 4.0f : 3.0f;
    const bool below = noise_thumbnails_below(room.x);
    const float across = below ? room.x - (count - 1.0f) * gap : room.x - controls_width - count * gap;
    const bool short_names = across < count * ImGui::CalcTextSize("model input").x;
    const float high = below ? ImGui::GetContentRegionAvail().y : room.y;
    const float side = std::max(40.0f, std::min(high - ImGui::GetTextLineHeightWithSpacing(), across / count));
    const uint64_t revision = rebuild.revision();
    TextureCache& textures = tools.textures;
    if (!below) ImGui::SameLine(controls_width + ImGui::GetStyle().WindowPadding.x);
    thumbnail(short_names ? "input" : "model input",
              textures.image("noisy", kPadSide, kPadSide, rebuild.noisy(), revision), side);
    ImGui::SameLine();
    thumbnail("rebuilt", textures.image("rebuilt", kPadSide, kPadSide, rebuild.output(), revision), side);
    if (median) {
      ImGui::SameLine();
      thumbnail(short_names ? "median" : "median filter",
                textures.image("median", kPadSide, kPadSide, rebuild.median(), revision), side);
    }
    ImGui::SameLine();
    thumbnail(short_names ? "error" : "error map",
              textures.image("error map", kPadSide, kPadSide, rebuild.error_map(), revision, ColorMap::kHeat), side);
  }
  end_panel("Noise");
}

}  // namespace bn_app
