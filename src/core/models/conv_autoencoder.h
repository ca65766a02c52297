// The convolutional autoencoder ("conv"), PRODUCT.md's reference shape for 28×28 images:
//   encoder: Conv(1→16, 3, s2, p1)-ReLU-Conv(16→32, 3, s2, p1)-ReLU-Flatten-Dense(32·7·7→latent)
//   decoder: Dense(latent→32·7·7)-ReLU-Unflatten-ConvT(32→16, 3, s2, p1, op1)-ReLU-ConvT(16→1, 3, s2, p1, op1)
// ending in logits. The code is linear. The channel counts come from the config.
//
// Tensor names follow nn.Sequential indices ("encoder.0.weight" [16, 1, 3, 3], "encoder.5.weight",
// "decoder.3.weight" [32, 16, 3, 3] as nn.ConvTranspose2d stores it).
#pragma once

#include "core/models/sequential_autoencoder.h"

namespace bn {

class ConvAutoencoder : public SequentialAutoencoder {
 public:
  explicit ConvAutoencoder(const ModelConfig& config);
};

}  // namespace bn
