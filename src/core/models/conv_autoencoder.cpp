#include "core/models/conv_autoencoder.h"

#include "core/layers/conv2d.h"
#include "core/layers/conv_transpose2d.h"
#include "core/layers/dense.h"
#include "core/layers/reshape.h"

namespace bn {

ConvAutoencoder::ConvAutoencoder(const ModelConfig& config) : SequentialAutoencoder(config) {
  const int side = config_.image_side, half = side / 2, quarter = side / 4;
  const int c1 = config_.channels[0], c2 = config_.channels[1];
  const int flat = c2 * quarter * quarter;

  encoder_.add(std::make_unique<Conv2d>(arena_, "encoder.0", ConvShape{1, side, side, c1, 3, 2, 1}));
  encoder_.add(make_activation(config_.activation));
  encoder_.add(std::make_unique<Conv2d>(arena_, "encoder.2", ConvShape{c1, half, half, c2, 3, 2, 1}));
  encoder_.add(make_activation(config_.activation));
  encoder_.add(std::make_unique<Reshape>(std::vector<int>{flat}));
  encoder_.add(std::make_unique<Dense>(arena_, "encoder.5", flat, config_.latent));

  decoder_.add(std::make_unique<Dense>(arena_, "decoder.0", config_.latent, flat));
  decoder_.add(make_activation(config_.activation));
  decoder_.add(std::make_unique<Reshape>(std::vector<int>{c2, quarter, quarter}));
  decoder_.add(std::make_unique<ConvTranspose2d>(arena_, "decoder.3", ConvShape{c2, quarter, quarter, c1, 3, 2, 1, 1}));
  decoder_.add(make_activation(config_.activation));
  decoder_.add(std::make_unique<ConvTranspose2d>(arena_, "decoder.5", ConvShape{c1, half, half, 1, 3, 2, 1, 1}));
  finish_construction();
}

}  // namespace bn
