#include <algorithm>
#include <cmath>
#include <cstring>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

// [SECTION] Sizes

constexpr float kMargin = 8.0f;
constexpr float kNoiseControlsEm = 12.0f;  // noise.cpp's controls column

struct Sizes {
  float line, title, chrome, noise_height, buttons_rows, min_image_side, max_image_side, min_side_panel, min_side_width;
};

Sizes measure(const PanelChoice& shown) {
  const ImGuiStyle& style = ImGui::GetStyle();
  Sizes s;
  s.line = ImGui::GetFrameHeightWithSpacing();
  s.title = ImGui::GetFrameHeight();
  s.chrome = 2.0f * style.WindowPadding.x;
  s.noise_height = 5.5f * s.line + 2.0f * style.WindowPadding.y + s.title;
  s.buttons_rows = 3.3f * s.line;  // under the pad: two rows of tools and a hint
  // The pad is never narrower than the row of buttons under it, so no button is cut off.
  s.min_image_side = std::max(112.0f, ImGui::CalcTextSize("ClearUndoRandom").x + 2.0f * ImGui::GetFrameHeight() +
                                          6.0f * style.FramePadding.x + 4.0f * style.ItemSpacing.x);
  s.max_image_side = 560.0f;
  s.min_side_panel = 12.0f * s.line;
  // What the tabs' content needs: their names and rows of buttons wrap onto more lines.
  s.min_side_width = 17.0f * ImGui::GetFontSize();
  return s;
}

PanelLayout lay_out(ImVec2 page, float header_height, const Sizes& s, const PanelChoice& shown) {
  PanelLayout layout;
  layout.header = {{kMargin, kMargin}, {page.x - 2 * kMargin, header_height}};
  const float top = header_height > 0.0f ? kMargin + header_height + kMargin : kMargin;
  const float available_height = page.y - top - kMargin;
  const float smallest_image_panel = s.min_image_side + s.chrome;
  const int images = int{shown.draw} + int{shown.reconstruction};
  // Three columns (draw, rebuild, tabs) when the tabs keep a usable width beside the images (on a
  // page of its own, from 1000 pixels: a tablet held upright shows the tabs below); the images side
  // by side, everything else below, when they still fit side by side; else one column, everything
  // stacked (a phone, or a big UI scale on a small screen).
  // On a wide page whose images do not fit side by side beside the tabs (a projector's 2x on
  // 1280x800), the images stack in one column beside them, so that the pad and Train are on
  // screen together; with the tabs below, Train was two screens down.
  const float wide_page = shown.embedded ? 0.0f : 1000.0f;
  const bool wide = shown.side && images > 0 && page.x >= wide_page;
  const bool beside_pair =
      wide && page.x - (images + 2) * kMargin - images * smallest_image_panel >= s.min_side_width;
  const bool beside = beside_pair || (wide && page.x - 3 * kMargin - smallest_image_panel >= s.min_side_width);
  const bool pair = images == 2 && (beside_pair || (!beside && page.x - 3 * kMargin >= 2 * smallest_image_panel));
  const int image_columns = pair ? 2 : std::min(images, 1);
  const float columns = static_cast<float>(image_columns + (beside ? 1 : 0));
  float column_width = columns > 0.0f ? (page.x - (columns + 1) * kMargin) / columns : page.x;
  if (beside)
    column_width = std::min(column_width, (page.x - (image_columns + 2) * kMargin - s.min_side_width) / image_columns);
  const float noise_room = shown.noise ? s.noise_height + kMargin : 0.0f;
  const float fitting_height = available_height - noise_room - s.title - s.buttons_rows - s.chrome;
  layout.image_side = std::clamp(std::min(column_width - s.chrome, pair || beside ? fitting_height : column_width),
                                 s.min_image_side, s.max_image_side);
  const float image_panel_height = layout.image_side + s.title + s.buttons_rows + s.chrome;
  const float image_panel_width = layout.image_side + s.chrome;

  float below = top;  // the first free row under what is placed so far
  if (pair) {
    layout.draw = {{kMargin, top}, {image_panel_width, image_panel_height}};
    layout.reconstruction = {{2 * kMargin + image_panel_width, top}, {image_panel_width, image_panel_height}};
    below += image_panel_height + kMargin;
  } else {
    for (PanelRect* rect :
         {shown.draw ? &layout.draw : nullptr, shown.reconstruction ? &layout.reconstruction : nullptr}) {
      if (!rect) continue;
      *rect = {{kMargin, below}, {image_panel_width, image_panel_height}};
      below += image_panel_height + kMargin;
    }
  }
  const float images_width = pair ? 2 * image_panel_width + kMargin : images > 0 ? image_panel_width : 0.0f;
  // Beside the tabs the noise strip spans the images; below them, the whole page.
  if (shown.noise) {
    const float width = beside ? images_width : std::max(images_width, page.x - 2 * kMargin);
    float height = s.noise_height;
    if (noise_thumbnails_below(width - s.chrome)) {
      const float thumbnail = std::min((width - s.chrome - 2.0f * ImGui::GetStyle().ItemSpacing.x) / 3.0f,
                                       7.0f * ImGui::GetFontSize());
      height += ImGui::GetTextLineHeightWithSpacing() + thumbnail + ImGui::GetStyle().ItemSpacing.y;
    }
    layout.noise = {{kMargin, below}, {width, height}};
    below += height + kMargin;
  }
  if (beside) {
    const float x = 2 * kMargin + images_width;
    const float height = std::max(available_height, below - kMargin - top);
    layout.side = {{x, top}, {page.x - x - kMargin, std::max(s.min_side_panel, height)}};
  } else if (shown.side) {
    // Below the rest (a phone), the tabs get a screen of their own, so a swipe scrolls the page to
    // them and their content fits, rather than a panel of a few lines scrolling inside.
    const float height = std::max({s.min_side_panel, page.y - below - kMargin, page.y - top - kMargin});
    layout.side = {{kMargin, below}, {page.x - 2 * kMargin, height}};
  }
  layout.page_height = kMargin;
  layout.page_width = layout.header.size.x + kMargin;
  for (const PanelRect* rect : {&layout.draw, &layout.reconstruction, &layout.noise, &layout.side}) {
    if (rect->size.x <= 0.0f) continue;  // not shown
    layout.page_height = std::max(layout.page_height, rect->pos.y + rect->size.y + kMargin);
    layout.page_width = std::max(layout.page_width, rect->pos.x + rect->size.x + kMargin);
  }
  return layout;
}

}  // namespace

bool noise_thumbnails_below(float content_width) {
  const float font = ImGui::GetFontSize();
  return content_width - kNoiseControlsEm * font - 3.0f * ImGui::GetStyle().ItemSpacing.x < 3.0f * 4.0f * font;
}

// [SECTION] Which panels

const std::vector<std::string>& panel_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"draw", "reconstruction", "noise", "tabs"};
    for (const TabInfo& tab : kTabs) all.push_back(tab_key(tab.tab));
    return all;
  }();
  return names;
}

bool is_panel_name(const std::string& name) {
  return std::find(panel_names().begin(), panel_names().end(), name) != panel_names().end();
}

bool PanelChoice::shows(SideTab tab) const {
  return tabs.empty() || std::find(tabs.begin(), tabs.end(), tab) != tabs.end();
}

PanelChoice panels_shown(const PageMode& mode) {
  PanelChoice shown;
  shown.embedded = mode.embed;
  if (mode.panels.empty()) return shown;
  const auto chosen = [&](const std::string& name) {
    return std::find(mode.panels.begin(), mode.panels.end(), name) != mode.panels.end();
  };
  shown.draw = chosen("draw");
  shown.reconstruction = chosen("reconstruction");
  shown.noise = chosen("noise");
  for (const TabInfo& tab : kTabs)
    if (chosen(tab_key(tab.tab))) shown.tabs.push_back(tab.tab);
  shown.side = chosen("tabs") || !shown.tabs.empty();
  if (chosen("tabs")) shown.tabs.clear();
  return shown;
}

PanelLayout compute_panel_layout(ImVec2 display, float header_height, const PanelChoice& shown) {
  const Sizes sizes = measure(shown);
  PanelLayout layout = lay_out(display, header_height, sizes, shown);
  // What does not fit scrolls: lay out again beside the page's scrollbar.
  layout.scrolls = layout.page_height > display.y + 0.5f || layout.page_width > display.x + 0.5f;
  if (layout.scrolls) {
    layout = lay_out(ImVec2(display.x - ImGui::GetStyle().ScrollbarSize, display.y), header_height, sizes, shown);
    layout.scrolls = true;
  }
  return layout;
}

// [SECTION] The page and its panels

void begin_page(ImVec2 display) {
  ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(display, ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##page", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PopStyleVar();
}

void end_page(const PanelLayout& layout) {
  // The bottom margin belongs to the page, so the last panel can scroll fully into view.
  ImGui::SetCursorPos(ImVec2(0, layout.page_height - 1.0f));
  ImGui::Dummy(ImVec2(layout.page_width, 1.0f));
  ImGui::End();
}

bool begin_panel(const char* title, const PanelRect& rect) {
  ImGui::SetCursorPos(rect.pos);  // page coordinates: scrolling the page moves every panel together
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, ImGui::GetStyle().WindowRounding);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImGui::GetStyle().WindowPadding);
  const bool visible = ImGui::BeginChild(title, rect.size, ImGuiChildFlags_Border, ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  if (visible && title[0] != '#') ImGui::Dummy(ImVec2(0.0f, ImGui::GetFrameHeight() - ImGui::GetStyle().ItemSpacing.y));
  return visible;
}

void end_panel(const char* title) {
  // The title bar goes on last, over anything the panel's own scrolling slid under it.
  if (title[0] != '#') {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetWindowPos();
    const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetFrameHeight());
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
    draw->PushClipRect(min, max, false);
    draw->AddRectFilled(min, max, ImGui::GetColorU32(focused ? ImGuiCol_TitleBgActive : ImGuiCol_TitleBg),
                        ImGui::GetStyle().WindowRounding, ImDrawFlags_RoundCornersTop);
    const char* end = std::strchr(title, '#') ? std::strchr(title, '#') : title + std::strlen(title);
    draw->AddText(ImVec2(min.x + ImGui::GetStyle().FramePadding.x, min.y + ImGui::GetStyle().FramePadding.y),
                  ImGui::GetColorU32(ImGuiCol_Text), title, end);
    draw->PopClipRect();
  }
  ImGui::EndChild();
}

}  // namespace bn_app

namespace bn_app {

void framed_image(const DigitTexture& texture, ImVec2 size) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  texture.draw(size);
  ImGui::GetWindowDrawList()->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                                      ImGui::GetColorU32(ImGuiCol_Border));
}

}  // namespace bn_app
