#include "core/io/config_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/json_nesting.h"

namespace bn {

using nlohmann::json;

std::string config_to_json(const ModelConfig& c) {
  const json j = {
      {"kind", kind_name(c.kind)},
      {"image_side", c.image_side},
      {"hidden", c.hidden},
      {"channels", c.channels},
      {"latent", c.latent},
      {"activation", activation_name(c.activation)},
      {"loss", loss_name(c.loss)},
      {"beta", c.beta},
      {"sparsity", sparsity_name(c.sparsity)},
      {"lambda", c.lambda},
      {"rho", c.rho},
      {"noise", {{"type", noise_type_name(c.noise.type)}, {"level", c.noise.level}}},
      {"optimizer", optimizer_name(c.optimizer)},
      {"learning_rate", c.learning_rate},
      {"momentum", c.momentum},
      {"batch_size", c.batch_size},
      {"init", init_name(c.init)},
      {"seed", c.seed},
  };
  return j.dump();
}

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& why) {
  throw std::invalid_argument("model config: '" + key + "' " + why);
}

template <typename T>
T get(const json& value, const std::string& key) {
  try {
    return value.get<T>();
  } catch (const json::exception&) {
    bad(key, "has the wrong type");
  }
}

int get_int(const json& value, const std::string& key) {
  if (!value.is_number_integer() && !value.is_number_unsigned()) bad(key, "must be a whole number");
  const double v = value.get<double>();
  if (v < -1e9 || v > 1e9) bad(key, "is out of range");
  return static_cast<int>(v);
}

// A double beyond float's range converts with undefined behaviour: refused instead.
float get_float(const json& value, const std::string& key) {
  if (!value.is_number()) bad(key, "must be a number");
  const double v = value.get<double>();
  if (!(std::fabs(v) <= std::numeric_limits<float>::max())) bad(key, "is out of range");
  return static_cast<float>(v);
}

std::vector<int> get_int_list(const json& value, const std::string& key) {
  if (!value.is_array()) bad(key, "must be a list of whole numbers");
  if (value.size() > 64) bad(key, "is too long");
  std::vector<int> out;
  for (const json& item : value) out.push_back(get_int(item, key));
  return out;
}

std::string get_string(const json& value, const std::string& key) {
  if (!value.is_string()) bad(key, "must be a string");
  return value.get<std::string>();
}

}  // namespace

ModelConfig config_from_json(const std::string& text) {
  json j;
  check_json_nesting(text, kMaxJsonNesting, "model config");
  try {
    j = json::parse(text);
  } catch (const json::parse_error& error) {
    throw std::invalid_argument(std::string("model config is not valid JSON: ") + error.what());
  }
  if (!j.is_object()) throw std::invalid_argument("model config must be a JSON object");
  ModelConfig c;
  for (const auto& [key, value] : j.items()) {
    if (key == "kind") c.kind = parse_kind(get_string(value, key));
    else if (key == "image_side") c.image_side = get_int(value, key);
    else if (key == "hidden") c.hidden = get_int_list(value, key);
    else if (key == "channels") c.channels = get_int_list(value, key);
    else if (key == "latent") c.latent = get_int(value, key);
    else if (key == "activation") c.activation = parse_activation(get_string(value, key));
    else if (key == "loss") c.loss = parse_loss(get_string(value, key));
    else if (key == "beta") c.beta = get_float(value, key);
    else if (key == "sparsity") c.sparsity = parse_sparsity(get_string(value, key));
    else if (key == "lambda") c.lambda = get_float(value, key);
    else if (key == "rho") c.rho = get_float(value, key);
    else if (key == "noise") {
      if (!value.is_object()) bad(key, "must be an object like {\"type\": \"gaussian\", \"level\": 0.5}");
      for (const auto& [noise_key, noise_value] : value.items()) {
        if (noise_key == "type") c.noise.type = parse_noise_type(get_string(noise_value, "noise.type"));
        else if (noise_key == "level") c.noise.level = get_float(noise_value, "noise.level");
        else bad("noise." + noise_key, "is not a noise setting (type, level)");
      }
    } else if (key == "optimizer") c.optimizer = parse_optimizer(get_string(value, key));
    else if (key == "learning_rate") c.learning_rate = get_float(value, key);
    else if (key == "momentum") c.momentum = get_float(value, key);
    else if (key == "batch_size") c.batch_size = get_int(value, key);
    else if (key == "init") c.init = parse_init(get_string(value, key));
    else if (key == "seed") {
      if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<int64_t>() >= 0))
        bad(key, "must be a whole number, 0 or more");
      c.seed = get<uint64_t>(value, key);
    } else bad(key, "is not a model setting");
  }
  validate(c);
  return c;
}

}  // namespace bn
