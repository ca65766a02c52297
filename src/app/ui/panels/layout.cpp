#include <algorithm>
#include <cmath>
#include <cstring>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

// [SECTION] Sizes

constexpr float kMargin = 8.0f;

struct Sizes {
  float line, title, chrome, noise_height, buttons_rows, min_image_side, max_image_side, min_side_panel, min_side_width;
};

Sizes measure() {
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
  s.min_side_width = 24.0f * ImGui::GetFontSize();  // the six tab names, unclipped
  return s;
}

PanelLayout lay_out(ImVec2 page, float header_height, const Sizes& s) {
  PanelLayout layout;
  layout.header = {{kMargin, kMargin}, {page.x - 2 * kMargin, header_height}};
  const float top = kMargin + header_height + kMargin;
  const float available_height = page.y - top - kMargin;
  const float smallest_image_panel = s.min_image_side + s.chrome;
  // Three columns (draw, rebuild, tabs) when the tabs keep a usable width beside the two images;
  // two (the images side by side, everything else below) when the images still fit side by side;
  // else one, everything stacked (a phone, or a big UI scale on a small screen).
  const bool three = page.x >= 1000.0f && page.x - 4 * kMargin - 2 * smallest_image_panel >= s.min_side_width;
  const bool two = three || page.x - 3 * kMargin >= 2 * smallest_image_panel;
  const float columns = three ? 3.0f : two ? 2.0f : 1.0f;
  float column_width = (page.x - (columns + 1) * kMargin) / columns;
  if (three) column_width = std::min(column_width, (page.x - 4 * kMargin - s.min_side_width) / 2.0f);
  const float fitting_height = available_height - s.noise_height - kMargin - s.title - s.buttons_rows - s.chrome;
  layout.image_side = std::clamp(std::min(column_width - s.chrome, two ? fitting_height : column_width),
                                 s.min_image_side, s.max_image_side);
  const float image_panel_height = layout.image_side + s.title + s.buttons_rows + s.chrome;
  const float image_panel_width = layout.image_side + s.chrome;

  layout.draw = {{kMargin, top}, {image_panel_width, image_panel_height}};
  float below = top + image_panel_height + kMargin;  // the first free row under the images
  if (two) {
    layout.reconstruction = {{2 * kMargin + image_panel_width, top}, {image_panel_width, image_panel_height}};
  } else {
    layout.reconstruction = {{kMargin, below}, {image_panel_width, image_panel_height}};
    below += image_panel_height + kMargin;
  }
  const float images_width = two ? 2 * image_panel_width + kMargin : image_panel_width;
  // Beside the tabs the noise strip spans the two images; below them, the whole page.
  layout.noise = {{kMargin, below},
                  {three ? images_width : std::max(images_width, page.x - 2 * kMargin), s.noise_height}};
  if (three) {
    const float x = 3 * kMargin + 2 * image_panel_width;
    const float height = std::max(available_height, below + s.noise_height - top);
    layout.side = {{x, top}, {page.x - x - kMargin, std::max(s.min_side_panel, height)}};
  } else {
    const float y = below + s.noise_height + kMargin;
    layout.side = {{kMargin, y}, {page.x - 2 * kMargin, std::max(s.min_side_panel, page.y - y - kMargin)}};
  }
  layout.page_height =
      std::max({layout.noise.pos.y + layout.noise.size.y, layout.side.pos.y + layout.side.size.y}) + kMargin;
  layout.page_width = std::max({layout.header.size.x, layout.noise.pos.x + layout.noise.size.x,
                                layout.side.pos.x + layout.side.size.x}) +
                      kMargin;
  return layout;
}

}  // namespace

PanelLayout compute_panel_layout(ImVec2 display, float header_height) {
  const Sizes sizes = measure();
  PanelLayout layout = lay_out(display, header_height, sizes);
  // What does not fit scrolls: lay out again beside the page's scrollbar.
  layout.scrolls = layout.page_height > display.y + 0.5f || layout.page_width > display.x + 0.5f;
  if (layout.scrolls) {
    layout = lay_out(ImVec2(display.x - ImGui::GetStyle().ScrollbarSize, display.y), header_height, sizes);
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
