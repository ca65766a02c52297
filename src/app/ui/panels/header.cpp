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
  // On a phone the row wraps here, rather than cutting A+ in half and the theme off the screen.
  same_line_if_room(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                    ImGui::CalcTextSize("Light theme").x);
  ImGui::Checkbox("Light theme", &ui.light_theme);
  probes.probe("themeCheckbox");
}

float presentation_controls_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize("A-A+2.75xLight theme").x + ImGui::GetFrameHeight() + 5.0f * style.FramePadding.x +
         4.0f * style.ItemSpacing.x;
}

constexpr double kCopiedShownFor = 2.0;  // seconds "copied" stays on the button

// "Copy link" and "Embed": the page's address with the settings in its hash, or an <iframe> of it.
void link_buttons(const Session& session, Ui& ui, WidgetProbes& probes) {
  const bool recent = ui.state.now - ui.state.copied_at < kCopiedShownFor;
  const auto copy = [&](const std::string& text, const char* what) {
    if (ui.copy_text) ui.copy_text(text);
    ui.state.copied = text;
    ui.state.copied_what = what;
    ui.state.copied_at = ui.state.now;
    ui.state.draw_again_at = ui.state.now + kCopiedShownFor;  // to put the button's name back
  };
  const bool link_copied = recent && ui.state.copied_what == std::string("link");
  if (ImGui::Button(link_copied ? "Copied###copyLink" : "Copy link###copyLink"))
    copy(link_address(ui, current_settings(session, ui)), "link");
  probes.probe("copyLinkButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link to the playground as it is now (the weights stay here)");
  ImGui::SameLine();
  const bool code_copied = recent && ui.state.copied_what == std::string("embed");
  if (ImGui::Button(code_copied ? "Copied###copyEmbed" : "Embed###copyEmbed"))
    copy(embed_code(ui, current_settings(session, ui)), "embed");
  probes.probe("copyEmbedButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy an <iframe> of the playground as it is now, for a web page");
}

void lessons_button(UiState& ui, WidgetProbes& probes) {
  if (ImGui::Button("Lessons")) ui.show_lessons = !ui.show_lessons;
  probes.probe("lessonsButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Short lessons, one idea each (L)");
}

float lessons_button_width() {
  return ImGui::CalcTextSize("Lessons").x + 2.0f * ImGui::GetStyle().FramePadding.x + ImGui::GetStyle().ItemSpacing.x;
}

float link_buttons_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize("Copy linkEmbed").x + 4.0f * style.FramePadding.x + 2.0f * style.ItemSpacing.x;
}

void notice_line(const Session& session) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
  ImGui::TextWrapped("%s", session.notice().c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void same_line_if_room(float width) {
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
}

void header_panel(Session& session, Ui& whole_ui, UiTools& tools, const PanelRect& rect) {
  UiState& ui = whole_ui.state;
  if (ui.mode.embed) {
    if (begin_panel("##header", rect)) {
      notice_line(session);
      ui.header_height = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
    }
    end_panel("##header");
    return;
  }
  if (begin_panel("##header", rect)) {
    // The title row: the name, then (room permitting) the tag line and the status, then the link
    // buttons (on a page) and the presentation controls at the right.
    const float right = ImGui::GetWindowContentRegionMax().x;
    const bool links = !ui.page_address.empty();
    const float controls = lessons_button_width() + presentation_controls_width() +
                           (links ? link_buttons_width() + ImGui::GetStyle().ItemSpacing.x : 0.0f);
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
    // Too narrow for every control after the name (a phone): they wrap, group by group.
    ImGui::SameLine(std::max(after_name + spacing, right - controls));
    lessons_button(ui, tools.probes);
    if (links) {
      same_line_if_room(link_buttons_width() - spacing);
      link_buttons(session, whole_ui, tools.probes);
    }
    same_line_if_room(ImGui::CalcTextSize("A-A+2.75x").x + 4.0f * ImGui::GetStyle().FramePadding.x + 2.0f * spacing);
    presentation_controls(ui, tools.probes);

    // One button per preset, wrapping onto more rows when narrow; the active one is highlighted.
    ImGui::BeginDisabled(!session.started());
    const bool pretrained = session.preset_pretrained();
    bool first = true;
    for (const Preset& preset : presets()) {
      const float width = ImGui::CalcTextSize(preset.name).x + 2.0f * ImGui::GetStyle().FramePadding.x;
      if (!first) same_line_if_room(width);
      first = false;
      const bool active = session.preset() == preset.name && pretrained;
      if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(preset.name)) session.select_preset(preset.name);
      if (active) ImGui::PopStyleColor();
      if (!pretrained && ImGui::IsItemHovered()) ImGui::SetTooltip("Its model starts untrained here.");
      tools.probes.probe(std::string("presetButtons.") + preset.name);
    }
    ImGui::EndDisabled();
    if (!session.notice().empty()) {
      notice_line(session);
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
