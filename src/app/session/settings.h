// What the user chose, as one value: the preset, the data set, the model, the drawing's noise, the
// open tab, the brush and the look of the page. A link to the playground carries it as text, so
// opening the link puts the playground back where it was made.
//
//   Settings settings;                          // a first visit: the Denoising preset on MNIST
//   settings.model.latent = 2;
//   settings.tab = SideTab::kLatent;
//   std::string text = to_text(settings);       // "latent=2&tab=latent"
//   ParsedSettings back = parse_settings("#" + text);   // back.settings == settings, nothing ignored
//   parse_settings("latent=abc&scale=9").ignored;       // {"latent=abc: not a whole number",
//                                                       //  "scale=9: clamped to 3"}
//
// The text is `key=value&key=value`, percent-encoded (a space is %20; '+' also reads as a space),
// with the keys always in this order and only those whose value differs from a first visit's:
//
//   preset     a preset's name, or empty for none       data      mnist, fashion
//   model      ae, sparse, denoise, vae, conv, pca      hidden    the MLP's widths: 256,128 (empty: none)
//   channels   the two convolutions' channels: 16,32    latent    the code's size
//   act        relu, leaky_relu, tanh, sigmoid          loss      bce, mse
//   beta       the VAE's KL weight                      sparsity  l1, kl
//   lambda     the sparsity penalty's weight            rho       the KL sparsity target
//   train_noise, train_level   the corruption the model trains with (a type, as `noise` below)
//   opt        adam, sgd                                lr        the learning rate
//   momentum   SGD's momentum                           batch     the batch size
//   init       torch, he, glorot                        seed      a whole number
//   noise      none, gaussian, salt_pepper, mask, blur  level     the drawing's noise level
//   tab        training, latent, generate, anomaly, features, compression
//   brush      ink, erase, hide                         theme     dark, light
//   scale      the UI scale                             embed     1 or 0
//   controls   1 or 0                                   panels    panel names: draw,noise (empty: all)
//   lesson     a lesson's id
//
// A noise type brings its typical level (bn::typical_noise), so `level` is written only when it
// differs from that. Floats are written in the shortest form that reads back as the same float.
//
// Limits: a Settings round-trips through to_text and parse_settings when it is one parse_settings
// can give: its model passes bn::validate with 28×28 images and two channel counts in 1..256 (even
// for a model that is not convolutional), its noise passes bn::validate(noise, 28), its preset and
// data set exist, its scale is a step of the range below, and its panel names are not empty and
// hold no ','. The model's image side is not carried: the playground's images are 28×28.
#pragma once

#include <string>
#include <vector>

#include "app/session/drawing.h"
#include "app/session/presets.h"
#include "app/session/tabs.h"
#include "core/data/corruption.h"
#include "core/models/model_config.h"

namespace bn_app {

enum class Theme { kDark, kLight };

// The model a first visit trains: the Denoising preset's, AE-32's layers trained on Gaussian noise
// σ 0.5, as its pretrained weights were.
bn::ModelConfig first_visit_model();

struct Settings {
  static constexpr float kMinScale = 1.0f, kMaxScale = 3.0f, kScaleStep = 0.25f;

  std::string preset = kDefaultPreset;  // a name from presets(); "" for none
  std::string dataset = "mnist";        // an id of kDatasets
  bn::ModelConfig model = first_visit_model();
  bn::Noise noise = bn::typical_noise(bn::NoiseType::kGaussian);  // what the drawing goes through
  SideTab tab = SideTab::kTraining;
  BrushTool brush = BrushTool::kInk;
  Theme theme = Theme::kDark;
  float ui_scale = 1.0f;            // kMinScale to kMaxScale in steps of kScaleStep
  bool embed = false;               // the playground is inside another page
  std::vector<std::string> panels;  // the panels to show; empty: all of them
  bool controls = true;             // show the controls
  std::string lesson;               // a lesson's id; "" for none
};

// Every field, every field of the model config included.
bool operator==(const Settings& a, const Settings& b);
bool operator!=(const Settings& a, const Settings& b);

// The text a link carries; "" for a first visit's settings.
std::string to_text(const Settings& settings);

struct ParsedSettings {
  Settings settings;                 // always passes bn::validate (its model, and its noise at 28)
  std::vector<std::string> ignored;  // what was refused or changed, and why: "scale=9: clamped to 3"
  bool model_given = false;          // a key of the model's config was taken: "#preset=Sparse" names
                                     // a preset, "#preset=Sparse&latent=64" a model of its own
};

// Reads any text, never throwing: a first visit's settings, with each key applied. A leading '?'
// or '#' is skipped; of a repeated key, the last counts. Unknown keys, unknown names, words that are
// not numbers, broken percent escapes and values the core would refuse (a denoising model trained
// without noise) are left out; numbers outside a range are clamped to it. Each is in `ignored`.
ParsedSettings parse_settings(const std::string& text);

// Text from a link as a message may show it: control and non-ASCII bytes percent-escaped, and cut
// after 40 characters, so a hostile link cannot garble or flood the page that names it.
std::string shown_in_message(const std::string& text);

// The one notice a link's ignored parts make, short whatever the link's length: the first five,
// then how many more. "" when nothing was ignored.
//   link_note({"latent=abc: not a whole number"})  // "Parts of the link were ignored or changed:
//                                                   //  latent=abc: not a whole number."
std::string link_note(const std::vector<std::string>& ignored);

}  // namespace bn_app
