#include "app/session/tabs.h"

#include <algorithm>
#include <cctype>

namespace bn_app {

const char* tab_name(SideTab tab) {
  for (const TabInfo& info : kTabs)
    if (info.tab == tab) return info.name;
  return "?";
}

namespace {

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::string tab_key(SideTab tab) { return lower_case(tab_name(tab)); }

std::optional<SideTab> find_tab(const std::string& name) {
  for (const TabInfo& info : kTabs)
    if (lower_case(info.name) == lower_case(name)) return info.tab;
  return std::nullopt;
}

}  // namespace bn_app
