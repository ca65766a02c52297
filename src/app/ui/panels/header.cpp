#include <algorithm>
#include <cstdio>

#include "app/session/presets.h"
#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

// The interface's scale (for a projector) and its theme, as one group.
void presentation_controls(UiState& ui, WidgetProbes& probes) {
  char scale[16];
  std::snprintf(scale, sizeof scale, "%.3gx", ui.scale);
  if (ImGui::Button("A-")) set_ui_scale(ui, ui.scale - 0.25f);
  probes.probe("scaleDownButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Smaller interface (-)");
  ImGui::SameLine();
  ImGui::TextUnformatted(scale);
  ImGui::SameLine();
  if (ImGui::Button("A+")) set_ui_scale(ui, ui.scale + 0.25f);
  probes.probe("scaleUpButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Bigger interface, for a projector (+)");
  ImGui::SameLine();
  ImGui::Checkbox("Light theme", &ui.light_theme);
  probes.probe("themeCheckbox");
}

float presentation_controls_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize("A-A+2.75xLight theme").x + ImGui::GetFrameHeight() + 5.0f * style.FramePadding.x +
         4.0f * style.ItemSpacing.x;
}

// Puts the next item on this line if `width` still fits, else on a new one.
void same_line_if_room(float width) {
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
}

}  // namespace

void header_panel(Session& session, UiState& ui, UiTools& tools, const PanelRect& rect) {
  if (begin_panel("##header", rect)) {
    // The title row: the name, then (room permitting) the tag line and the status, then the
    // presentation controls at the right.
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float controls = presentation_controls_width();
    char status[64];
    std::snprintf(status, sizeof status, "%s  |  %.0f fps",
                  session.training().threaded() ? "threaded build" : "single-thread build", ui.fps);
    const std::string tagline_text =
        in_words_of(session.dataset(), "an autoencoder playground: draw a digit, watch the model rebuild it");
    const char* tagline = tagline_text.c_str();
    ImGui::TextUnformatted("Bottleneck");
    const float after_name = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float status_width = ImGui::CalcTextSize(status).x;
    float room = right - after_name - controls - 2.0f * spacing;
    if (room > ImGui::CalcTextSize(tagline).x + status_width + 2.0f * spacing) {
      ImGui::SameLine();
      ImGui::TextDisabled("%s", tagline);
    }
    if (room > status_width + spacing) {
      ImGui::SameLine(right - controls - status_width - spacing);
      ImGui::TextDisabled("%s", status);
    }
    ImGui::SameLine(std::max(after_name + spacing, right - controls));
    presentation_controls(ui, tools.probes);

    // One button per preset, wrapping onto more rows when narrow; the active one is highlighted.
    ImGui::BeginDisabled(!session.ready());
    bool first = true;
    for (const Preset& preset : presets()) {
      const float width = ImGui::CalcTextSize(preset.name).x + 2.0f * ImGui::GetStyle().FramePadding.x;
      if (!first) same_line_if_room(width);
      first = false;
      const bool active = session.preset() == preset.name;
      if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(preset.name)) session.select_preset(preset.name);
      if (active) ImGui::PopStyleColor();
      tools.probes.probe(std::string("presetButtons.") + preset.name);
    }
    ImGui::EndDisabled();
    if (!session.notice().empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
      ImGui::TextWrapped("%s", session.notice().c_str());
      ImGui::PopStyleColor();
    } else if (const Preset* preset = find_preset(session.preset())) {
      ImGui::TextWrapped("%s", in_words_of(session.dataset(), preset->caption).c_str());
    } else {
      ImGui::TextDisabled("Pick a preset, or draw on the pad.");
    }
    // The layout sizes the header from this, a frame late: the presets and the caption wrap.
    ui.header_height = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
  }
  end_panel("##header");
}

}  // namespace bn_app
