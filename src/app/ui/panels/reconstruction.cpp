#include <cstdio>

#include "app/ui/panels/panels.h"
#include "app/ui/widgets/code_strip.h"

namespace bn_app {

namespace {

// Under the image: the code as bars, what it is, and the way back from an edit.
void code_readout(PadReconstruction& rebuild, const bn::ModelConfig& model, UiTools& tools) {
  const CodeReadout& code = rebuild.code();
  code_strip(rebuild, tools.probes, 1.6f * ImGui::GetFrameHeight());
  const int units = static_cast<int>(code.values.size());
  if (code.edited) {
    if (ImGui::SmallButton("Back to my drawing")) rebuild.restore_code();
    tools.probes.probe("codeBackButton");
    return;
  }
  tools.probes.forget("codeBackButton");
  if (!code.active.empty()) ImGui::Text("Code: %d of %d active", code.active_count(), units);
  else if (model.kind == bn::ModelKind::kVae) ImGui::Text("Code: %d means, with their spread", units);
  else ImGui::Text("Code: %d numbers", units);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("What the drawing is squeezed into. Drag a bar to change one number.");
}

}  // namespace

void reconstruction_panel(PadReconstruction& rebuild, bool pad_empty, const DatasetHub& datasets,
                          const Training& training, UiTools& tools, const PanelRect& rect) {
  if (begin_panel("Reconstruction", rect)) {
    const float side = ImGui::GetContentRegionAvail().x;
    framed_image(tools.textures.image("reconstruction", kPadSide, kPadSide, rebuild.output(), rebuild.revision()),
                 ImVec2(side, side));
    const DatasetHub::FirstLoad& loading = datasets.first_load();
    if (!loading.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
      ImGui::TextWrapped("%s", loading.error.c_str());
      ImGui::PopStyleColor();
    } else if (!training.started()) {
      char label[64];
      std::snprintf(label, sizeof label, "Loading %s: %.0f%%", dataset_or_default(datasets.wanted()).title,
                    100.0f * loading.progress);
      ImGui::ProgressBar(loading.progress, ImVec2(-1, 0), label);
    } else if (!pad_empty && training.settled()) {
      code_readout(rebuild, training.config(), tools);
    } else if (pad_empty) {
      // A model always answers, even for a blank (noisy) input: the faint shape it draws then is
      // its guess at what an average image looks like, which needs saying.
      const DatasetInfo& dataset = dataset_or_default(datasets.current());
      ImGui::TextWrapped("An empty pad: this is the model's guess for a blank input. Draw a %s, or press R.",
                         dataset.item);
    } else {
      const int latent = training.config().latent;
      ImGui::TextWrapped("The drawing squeezed through a code of %d numbers, then rebuilt.", latent);
    }
  }
  end_panel("Reconstruction");
}

}  // namespace bn_app
