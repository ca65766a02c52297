#include "core/models/mlp_autoencoder.h"

#include "core/layers/dense.h"
#include "core/layers/relu.h"
#include "core/layers/sigmoid.h"
#include "core/losses/bce.h"

namespace bn {

namespace {

// Appends Dense layers through `widths`, with ReLU between them but not after the last one.
void add_dense_stack(ParameterArena& arena, Sequential& stack, const std::string& prefix,
                     const std::vector<int>& widths) {
  for (size_t i = 0; i + 1 < widths.size(); ++i) {
    // Names follow PyTorch's nn.Sequential numbering, with the ReLUs taking their own indices.
    stack.add(std::make_unique<Dense>(arena, prefix + "." + std::to_string(2 * i), widths[i], widths[i + 1]));
    if (i + 2 < widths.size()) stack.add(std::make_unique<ReLU>());
  }
}

}  // namespace

MlpAutoencoder::MlpAutoencoder(const ModelConfig& config)
    : config_(config), optimizer_(0, AdamOptions{config.learning_rate}) {
  validate(config);
  std::vector<int> widths{config.input_size};
  widths.insert(widths.end(), config.hidden.begin(), config.hidden.end());
  widths.push_back(config.latent);
  add_dense_stack(arena_, encoder_, "encoder", widths);
  std::vector<int> mirrored(widths.rbegin(), widths.rend());
  add_dense_stack(arena_, decoder_, "decoder", mirrored);
  arena_.allocate();
  Random rng(config.seed);
  encoder_.initialize(arena_, rng, Init::kTorchDefault);
  decoder_.initialize(arena_, rng, Init::kTorchDefault);
  optimizer_ = Adam(arena_.size(), AdamOptions{config.learning_rate});
}

Matrix MlpAutoencoder::encode(const Matrix& x) { return encoder_.forward(arena_, x); }

Matrix MlpAutoencoder::decode(const Matrix& codes) {
  Matrix images;
  sigmoid_forward(decoder_.forward(arena_, codes), images);
  return images;
}

Matrix MlpAutoencoder::reconstruct(const Matrix& x) { return decode(encode(x)); }

float MlpAutoencoder::train_step(const Matrix& x) {
  arena_.zero_gradients();
  const Matrix& logits = decoder_.forward(arena_, encoder_.forward(arena_, x));
  float batch_loss = bce_with_logits_forward(logits, x);
  bce_with_logits_backward(logits, x, grad_logits_);
  encoder_.backward(arena_, decoder_.backward(arena_, grad_logits_));
  optimizer_.step(arena_.values(), arena_.gradients());
  return batch_loss;
}

float MlpAutoencoder::loss(const Matrix& x) {
  return bce_with_logits_forward(decoder_.forward(arena_, encoder_.forward(arena_, x)), x);
}

}  // namespace bn
