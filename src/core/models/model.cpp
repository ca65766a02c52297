#include "core/models/model.h"

#include <stdexcept>

#include "core/models/mlp_autoencoder.h"

namespace bn {

namespace {

// Generous for a browser tab, and small enough that a typo ("25600") gets a message, not an
// out-of-memory crash.
constexpr int kMaxLayerWidth = 4096;
constexpr int kMaxHiddenLayers = 8;
constexpr int kMaxBatchSize = 4096;

}  // namespace

void validate(const ModelConfig& config) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  if (config.kind != "ae") fail("unknown model kind '" + config.kind + "' (expected: ae)");
  if (config.input_size <= 0 || config.input_size > 1 << 16) fail("input size must be between 1 and 65536");
  if (config.hidden.size() > kMaxHiddenLayers) fail("at most " + std::to_string(kMaxHiddenLayers) + " hidden layers");
  for (int width : config.hidden)
    if (width <= 0 || width > kMaxLayerWidth)
      fail("hidden layer size " + std::to_string(width) + " is out of range (1 to " + std::to_string(kMaxLayerWidth) + ")");
  if (config.latent <= 0 || config.latent > kMaxLayerWidth)
    fail("latent size " + std::to_string(config.latent) + " is out of range (1 to " + std::to_string(kMaxLayerWidth) + ")");
  if (!(config.learning_rate > 0.0f && config.learning_rate <= 10.0f))
    fail("learning rate must be in (0, 10]");
  if (config.batch_size <= 0 || config.batch_size > kMaxBatchSize)
    fail("batch size must be between 1 and " + std::to_string(kMaxBatchSize));
}

std::unique_ptr<Model> make_model(const ModelConfig& config) {
  validate(config);
  return std::make_unique<MlpAutoencoder>(config);
}

}  // namespace bn
