#include "app/session/tabs.h"

#include <algorithm>
#include <cctype>

namespace bn_app {

const char* tab_name(SideTab tab) {
  for (const TabInfo& info : kTabs)
    if (info.tab == tab) return info.name;
  return "?";
}

std::optional<SideTab> find_tab(const std::string& name) {
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
  };
  for (const TabInfo& info : kTabs)
    if (lower(info.name) == lower(name)) return info.tab;
  return std::nullopt;
}

}  // namespace bn_app
