#include <cstdio>

#include "app/ui/panels/panels.h"

namespace bn_app {

void reconstruction_panel(const PadReconstruction& rebuild, bool pad_empty, const DatasetHub& datasets,
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
