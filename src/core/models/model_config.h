// The small config every model is built from. The defaults are AE-32 of PRODUCT.md.
//
//   bn::ModelConfig vae;  vae.kind = bn::ModelKind::kVae;  vae.latent = 2;  vae.beta = 1;
//   bn::validate(vae);                    // std::invalid_argument, with a message a user can act on
//   std::string text = bn::describe(vae); // "VAE-2: 784-256-128-[2]-128-256-784, ..."
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/corruption.h"
#include "core/layers/activation.h"
#include "core/losses/reconstruction.h"
#include "core/optim/optimizer.h"

namespace bn {

enum class ModelKind {
  kAutoencoder,  // "ae": undercomplete MLP, linear code
  kSparse,       // "sparse": an L1 penalty (ReLU code) or a KL sparsity target (sigmoid code)
  kDenoising,    // "denoise": inputs corrupted while training, the target stays clean
  kVae,          // "vae": Gaussian code, reparameterised, β-weighted KL to N(0, I)
  kConv,         // "conv": Conv2d encoder, ConvTranspose2d decoder
  kPca,          // "pca": linear PCA, fitted rather than trained (the baseline)
};
enum class SparsityPenalty { kL1, kKl };

struct ModelConfig {
  ModelKind kind = ModelKind::kAutoencoder;
  int image_side = 28;                   // images are image_side² pixels in [0, 1]
  std::vector<int> hidden = {256, 128};  // MLP encoder widths; the decoder mirrors them
  std::vector<int> channels = {16, 32};  // conv: the two stride-2 convolutions' channels
  int latent = 32;
  Activation activation = Activation::kRelu;
  ReconstructionLoss loss = ReconstructionLoss::kBce;
  float beta = 1.0f;  // VAE: the weight of the KL term
  SparsityPenalty sparsity = SparsityPenalty::kL1;
  float lambda = 1e-3f;  // sparse: the weight of the penalty
  float rho = 0.05f;     // sparse, KL target: the wanted mean activation
  Noise noise;           // training corruption (any kind; denoise requires one)
  OptimizerKind optimizer = OptimizerKind::kAdam;
  float learning_rate = 1e-3f;
  float momentum = 0.9f;  // SGD only
  int batch_size = 64;
  Init init = Init::kTorchDefault;  // PyTorch's defaults, as the reference recipe
  uint64_t seed = 0;

  int input_size() const { return image_side * image_side; }
};

// validate()'s limits: generous for a browser tab, and small enough that a typo ("25600") gets a
// message, not an out-of-memory crash.
constexpr int kMaxLayerWidth = 4096;
constexpr int kMaxHiddenLayers = 8;
constexpr int kMaxChannels = 256;
constexpr int kMaxBatchSize = 4096;
constexpr int kMaxImageSide = 128;

// Every field: two equal configs build the same model from the same seed.
bool operator==(const ModelConfig& a, const ModelConfig& b);
inline bool operator!=(const ModelConfig& a, const ModelConfig& b) { return !(a == b); }

// Throws std::invalid_argument naming the field and the allowed range.
void validate(const ModelConfig& config);
// One line for the UI and logs, e.g. "AE-32: 784-256-128-[32]-128-256-784, Adam 0.001, batch 64, seed 0".
std::string describe(const ModelConfig& config);

// Layer widths as a person types them: "256,128", "256 128" or "256-128" (the way describe() writes
// them). Throws std::invalid_argument naming the first word that is not a whole number; an empty
// text is no hidden layers. Ranges are validate()'s business.
std::vector<int> parse_widths(const std::string& text);

// Names as the CLI, the JS API and saved files spell them ("ae", "leaky_relu", "bce", ...). The
// parse functions throw std::invalid_argument listing the accepted names.
const char* kind_name(ModelKind kind);
ModelKind parse_kind(const std::string& name);
const char* activation_name(Activation activation);
Activation parse_activation(const std::string& name);
const char* loss_name(ReconstructionLoss loss);
ReconstructionLoss parse_loss(const std::string& name);
const char* sparsity_name(SparsityPenalty penalty);
SparsityPenalty parse_sparsity(const std::string& name);
const char* optimizer_name(OptimizerKind optimizer);
OptimizerKind parse_optimizer(const std::string& name);
const char* init_name(Init init);
Init parse_init(const std::string& name);

}  // namespace bn
