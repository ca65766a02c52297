// Where the widgets are that tests (and tutorials) press, in CSS pixels: one generic registry,
// filled as the panels draw. The page API hands it out as `bottleneck.layout()`, turning dotted
// names into nested objects ("tabs.Training" -> layout().tabs.Training).
//
//   if (ImGui::Button("Train")) ...;
//   probes.probe("trainButton");          // the last ImGui item's rectangle
#pragma once

#include <map>
#include <string>

namespace bn_app {

struct ScreenRect {
  float x = 0, y = 0, w = 0, h = 0;
};

class WidgetProbes {
 public:
  // Records the last ImGui item's rectangle under `name`, unless its window is hidden this frame
  // (ImGui lays out a window that sizes itself once unseen, before it knows where it goes: a
  // rectangle from that frame is not where the widget appears).
  void probe(const std::string& name);
  // The current window's rectangle, on the same terms.
  void probe_window(const std::string& name);
  void set(const std::string& name, const ScreenRect& rect) { rects_[name] = rect; }
  // The widget is not on screen this frame (e.g. a plot that is not shown).
  void forget(const std::string& name) { rects_.erase(name); }
  // A zero rectangle for a name never probed.
  ScreenRect get(const std::string& name) const;
  const std::map<std::string, ScreenRect>& all() const { return rects_; }

 private:
  std::map<std::string, ScreenRect> rects_;
};

}  // namespace bn_app
