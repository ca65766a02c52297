#include "core/models/mlp_autoencoder.h"

#include "core/layers/dense.h"
#include "core/layers/relu.h"
#include "core/layers/sigmoid.h"

namespace bn {

MlpAutoencoder::MlpAutoencoder(const ModelConfig& config) : SequentialAutoencoder(config) {
  std::vector<int> widths{config_.input_size()};
  widths.insert(widths.end(), config_.hidden.begin(), config_.hidden.end());
  widths.push_back(config_.latent);
  add_dense_stack(arena_, encoder_, "encoder", widths, config_.activation);
  if (config_.kind == ModelKind::kSparse) {
    if (config_.sparsity == SparsityPenalty::kL1) encoder_.add(std::make_unique<ReLU>());
    else encoder_.add(std::make_unique<Sigmoid>());
  }
  const std::vector<int> mirrored(widths.rbegin(), widths.rend());
  add_dense_stack(arena_, decoder_, "decoder", mirrored, config_.activation);
  finish_construction();
}

}  // namespace bn
