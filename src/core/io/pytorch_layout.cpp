#include "core/io/pytorch_layout.h"

#include <cmath>
#include <stdexcept>

namespace bn {

namespace {

constexpr const char* kAssumed = "ReLU activations and a BCE loss, as docs/PYTORCH.md's modules have them";

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string listing(const TensorShapes& tensors) {
  std::string text;
  size_t shown = 0;
  for (const auto& [name, shape] : tensors) {
    if (shown++ == 6) return text + ", and " + std::to_string(tensors.size() - 6) + " more";
    text += (text.empty() ? "" : ", ") + name + " " + shape_text(shape);
  }
  return text.empty() ? "no tensors" : text;
}

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument(why); }

// The side of a square image of `pixels` pixels; refuses anything else.
int image_side_of(int64_t pixels, const std::string& who) {
  const int64_t side = std::llround(std::sqrt(static_cast<double>(pixels)));
  if (side < 1 || side * side != pixels)
    refuse(who + " takes " + std::to_string(pixels) + " inputs, which is not a square image");
  return static_cast<int>(side);
}

const std::vector<int64_t>& tensor(const TensorShapes& tensors, const std::string& name,
                                   const std::vector<int64_t>& expected) {
  const auto found = tensors.find(name);
  if (found == tensors.end()) refuse("it has no tensor " + name);
  if (found->second.size() != expected.size())
    refuse(name + " is " + shape_text(found->second) + ", not " + std::to_string(expected.size()) + "-D");
  for (size_t i = 0; i < expected.size(); ++i)
    if (expected[i] >= 0 && expected[i] != found->second[i])
      refuse(name + " is " + shape_text(found->second) + " where the module needs " + shape_text(expected) +
             " (-1: any)");
  for (int64_t extent : found->second)
    if (extent < 1) refuse(name + " is " + shape_text(found->second));
  return found->second;
}

struct Linear {
  int64_t out, in;
};

// prefix.0, prefix.2, ...: nn.Linear layers with an activation between each pair, as
// nn.Sequential numbers them.
std::vector<Linear> linear_stack(const TensorShapes& tensors, const std::string& prefix) {
  std::vector<Linear> stack;
  for (int index = 0; tensors.count(prefix + "." + std::to_string(index) + ".weight"); index += 2) {
    const std::string layer = prefix + "." + std::to_string(index);
    const std::vector<int64_t>& weight = tensor(tensors, layer + ".weight", {-1, -1});
    if (!stack.empty() && weight[1] != stack.back().out)
      refuse(layer + ".weight takes " + std::to_string(weight[1]) + " inputs, but the layer before gives " +
             std::to_string(stack.back().out));
    tensor(tensors, layer + ".bias", {weight[0]});
    stack.push_back({weight[0], weight[1]});
  }
  return stack;
}

InferredConfig infer_pca(const TensorShapes& tensors) {
  if (tensors.size() != 2) refuse("PCA has two tensors, mean and components; this file has " + listing(tensors));
  const std::vector<int64_t>& components = tensor(tensors, "components", {-1, -1});
  tensor(tensors, "mean", {components[1]});
  InferredConfig found;
  found.config.kind = ModelKind::kPca;
  found.config.latent = static_cast<int>(components[0]);
  found.config.image_side = image_side_of(components[1], "components");
  return found;
}

InferredConfig infer_mlp(const TensorShapes& tensors) {
  const std::vector<Linear> encoder = linear_stack(tensors, "encoder");
  const std::vector<Linear> decoder = linear_stack(tensors, "decoder");
  if (decoder.empty()) refuse("it has an encoder but no decoder.0.weight");
  if (tensors.size() != 2 * (encoder.size() + decoder.size()))
    refuse("it has tensors besides the encoder's and decoder's nn.Linear layers (" + listing(tensors) + ")");
  const int64_t pixels = encoder.front().in;
  const int64_t latent = decoder.front().in;
  const int64_t code_out = encoder.back().out;
  InferredConfig found;
  ModelConfig& c = found.config;
  c.image_side = image_side_of(pixels, "encoder.0.weight");
  c.hidden.clear();
  for (size_t i = 0; i + 1 < encoder.size(); ++i) c.hidden.push_back(static_cast<int>(encoder[i].out));
  // Bottleneck's decoders mirror the encoder: latent -> hidden reversed -> pixels.
  std::vector<int64_t> mirrored(c.hidden.rbegin(), c.hidden.rend());
  mirrored.push_back(pixels);
  std::vector<int64_t> decoder_widths;
  for (const Linear& layer : decoder) decoder_widths.push_back(layer.out);
  if (decoder_widths != mirrored)
    refuse("its decoder gives " + shape_text(decoder_widths) + " where the mirror of its encoder would give " +
           shape_text(mirrored));
  if (code_out == latent) {
    c.kind = ModelKind::kAutoencoder;
    found.assumed =
        std::string(kAssumed) + "; a plain autoencoder (a sparse one's code activation does not show in its weights)";
  } else if (code_out == 2 * latent) {
    c.kind = ModelKind::kVae;
    found.assumed = kAssumed;
  } else {
    refuse("its encoder gives " + std::to_string(code_out) + " code values and its decoder takes " +
           std::to_string(latent) + ": an autoencoder's are equal, a VAE's encoder gives twice as many");
  }
  c.latent = static_cast<int>(latent);
  return found;
}

InferredConfig infer_conv(const TensorShapes& tensors) {
  if (tensors.size() != 12)
    refuse("a convolutional autoencoder has 12 tensors (encoder.0/2/5, decoder.0/3/5), this file " +
           std::to_string(tensors.size()) + " (" + listing(tensors) + ")");
  const int64_t c1 = tensor(tensors, "encoder.0.weight", {-1, 1, 3, 3})[0];
  const int64_t c2 = tensor(tensors, "encoder.2.weight", {-1, c1, 3, 3})[0];
  const std::vector<int64_t>& dense = tensor(tensors, "encoder.5.weight", {-1, -1});
  const int64_t latent = dense[0], flat = dense[1];
  if (flat % c2 != 0)
    refuse("encoder.5.weight takes " + std::to_string(flat) + " inputs, not " + std::to_string(c2) +
           " channels of a square");
  const int quarter = image_side_of(flat / c2, "encoder.5.weight per channel");
  tensor(tensors, "encoder.0.bias", {c1});
  tensor(tensors, "encoder.2.bias", {c2});
  tensor(tensors, "encoder.5.bias", {latent});
  tensor(tensors, "decoder.0.weight", {flat, latent});
  tensor(tensors, "decoder.0.bias", {flat});
  tensor(tensors, "decoder.3.weight", {c2, c1, 3, 3});
  tensor(tensors, "decoder.3.bias", {c1});
  tensor(tensors, "decoder.5.weight", {c1, 1, 3, 3});
  tensor(tensors, "decoder.5.bias", {1});
  InferredConfig found;
  found.config.kind = ModelKind::kConv;
  found.config.image_side = 4 * quarter;
  found.config.channels = {static_cast<int>(c1), static_cast<int>(c2)};
  found.config.latent = static_cast<int>(latent);
  found.assumed = kAssumed;
  return found;
}

// No layer of a model the core accepts has an extent near this, and below it every product the
// inference forms (side x side, 2 x latent, flat / channels) stays far inside 64 bits.
constexpr int64_t kLargestExtent = int64_t{1} << 24;

void check_extents(const TensorShapes& tensors) {
  for (const auto& [name, shape] : tensors) {
    if (shape.size() > 4) refuse(name + " is " + shape_text(shape) + ", which no module's tensor is");
    for (int64_t extent : shape)
      if (extent < 1 || extent > kLargestExtent) refuse(name + " is " + shape_text(shape));
  }
}

}  // namespace

InferredConfig infer_config(const TensorShapes& tensors) {
  InferredConfig found;
  try {
    check_extents(tensors);
    if (tensors.count("components")) found = infer_pca(tensors);
    else if (tensors.count("encoder.0.weight") && tensors.at("encoder.0.weight").size() == 4)
      found = infer_conv(tensors);
    else if (tensors.count("encoder.0.weight")) found = infer_mlp(tensors);
    else refuse("its tensors match none of the modules in docs/PYTORCH.md (it has " + listing(tensors) + ")");
    validate(found.config);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("no Bottleneck config in its metadata, and ") + e.what());
  }
  return found;
}

}  // namespace bn
