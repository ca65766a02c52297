#include "app/ui/widget_probes.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace bn_app {

void WidgetProbes::probe(const std::string& name) {
  if (ImGui::GetCurrentWindowRead()->Hidden) return;
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  rects_[name] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

void WidgetProbes::probe_window(const std::string& name) {
  if (ImGui::GetCurrentWindowRead()->Hidden) return;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  rects_[name] = {pos.x, pos.y, size.x, size.y};
}

ScreenRect WidgetProbes::get(const std::string& name) const {
  const auto found = rects_.find(name);
  return found == rects_.end() ? ScreenRect{} : found->second;
}

}  // namespace bn_app
