// The Training tab's model editor: the kind, the architecture and the hyper-parameters of a new,
// untrained model. It edits a draft; "Build" hands the draft to the trainer, which validates it, so
// a bad value (a 25,600-unit layer, a learning rate of 0) gets a message here and changes nothing.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "app/ui/panels/panels.h"

namespace bn_app {

namespace {

struct KindChoice {
  bn::ModelKind kind;
  const char* label;
};

// PCA is not here: it is fitted, not trained, and the Compression tab already shows it.
constexpr KindChoice kKinds[] = {{bn::ModelKind::kAutoencoder, "Undercomplete"},
                                 {bn::ModelKind::kSparse, "Sparse"},
                                 {bn::ModelKind::kDenoising, "Denoising"},
                                 {bn::ModelKind::kVae, "Variational (VAE)"},
                                 {bn::ModelKind::kConv, "Convolutional"}};
constexpr bn::Activation kActivations[] = {bn::Activation::kRelu, bn::Activation::kLeakyRelu, bn::Activation::kTanh,
                                           bn::Activation::kSigmoid};
constexpr bn::NoiseType kTrainingNoises[] = {bn::NoiseType::kGaussian, bn::NoiseType::kSaltPepper,
                                             bn::NoiseType::kMaskBlock, bn::NoiseType::kBlur};

const char* kind_label(bn::ModelKind kind) {
  for (const KindChoice& k : kKinds)
    if (k.kind == kind) return k.label;
  return bn::kind_name(kind);
}

std::string hidden_text(const std::vector<int>& hidden) {
  std::string text;
  for (int width : hidden) text += (text.empty() ? "" : ",") + std::to_string(width);
  return text;
}

void copy_from(ModelDraft& draft, const bn::ModelConfig& config) {
  draft.config = config;
  if (draft.config.kind == bn::ModelKind::kPca) draft.config.kind = bn::ModelKind::kAutoencoder;
  std::snprintf(draft.hidden_text, sizeof draft.hidden_text, "%s", hidden_text(config.hidden).c_str());
  draft.error.clear();
  draft.edited = false;
}

// The draft's config with its hidden widths parsed; throws std::invalid_argument on bad text or a
// bad value (the core's own validation).
bn::ModelConfig parse_draft(const ModelDraft& draft) {
  bn::ModelConfig config = draft.config;
  try {
    config.hidden = bn::parse_widths(draft.hidden_text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("hidden layers: ") + e.what());
  }
  if (config.kind == bn::ModelKind::kDenoising && config.noise.type == bn::NoiseType::kNone)
    config.noise = bn::typical_noise(bn::NoiseType::kGaussian);
  if (config.kind != bn::ModelKind::kDenoising) config.noise = {};
  bn::validate(config);
  return config;
}

template <typename T>
bool track(ModelDraft& draft, T changed) {
  if (changed) draft.edited = true;
  return changed;
}

// The kind, and the architecture: channels (conv) or hidden widths, the code size, the activation.
void architecture_fields(ModelDraft& draft, float field, WidgetProbes& probes) {
  bn::ModelConfig& c = draft.config;
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("kind", kind_label(c.kind))) {
    for (const KindChoice& k : kKinds)
      if (track(draft, ImGui::Selectable(k.label, k.kind == c.kind))) c.kind = k.kind;
    ImGui::EndCombo();
  }
  if (c.kind == bn::ModelKind::kConv) {
    ImGui::SetNextItemWidth(field);
    track(draft, ImGui::InputInt2("channels", c.channels.data()));
  } else {
    ImGui::SetNextItemWidth(field);
    track(draft, ImGui::InputText("hidden layers", draft.hidden_text, sizeof draft.hidden_text,
                                  ImGuiInputTextFlags_CharsNoBlank));
    probes.probe("editorHiddenField");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Encoder widths, e.g. 256,128; the decoder mirrors them");
  }
  ImGui::SetNextItemWidth(field);
  track(draft, ImGui::InputInt("code size", &c.latent, 0, 0));
  probes.probe("editorLatentField");
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("activation", bn::activation_name(c.activation))) {
    for (bn::Activation a : kActivations)
      if (track(draft, ImGui::Selectable(bn::activation_name(a), a == c.activation))) c.activation = a;
    ImGui::EndCombo();
  }
}

// What only some kinds have: the VAE's beta, the sparse penalty, the denoiser's training noise.
void kind_fields(ModelDraft& draft, float field) {
  bn::ModelConfig& c = draft.config;
  if (c.kind == bn::ModelKind::kVae) {
    ImGui::SetNextItemWidth(field);
    track(draft, ImGui::SliderFloat("beta", &c.beta, 0.0f, 10.0f, "%.2f"));
  }
  if (c.kind == bn::ModelKind::kSparse) {
    ImGui::SetNextItemWidth(field);
    if (ImGui::BeginCombo("penalty", c.sparsity == bn::SparsityPenalty::kL1 ? "L1 on the code" : "KL to a target")) {
      if (track(draft, ImGui::Selectable("L1 on the code", c.sparsity == bn::SparsityPenalty::kL1)))
        c.sparsity = bn::SparsityPenalty::kL1;
      if (track(draft, ImGui::Selectable("KL to a target", c.sparsity == bn::SparsityPenalty::kKl)))
        c.sparsity = bn::SparsityPenalty::kKl;
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(field);
    track(draft, ImGui::InputFloat("lambda", &c.lambda, 0.0f, 0.0f, "%.5g"));
    if (c.sparsity == bn::SparsityPenalty::kKl) {
      ImGui::SetNextItemWidth(field);
      track(draft, ImGui::SliderFloat("rho (target)", &c.rho, 0.01f, 0.5f, "%.2f"));
    }
  }
  if (c.kind == bn::ModelKind::kDenoising) {
    if (c.noise.type == bn::NoiseType::kNone) c.noise = bn::typical_noise(bn::NoiseType::kGaussian);
    ImGui::SetNextItemWidth(field);
    if (ImGui::BeginCombo("training noise", bn::noise_type_name(c.noise.type))) {
      for (bn::NoiseType t : kTrainingNoises)
        if (track(draft, ImGui::Selectable(bn::noise_type_name(t), t == c.noise.type))) c.noise = bn::typical_noise(t);
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(field);
    track(draft, ImGui::InputFloat("noise level", &c.noise.level, 0.0f, 0.0f, "%.3g"));
  }
}

// The learning rate, the batch and the seed.
void optimisation_fields(ModelDraft& draft, float field, WidgetProbes& probes) {
  bn::ModelConfig& c = draft.config;
  ImGui::SetNextItemWidth(field);
  track(draft,
        ImGui::SliderFloat("learning rate", &c.learning_rate, 1e-5f, 1e-1f, "%.0e", ImGuiSliderFlags_Logarithmic));
  probes.probe("editorLearningRateField");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Ctrl+click to type any rate up to 10 (and see what a rate too high does)");
  ImGui::SetNextItemWidth(field);
  track(draft, ImGui::InputInt("batch", &c.batch_size, 0, 0));
  int seed = static_cast<int>(c.seed);
  ImGui::SetNextItemWidth(field);
  if (track(draft, ImGui::InputInt("seed", &seed, 0, 0))) c.seed = static_cast<uint64_t>(std::max(seed, 0));
}

}  // namespace

std::optional<bn::ModelConfig> model_editor(const Training& training, ModelDraft& draft, UiTools& tools) {
  if (draft.synced_model != training.model_revision() && !draft.edited) {
    copy_from(draft, training.config());
    draft.synced_model = training.model_revision();
  }
  const float field = ImGui::GetFontSize() * 9.0f;
  architecture_fields(draft, field, tools.probes);
  kind_fields(draft, field);
  optimisation_fields(draft, field, tools.probes);
  std::optional<bn::ModelConfig> build;
  if (ImGui::Button("Build untrained model")) {
    try {
      build = parse_draft(draft);
    } catch (const std::exception& e) {
      draft.error = e.what();
    }
  }
  tools.probes.probe("editorBuildButton");
  ImGui::SameLine();
  if (ImGui::Button("Revert")) copy_from(draft, training.config());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the model that is training now");
  if (!draft.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
    ImGui::TextWrapped("Not built: %s", draft.error.c_str());
    ImGui::PopStyleColor();
  }
  return build;
}

}  // namespace bn_app
