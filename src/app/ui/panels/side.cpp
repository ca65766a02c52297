#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

// What a tab says while the first data set is still coming in.
void before_the_data(SideTab tab, bool anomalies_in) {
  if (tab == SideTab::kLatent) ImGui::TextDisabled("The codes appear once the data set has loaded.");
  if (tab == SideTab::kAnomaly)
    ImGui::TextDisabled(anomalies_in ? "Scoring the test images..." : "The anomaly images are still loading.");
}

}  // namespace

// The open tab's content, under the row of tabs.
void tab_content(SideTab tab, Session& session, Ui& ui, UiTools& tools) {
  if (!session.started() && tab != SideTab::kTraining) return before_the_data(tab, session.anomalies() != nullptr);
  switch (tab) {
    case SideTab::kTraining: training_tab(session, ui); break;
    case SideTab::kLatent:
      latent_tab(session.latent(), session.training(), session.pca(), session.datasets().current_sets(),
                 session.dataset(), tools);
      break;
    case SideTab::kGenerate:
      if (generate_tab(session.samples(), session.interpolation(), session.training(), session.pad(),
                       session.dataset(), tools))
        session.select_preset("VAE 2-D");
      break;
    case SideTab::kAnomaly: anomaly_tab(session.anomaly(), session.datasets(), tools); break;
    case SideTab::kFeatures: features_tab(session.features(), session.dataset(), tools); break;
    case SideTab::kCompression:
      compression_tab(session.compression(), session.rebuild(), !session.pad().empty(), session.pca());
      break;
  }
}

// The tabs are buttons that wrap onto another row when the panel is narrow, with their whole
// names: ImGui's tab bar shrank them to "Traini... Gene..." on a phone, in an embed and at a
// projector's scale. The session's open tab is the one shown (a link's, a preset's, a click's).
void side_panel(Session& session, Ui& ui, const PanelRect& rect, const PanelChoice& shown) {
  UiTools tools{ui.textures, ui.probes};
  ui.probes.set("sidePanel", {rect.pos.x, rect.pos.y, rect.size.x, rect.size.y});
  if (begin_panel("Model", rect)) {
    const ImVec2 pos = ImGui::GetWindowPos();
    ui.probes.set("sidePanel", {pos.x, pos.y, rect.size.x, rect.size.y});
    SideTab open = session.open_tab();
    if (!shown.shows(open))
      for (const TabInfo& tab : kTabs)
        if (shown.shows(tab.tab)) {
          open = tab.tab;
          session.look_at(open);  // only its view is kept up to date
          break;
        }
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemInnerSpacing.x,
                                                         ImGui::GetStyle().ItemInnerSpacing.y));
    bool first = true;
    for (const TabInfo& tab : kTabs) {
      if (!shown.shows(tab.tab)) continue;
      const float width = ImGui::CalcTextSize(tab.name).x + 2.0f * ImGui::GetStyle().FramePadding.x;
      if (!first) same_line_if_room(width);
      first = false;
      const bool active = tab.tab == open;
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(active ? ImGuiCol_TabActive : ImGuiCol_Tab));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_TabHovered));
      if (ImGui::Button(tab.name)) {
        session.look_at(tab.tab);
        open = tab.tab;
      }
      ImGui::PopStyleColor(2);
      ui.probes.probe(std::string("tabs.") + tab.name);
    }
    ImGui::PopStyleVar();
    ImGui::Separator();
    // The tab's content scrolls on its own, under tabs that stay put.
    ImGui::BeginChild("##tab content", ImVec2(0, 0), ImGuiChildFlags_None);
    tab_content(open, session, ui, tools);
    ImGui::EndChild();
  }
  end_panel("Model");
}

}  // namespace bn_app
