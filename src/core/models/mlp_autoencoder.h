// The MLP autoencoders: undercomplete ("ae"), sparse ("sparse") and denoising ("denoise").
// Dense layers with the config's activation between them, mirrored around the code; AE-32 is
// 784-256-128-[32]-128-256-784 with a linear code. A sparse code goes through a ReLU (L1 penalty)
// or a sigmoid (KL sparsity target), so that "active" means something.
//
// Tensor names follow a PyTorch nn.Sequential of the same layers ("encoder.0.weight" [256, 784],
// "encoder.2.weight", ..., with the activations taking their own indices), so weights move both ways.
#pragma once

#include "core/models/sequential_autoencoder.h"

namespace bn {

class MlpAutoencoder : public SequentialAutoencoder {
 public:
  explicit MlpAutoencoder(const ModelConfig& config);
};

}  // namespace bn
