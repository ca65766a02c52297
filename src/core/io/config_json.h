// A model config as JSON text: how it travels in a safetensors file's __metadata__, in URLs and
// through the JS API.
//
//   {"kind":"vae","latent":2,"hidden":[256,128],"beta":1,"noise":{"type":"none","level":0},...}
//
// Reading is strict about what is there (a wrong type or an unknown key is an error naming the
// key) and lenient about what is not (missing keys keep AE-32's defaults).
#pragma once

#include <string>

#include "core/models/model_config.h"

namespace bn {

std::string config_to_json(const ModelConfig& config);
// Throws std::invalid_argument with the offending key; the result is validated.
ModelConfig config_from_json(const std::string& text);

}  // namespace bn
