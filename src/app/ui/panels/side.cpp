#include "app/panels/panels.h"

namespace bn_app {

ScreenRect last_item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  return {min.x, min.y, max.x - min.x, max.y - min.y};
}

void side_panel(AppState& state, const PanelRect& rect) {
  struct Tab {
    SideTab tab;
    void (*draw)(AppState&);
  };
  static constexpr Tab kTabs[] = {
      {SideTab::kTraining, training_tab}, {SideTab::kLatent, latent_tab},     {SideTab::kGenerate, generate_tab},
      {SideTab::kAnomaly, anomaly_tab},   {SideTab::kFeatures, features_tab}, {SideTab::kCompression, compression_tab},
  };
  state.layout.side_panel = {rect.pos.x, rect.pos.y, rect.size.x, rect.size.y};
  if (begin_panel("Model", rect) && ImGui::BeginTabBar("side tabs")) {
    const ImVec2 pos = ImGui::GetWindowPos();
    state.layout.side_panel = {pos.x, pos.y, rect.size.x, rect.size.y};
    for (const Tab& tab : kTabs) {
      const bool select = state.side_tab_requested && state.side_tab == tab.tab;
      const bool open = ImGui::BeginTabItem(tab_name(tab.tab), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
      state.layout.tabs[tab_name(tab.tab)] = last_item_rect();
      if (open) {
        if (!state.side_tab_requested) state.side_tab = tab.tab;  // a click on the tab
        // The tab's content scrolls on its own, under a tab bar that stays put.
        ImGui::BeginChild("##tab content", ImVec2(0, 0), ImGuiChildFlags_None);
        tab.draw(state);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    state.side_tab_requested = false;
    ImGui::EndTabBar();
  }
  end_panel("Model");
}

}  // namespace bn_app
