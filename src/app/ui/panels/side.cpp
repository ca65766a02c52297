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

void side_panel(Session& session, Ui& ui, const PanelRect& rect, const PanelChoice& shown) {
  UiTools tools{ui.textures, ui.probes};
  ui.probes.set("sidePanel", {rect.pos.x, rect.pos.y, rect.size.x, rect.size.y});
  if (begin_panel("Model", rect) && ImGui::BeginTabBar("side tabs")) {
    const ImVec2 pos = ImGui::GetWindowPos();
    ui.probes.set("sidePanel", {pos.x, pos.y, rect.size.x, rect.size.y});
    // A preset or a shortcut asked for a tab: the tab bar selects it once.
    const bool requested = ui.state.tab_requests_seen != session.tab_requests();
    ui.state.tab_requests_seen = session.tab_requests();
    for (const TabInfo& tab : kTabs) {
      if (!shown.shows(tab.tab)) continue;
      const bool select = requested && session.open_tab() == tab.tab;
      const bool open = ImGui::BeginTabItem(tab.name, nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
      ui.probes.probe(std::string("tabs.") + tab.name);
      if (!open) continue;
      if (!requested) session.look_at(tab.tab);  // a click on the tab
      // The tab's content scrolls on its own, under a tab bar that stays put.
      ImGui::BeginChild("##tab content", ImVec2(0, 0), ImGuiChildFlags_None);
      if (!session.ready() && tab.tab != SideTab::kTraining) {
        before_the_data(tab.tab, session.anomalies() != nullptr);
      } else {
        switch (tab.tab) {
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
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  end_panel("Model");
}

}  // namespace bn_app
