#include <algorithm>

#include "app/panels/panels.h"

namespace bn_app {

namespace {

void show_image(std::unique_ptr<DigitTexture>& texture, int width, int height, const std::vector<float>& image,
                bool refresh, ImVec2 size) {
  if (image.empty()) return;
  if (!texture) texture = std::make_unique<DigitTexture>(width, height);
  if (refresh) texture->upload(image.data());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  texture->draw(size);
  ImGui::GetWindowDrawList()->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                                      ImGui::GetColorU32(ImGuiCol_Border));
}

// The manifold doubles as a pad for the code space: press and drag on it to hold a code and see
// it decoded, moving with the pointer.
void manifold_with_held_point(AppState& state, float side, bool refresh) {
  GenerateView& generate = state.generate;
  const int cells = GenerateView::kManifold;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  show_image(state.manifold_texture, cells * kPadSide, cells * kPadSide, generate.manifold, refresh, ImVec2(side, side));
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("manifold", ImVec2(side, side));
  state.layout.manifold = last_item_rect();
  // Grid point centres span the image less half a cell at each side.
  const float cell = side / cells, reach = GenerateView::kManifoldReach;
  const float inner = side - cell;
  if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float u = std::clamp((mouse.x - origin.x - cell / 2) / inner, -0.05f, 1.05f);
    const float v = std::clamp((mouse.y - origin.y - cell / 2) / inner, -0.05f, 1.05f);
    generate.held_x = -reach + 2 * reach * u;
    generate.held_y = reach - 2 * reach * v;
    generate.holding = true;
  }
  if (generate.holding) {
    const int latent = state.snapshot->config->latent;
    bn::Matrix z = bn::Matrix::Zero(1, latent);
    z(0, generate.dims[0]) = generate.held_x;
    if (latent > 1) z(0, generate.dims[1]) = generate.held_y;
    const bn::Matrix image = state.viewer->decode(z);
    generate.held_image.assign(image.data(), image.data() + image.size());
    ++generate.held_revision;
    const ImVec2 p(origin.x + cell / 2 + (generate.held_x + reach) / (2 * reach) * inner,
                   origin.y + cell / 2 + (reach - generate.held_y) / (2 * reach) * inner);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircle(p, 7.0f, IM_COL32(255, 80, 80, 255), 16, 2.5f);
  }
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

void interpolation(AppState& state) {
  GenerateView& generate = state.generate;
  if (generate.strip.empty()) return;
  const bool kept = !generate.kept_drawing.empty();
  const char* item = current_dataset(state).item;
  if (kept) ImGui::TextDisabled("from your drawing to the one you kept: draw another");
  else ImGui::TextDisabled("from your drawing to a test %s, through the code space", item);
  const std::string another = kept ? std::string("To a test ") + item : std::string("Another ") + item;
  if (ImGui::SmallButton((another + "###another").c_str())) {
    generate.kept_drawing.clear();
    ++generate.kept_revision;
    ++generate.partner_draws;
  }
  state.layout.another_digit_button = last_item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The far end becomes a random test %s", item);
  ImGui::SameLine();
  if (ImGui::SmallButton("Keep this drawing")) {
    generate.kept_drawing = state.pad;
    ++generate.kept_revision;
  }
  state.layout.keep_drawing_button = last_item_rect();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Make the drawing on the pad the far end; then draw (or pick) another to walk between the two");
  ImGui::SameLine();
  ImGui::Checkbox("animate", &generate.animate);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float frame = std::max(16.0f, (ImGui::GetContentRegionAvail().x - gap) / (GenerateView::kFrames + 1.4f));
  const bool refresh = generate.strip_texture_revision != generate.strip_revision;
  show_image(state.strip_texture, GenerateView::kFrames * kPadSide, kPadSide, generate.strip, refresh,
             ImVec2(frame * GenerateView::kFrames, frame));
  generate.strip_texture_revision = generate.strip_revision;
  if (generate.animate && !generate.animated.empty()) {
    ImGui::SameLine();
    show_image(state.animated_texture, kPadSide, kPadSide, generate.animated, true, ImVec2(frame * 1.4f, frame * 1.4f));
  }
}

}  // namespace

void generate_tab(AppState& state) {
  if (!state.ready()) return;
  if (state.snapshot->config->kind != bn::ModelKind::kVae) {
    ImGui::TextWrapped("Making new digits needs a variational autoencoder: its codes follow a known "
                       "distribution, so random codes decode to plausible digits.");
    if (ImGui::Button("Load the VAE 2-D preset")) app_select_preset(state, "VAE 2-D");
    return;
  }
  GenerateView& generate = state.generate;
  const int latent = state.snapshot->config->latent;
  if (ImGui::Button("Resample")) ++generate.draws;
  state.layout.resample_button = last_item_rect();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  ImGui::SliderFloat("temperature", &generate.temperature, 0.1f, 2.0f, "%.2f");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How far from the centre of the code space to draw: low is safe, high is wild");
  if (latent > 2) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    if (ImGui::SliderInt2("grid axes", generate.dims, 0, latent - 1)) generate.holding = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Which two of the %d code numbers the grid walks", latent);
  }

  const bool refresh = state.samples_texture_revision != generate.revision;
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float strip_height = (room.x / (GenerateView::kFrames + 1.4f)) * 1.4f + 3.0f * line;
  const float side = std::max(96.0f, std::min((room.x - ImGui::GetStyle().ItemSpacing.x) / 2.0f,
                                              room.y - strip_height - 4.5f * line));
  ImGui::BeginGroup();
  ImGui::TextDisabled("random codes, decoded");
  show_image(state.samples_texture, GenerateView::kGrid * kPadSide, GenerateView::kGrid * kPadSide, generate.samples,
             refresh, ImVec2(side, side));
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("the code space as a grid: press and drag");
  manifold_with_held_point(state, side, refresh);
  ImGui::EndGroup();
  state.samples_texture_revision = generate.revision;
  if (generate.holding && !generate.held_image.empty()) {
    const float thumb = ImGui::GetFontSize() * 3.0f;
    show_image(state.held_texture, kPadSide, kPadSide, generate.held_image,
               generate.held_texture_revision != generate.held_revision, ImVec2(thumb, thumb));
    generate.held_texture_revision = generate.held_revision;
    ImGui::SameLine();
    ImGui::TextWrapped("The code you hold (%.2f, %.2f), decoded: drag to move it.", generate.held_x, generate.held_y);
  } else if (latent > 2) {
    ImGui::TextDisabled("The grid walks code numbers %d and %d of %d; the others stay at 0.", generate.dims[0],
                        generate.dims[1], latent);
  } else {
    ImGui::TextDisabled("Press on the grid and drag to decode any point of the code space.");
  }
  interpolation(state);
}

}  // namespace bn_app
