#include "app/session/presets.h"

namespace bn_app {

const std::vector<Preset>& presets() {
  using bn::ModelKind;
  using bn::NoiseType;
  static const std::vector<Preset> all = {
      {"Undercomplete",
       ModelKind::kAutoencoder,
       {},
       "784 pixels squeezed into 32 numbers and back: what survives the squeeze is what the model learned matters.",
       SideTab::kLatent},
      {"Sparse",
       ModelKind::kSparse,
       {},
       "128 code units, but a penalty keeps most of them silent: each drawing lights up only a few.",
       SideTab::kTraining},
      {"Denoising", ModelKind::kDenoising, bn::typical_noise(NoiseType::kGaussian),
       "The model only ever saw noisy digits and learned to clean them: compare the noisy and the rebuilt PSNR.",
       SideTab::kTraining},
      {"VAE 2-D",
       ModelKind::kVae,
       {},
       "Every digit becomes a point on a 2-D map of the code; nearby points decode to similar digits.",
       SideTab::kLatent},
      {"Convolutional",
       ModelKind::kConv,
       {},
       "Small 3x3 filters slide over the image, so strokes are recognised wherever they are drawn.",
       SideTab::kTraining},
      {"Anomaly",
       ModelKind::kAutoencoder,
       {},
       "Trained on digits only: scribble something that is not a digit and watch the rebuild error jump.",
       SideTab::kAnomaly},
      {"AE vs PCA",
       ModelKind::kAutoencoder,
       {},
       "The same 32-number budget, learned by a network or by linear PCA: which rebuilds your digit better?",
       SideTab::kCompression},
      {"Few labels",
       ModelKind::kAutoencoder,
       {},
       "Codes learned without labels make a classifier work from only a handful of labelled examples.",
       SideTab::kFeatures},
  };
  return all;
}

const Preset* find_preset(const std::string& name) {
  for (const Preset& preset : presets())
    if (name == preset.name) return &preset;
  return nullptr;
}

}  // namespace bn_app
