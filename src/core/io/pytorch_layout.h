// The PyTorch modules of docs/PYTORCH.md, recognised from a state dict's tensor names and shapes.
// This is what lets a file written by plain `safetensors.torch.save_file(model.state_dict(), f)`,
// with no Bottleneck config in its metadata, load here:
//
//   encoder.0/2/4….weight [out, in] and decoder.0/2/4….weight   an MLP autoencoder ("ae"), or a
//                                                               VAE when the encoder's last layer
//                                                               gives twice the decoder's input
//   encoder.0/2/5 and decoder.0/3/5 with 4-D convolution weights a convolutional autoencoder
//   mean [pixels] and components [k, pixels]                    the PCA baseline
//
//   bn::InferredConfig found = bn::infer_config({{"encoder.0.weight", {256, 784}}, ...});
//   found.config;   // kind, image side, hidden widths, latent, channels
//   found.assumed;  // what the weights cannot say: "ReLU activations, a BCE loss"
//
// Anything else, or a layout that fits none of them exactly, is refused with the reason.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/models/model_config.h"

namespace bn {

using TensorShapes = std::map<std::string, std::vector<int64_t>>;

struct InferredConfig {
  ModelConfig config;
  std::string assumed;  // the settings no tensor shows, taken as docs/PYTORCH.md's modules have them
};

// Throws std::invalid_argument, naming what does not fit, for tensors that match no module.
InferredConfig infer_config(const TensorShapes& tensors);

}  // namespace bn
