// One-click starting points for a class or a tutorial: each picks a kind of model with pretrained
// weights, the noise, and a one-line caption that says what to look at.
#pragma once

#include <string>
#include <vector>

#include "app/session/tabs.h"
#include "core/data/corruption.h"
#include "core/models/model_config.h"

namespace bn_app {

struct Preset {
  const char* name;     // as shown on its button and accepted by selectPreset()
  bn::ModelKind kind;   // whose pretrained weights it loads (pretrained/<dataset>-<kind>.safetensors)
  bn::Noise noise;      // what the drawing goes through before the model sees it
  const char* caption;  // plain words for a class
  SideTab tab;          // the right-hand tab it opens
};

const std::vector<Preset>& presets();
// nullptr if there is no preset of that name.
const Preset* find_preset(const std::string& name);
// The preset a first visit starts with.
constexpr const char* kDefaultPreset = "Denoising";

}  // namespace bn_app
