#include <cmath>

#include "app/ui/panels/panels.h"

namespace bn_app {

void compression_tab(const CompressionView& view, const PadReconstruction& rebuild, bool drawn, bool has_pca) {
  if (view.rows().empty()) {
    ImGui::TextDisabled("Measuring...");
    return;
  }
  ImGui::TextWrapped(
      "The code is a compressed copy of the image: %d numbers instead of 784 one-byte pixels. "
      "Store each number with fewer bits and see what the rebuilt images lose (PSNR over the "
      "1,000 test images: higher is better).",
      view.latent());
  if (ImGui::BeginTable("compression", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("stored as");
    ImGui::TableSetupColumn("bytes");
    ImGui::TableSetupColumn("of 784");
    ImGui::TableSetupColumn("this model");
    ImGui::TableSetupColumn("PCA");
    ImGui::TableHeadersRow();
    for (const CompressionView::Row& row : view.rows()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.format);
      ImGui::TableNextColumn();
      ImGui::Text("%d", row.bytes);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f%%", 100.0f * row.bytes / 784.0f);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f dB", row.model_psnr);
      ImGui::TableNextColumn();
      if (std::isfinite(row.pca_psnr)) ImGui::Text("%.1f dB", row.pca_psnr);
      else ImGui::TextDisabled("-");
    }
    ImGui::EndTable();
  }
  const CompressionView::Row& best = view.rows().front();
  if (std::isfinite(best.pca_psnr)) {
    const float gain = best.model_psnr - best.pca_psnr;
    ImGui::TextWrapped("With the same %d numbers, the network rebuilds %.1f dB %s than linear PCA.", view.latent(),
                       std::abs(gain), gain >= 0 ? "better" : "worse");
  } else {
    ImGui::TextDisabled("PCA is shown for 32-number codes (the pretrained baseline).");
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("8-bit: each code number's range over the test set, cut into 255 steps. PCA keeps as many "
                     "numbers, stored the same way.");
  ImGui::PopStyleColor();
  ImGui::Spacing();
  if (drawn && std::isfinite(rebuild.psnr_pca()))
    ImGui::Text("Your drawing, rebuilt: this model %.1f dB, PCA %.1f dB.", rebuild.psnr_output(), rebuild.psnr_pca());
  else if (has_pca) ImGui::TextDisabled("Draw a digit to compare the two on it.");
}

}  // namespace bn_app
