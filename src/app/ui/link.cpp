// Links: what is on screen as one Settings, and a link's text put back on screen.
#include <algorithm>
#include <string>
#include <vector>

#include "app/session/lessons.h"
#include "app/ui/panels/panels.h"
#include "app/ui/ui.h"

namespace bn_app {

namespace {

Theme theme_of(const UiState& state) { return state.light_theme ? Theme::kLight : Theme::kDark; }

std::string join(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

// The panel names a link may list, each once, leaving out (with a note) those that name nothing.
std::vector<std::string> known_panels(const std::vector<std::string>& names, std::vector<std::string>& ignored) {
  std::vector<std::string> known;
  for (const std::string& name : names) {
    if (!is_panel_name(name))
      ignored.push_back("panels=" + shown_in_message(name) + ": no such panel (" + join(panel_names(), ", ") + ")");
    else if (std::find(known.begin(), known.end(), name) == known.end())
      known.push_back(name);
  }
  return known;
}

}  // namespace

Settings current_settings(const Session& session, const Ui& ui) {
  Settings settings;
  session.fill_settings(settings);
  settings.brush = ui.pointer.brush;
  settings.theme = theme_of(ui.state);
  settings.ui_scale = ui.state.scale;
  settings.embed = ui.state.mode.embed;
  settings.panels = ui.state.mode.panels;
  settings.controls = ui.state.mode.controls;
  settings.lesson = ui.state.show_lessons ? ui.state.mode.lesson : "";
  return settings;
}

void apply_link(Session& session, Ui& ui, const std::string& text) {
  const ParsedSettings parsed = parse_settings(text);
  const Settings& settings = parsed.settings;
  std::vector<std::string> ignored = parsed.ignored;
  ui.pointer.brush = settings.brush;
  ui.state.light_theme = settings.theme == Theme::kLight;
  set_ui_scale(ui.state, settings.ui_scale);
  ui.state.mode = {settings.embed, known_panels(settings.panels, ignored), settings.controls, settings.lesson};
  if (!settings.lesson.empty() && !find_lesson(settings.lesson)) {
    std::vector<std::string> ids;
    for (const Lesson& lesson : lessons()) ids.push_back(lesson.id);
    ignored.push_back("lesson=" + shown_in_message(settings.lesson) + ": no such lesson (" + join(ids, ", ") + ")");
    ui.state.mode.lesson.clear();
  }
  if (!ui.state.mode.lesson.empty()) {
    ui.state.show_lessons = true;
    ui.state.lesson_step = 0;
  }
  session.apply_settings(settings, parsed.model_given, link_note(ignored));
}

std::string link_address(const Ui& ui, const Settings& settings) {
  if (ui.state.page_address.empty()) return "";
  const std::string text = to_text(settings);
  return ui.state.page_address + (text.empty() ? "" : "#" + text);
}

std::string embed_code(const Ui& ui, Settings settings) {
  settings.embed = true;
  std::string address;
  // '&' as "&amp;" inside an HTML attribute; the rest of a link's text is percent-encoded.
  for (char c : link_address(ui, settings)) address += c == '&' ? std::string("&amp;") : std::string(1, c);
  return "<iframe src=\"" + address +
         "\" width=\"100%\" height=\"640\" style=\"border:0\" title=\"Bottleneck: an autoencoder playground\" "
         "loading=\"lazy\"></iframe>";
}

}  // namespace bn_app
