// The tabs of the right-hand column, in the order they are shown, with their names on screen, in
// the automation state and in a link's `tab=` (lower-cased there).
#pragma once

#include <optional>
#include <string>

namespace bn_app {

enum class SideTab { kTraining, kLatent, kGenerate, kAnomaly, kFeatures, kCompression };

struct TabInfo {
  SideTab tab;
  const char* name;  // "Training"
};

inline constexpr TabInfo kTabs[] = {{SideTab::kTraining, "Training"}, {SideTab::kLatent, "Latent"},
                                    {SideTab::kGenerate, "Generate"}, {SideTab::kAnomaly, "Anomaly"},
                                    {SideTab::kFeatures, "Features"}, {SideTab::kCompression, "Compression"}};

const char* tab_name(SideTab tab);
// The name in a link: "training".
std::string tab_key(SideTab tab);
// The tab called `name`, in any letter case; nothing for an unknown name.
std::optional<SideTab> find_tab(const std::string& name);

}  // namespace bn_app
