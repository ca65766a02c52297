#include <algorithm>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

void show_image(TextureCache& textures, const char* name, int width, int height, const std::vector<float>& image,
                uint64_t revision, ImVec2 size) {
  if (image.empty()) return;
  framed_image(textures.image(name, width, height, image, revision), size);
}

// The manifold doubles as a pad for the code space: press and drag on it to hold a code and see
// it decoded, moving with the pointer.
void manifold_with_held_point(SamplesView& view, bn::Model& model, UiTools& tools, float side) {
  const int cells = SamplesView::kManifold;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  show_image(tools.textures, "manifold", cells * kPadSide, cells * kPadSide, view.manifold(), view.revision(),
             ImVec2(side, side));
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("manifold", ImVec2(side, side));
  tools.probes.probe("manifold");
  // Grid point centres span the image less half a cell at each side.
  const float cell = side / cells, reach = SamplesView::kManifoldReach;
  const float inner = side - cell;
  if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float u = std::clamp((mouse.x - origin.x - cell / 2) / inner, -0.05f, 1.05f);
    const float v = std::clamp((mouse.y - origin.y - cell / 2) / inner, -0.05f, 1.05f);
    view.hold(model, -reach + 2 * reach * u, reach - 2 * reach * v);
  } else if (view.holding()) {
    view.hold(model, view.held_x(), view.held_y());  // the same code, through the newest weights
  }
  if (view.holding()) {
    const ImVec2 p(origin.x + cell / 2 + (view.held_x() + reach) / (2 * reach) * inner,
                   origin.y + cell / 2 + (reach - view.held_y()) / (2 * reach) * inner);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircle(p, 7.0f, IM_COL32(255, 80, 80, 255), 16, 2.5f);
  }
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

void interpolation(InterpolationView& view, const DrawingPad& pad, const DatasetInfo& dataset, UiTools& tools) {
  if (view.strip().empty()) return;
  const bool kept = view.far_end_kept();
  const char* item = dataset.item;
  if (kept) ImGui::TextDisabled("from your drawing to the one you kept: draw another");
  else ImGui::TextDisabled("from your drawing to a test %s, through the code space", item);
  const std::string another = kept ? std::string("To a test ") + item : std::string("Another ") + item;
  if (ImGui::SmallButton((another + "###another").c_str())) view.another_partner();
  tools.probes.probe("anotherDigitButton");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The far end becomes a random test %s", item);
  ImGui::SameLine();
  if (ImGui::SmallButton("Keep this drawing")) view.keep_drawing(pad.pixels());
  tools.probes.probe("keepDrawingButton");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Make the drawing on the pad the far end; then draw (or pick) another to walk between the two");
  ImGui::SameLine();
  ImGui::Checkbox("animate", &view.animate);
  const int frames = InterpolationView::kFrames;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float frame = std::max(16.0f, (ImGui::GetContentRegionAvail().x - gap) / (frames + 1.4f));
  show_image(tools.textures, "interpolation", frames * kPadSide, kPadSide, view.strip(), view.strip_revision(),
             ImVec2(frame * frames, frame));
  if (view.animate && !view.animated().empty()) {
    ImGui::SameLine();
    // A new frame every refresh: the animation is uploaded every frame.
    show_image(tools.textures, "animated", kPadSide, kPadSide, view.animated(), ImGui::GetFrameCount(),
               ImVec2(frame * 1.4f, frame * 1.4f));
  }
}

}  // namespace

bool generate_tab(SamplesView& view, InterpolationView& interpolation_view, Training& training, const DrawingPad& pad,
                  const DatasetInfo& dataset, UiTools& tools) {
  if (training.config().kind != bn::ModelKind::kVae) {
    ImGui::TextWrapped(
        "Making new digits needs a variational autoencoder: its codes follow a known "
        "distribution, so random codes decode to plausible digits.");
    return ImGui::Button("Load the VAE 2-D preset");
  }
  const int latent = training.config().latent;
  if (ImGui::Button("Resample")) view.resample();
  tools.probes.probe("resampleButton");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  ImGui::SliderFloat("temperature", &view.temperature, 0.1f, 2.0f, "%.2f");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("How far from the centre of the code space to draw: low is safe, high is wild");
  if (latent > 2) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    if (ImGui::SliderInt2("grid axes", view.dims, 0, latent - 1)) view.release();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Which two of the %d code numbers the grid walks", latent);
  }

  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float strip_height = (room.x / (InterpolationView::kFrames + 1.4f)) * 1.4f + 3.0f * line;
  const float side =
      std::max(96.0f, std::min((room.x - ImGui::GetStyle().ItemSpacing.x) / 2.0f, room.y - strip_height - 4.5f * line));
  ImGui::BeginGroup();
  ImGui::TextDisabled("random codes, decoded");
  const int grid = SamplesView::kGrid * kPadSide;
  show_image(tools.textures, "samples", grid, grid, view.samples(), view.revision(), ImVec2(side, side));
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("the code space as a grid: press and drag");
  manifold_with_held_point(view, training.viewer(), tools, side);
  ImGui::EndGroup();
  if (view.holding() && !view.held_image().empty()) {
    const float thumb = ImGui::GetFontSize() * 3.0f;
    show_image(tools.textures, "held", kPadSide, kPadSide, view.held_image(), view.held_revision(),
               ImVec2(thumb, thumb));
    ImGui::SameLine();
    ImGui::TextWrapped("The code you hold (%.2f, %.2f), decoded: drag to move it.", view.held_x(), view.held_y());
  } else if (latent > 2) {
    ImGui::TextDisabled("The grid walks code numbers %d and %d of %d; the others stay at 0.", view.dims[0],
                        view.dims[1], latent);
  } else {
    ImGui::TextDisabled("Press on the grid and drag to decode any point of the code space.");
  }
  interpolation(interpolation_view, pad, dataset, tools);
  return false;
}

}  // namespace bn_app
