#include "core/models/model_config.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace bn {

namespace {

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

template <typename Enum, size_t N>
Enum parse_name(const char* what, const std::string& name, const std::pair<Enum, const char*> (&names)[N]) {
  std::string accepted;
  for (const auto& [value, text] : names) {
    if (name == text) return value;
    accepted += accepted.empty() ? text : std::string(", ") + text;
  }
  fail("unknown " + std::string(what) + " '" + name + "' (expected one of: " + accepted + ")");
}

template <typename Enum, size_t N>
const char* name_of(Enum value, const std::pair<Enum, const char*> (&names)[N]) {
  for (const auto& [v, text] : names)
    if (v == value) return text;
  return "?";
}

constexpr std::pair<ModelKind, const char*> kKindNames[] = {
    {ModelKind::kAutoencoder, "ae"}, {ModelKind::kSparse, "sparse"}, {ModelKind::kDenoising, "denoise"},
    {ModelKind::kVae, "vae"},        {ModelKind::kConv, "conv"},     {ModelKind::kPca, "pca"}};
constexpr std::pair<Activation, const char*> kActivationNames[] = {{Activation::kRelu, "relu"},
                                                                   {Activation::kLeakyRelu, "leaky_relu"},
                                                                   {Activation::kTanh, "tanh"},
                                                                   {Activation::kSigmoid, "sigmoid"}};
constexpr std::pair<ReconstructionLoss, const char*> kLossNames[] = {{ReconstructionLoss::kBce, "bce"},
                                                                     {ReconstructionLoss::kMse, "mse"}};
constexpr std::pair<SparsityPenalty, const char*> kSparsityNames[] = {{SparsityPenalty::kL1, "l1"},
                                                                      {SparsityPenalty::kKl, "kl"}};
constexpr std::pair<OptimizerKind, const char*> kOptimizerNames[] = {{OptimizerKind::kAdam, "adam"},
                                                                     {OptimizerKind::kSgd, "sgd"}};
constexpr std::pair<Init, const char*> kInitNames[] = {
    {Init::kTorchDefault, "torch"}, {Init::kHe, "he"}, {Init::kGlorot, "glorot"}};

void check_range(const char* what, double value, double low, double high) {
  if (!(value >= low && value <= high)) {
    std::ostringstream message;
    message << what << " " << value << " is out of range (" << low << " to " << high << ")";
    fail(message.str());
  }
}

}  // namespace

const char* kind_name(ModelKind kind) { return name_of(kind, kKindNames); }
ModelKind parse_kind(const std::string& name) { return parse_name("model kind", name, kKindNames); }
const char* activation_name(Activation a) { return name_of(a, kActivationNames); }
Activation parse_activation(const std::string& name) { return parse_name("activation", name, kActivationNames); }
const char* loss_name(ReconstructionLoss loss) { return name_of(loss, kLossNames); }
ReconstructionLoss parse_loss(const std::string& name) { return parse_name("loss", name, kLossNames); }
const char* sparsity_name(SparsityPenalty p) { return name_of(p, kSparsityNames); }
SparsityPenalty parse_sparsity(const std::string& name) { return parse_name("sparsity penalty", name, kSparsityNames); }
const char* optimizer_name(OptimizerKind o) { return name_of(o, kOptimizerNames); }
OptimizerKind parse_optimizer(const std::string& name) { return parse_name("optimizer", name, kOptimizerNames); }
const char* init_name(Init init) { return name_of(init, kInitNames); }
Init parse_init(const std::string& name) { return parse_name("initialisation", name, kInitNames); }

std::vector<int> parse_widths(const std::string& text) {
  std::string spaced = text;
  for (char& c : spaced)
    if (c == ',' || c == '-' || c == ';') c = ' ';
  std::istringstream words(spaced);
  std::vector<int> widths;
  std::string word;
  while (words >> word) {
    size_t used = 0;
    int width = 0;
    try {
      width = std::stoi(word, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != word.size()) fail("'" + word + "' is not a whole number");
    widths.push_back(width);
  }
  return widths;
}

void validate(const ModelConfig& config) {
  check_range("image side", config.image_side, 4, kMaxImageSide);
  check_range("latent size", config.latent, 1, kMaxLayerWidth);
  if (config.hidden.size() > kMaxHiddenLayers) fail("at most " + std::to_string(kMaxHiddenLayers) + " hidden layers");
  for (int width : config.hidden) check_range("hidden layer size", width, 1, kMaxLayerWidth);
  if (config.kind == ModelKind::kConv) {
    if (config.image_side % 4 != 0) fail("the convolutional autoencoder needs an image side divisible by 4");
    if (config.channels.size() != 2) fail("the convolutional autoencoder has exactly two convolutions");
    for (int c : config.channels) check_range("channel count", c, 1, kMaxChannels);
  }
  if (config.kind == ModelKind::kPca && config.latent > config.input_size())
    fail("PCA cannot keep more components than there are pixels");
  check_range("beta", config.beta, 0.0, 1000.0);
  check_range("lambda", config.lambda, 0.0, 100.0);
  if (!(config.rho > 0.0f && config.rho < 1.0f)) fail("rho must be between 0 and 1 (exclusive)");
  validate(config.noise, config.image_side);
  if (config.kind == ModelKind::kDenoising && config.noise.type == NoiseType::kNone)
    fail("a denoising autoencoder needs a noise type to train with");
  if (!(config.learning_rate > 0.0f && config.learning_rate <= 10.0f)) fail("learning rate must be in (0, 10]");
  check_range("momentum", config.momentum, 0.0, 0.999);
  check_range("batch size", config.batch_size, 1, kMaxBatchSize);
}

// Field by field: a field added to ModelConfig needs a line here (and a key in the app's Settings).
bool operator==(const ModelConfig& a, const ModelConfig& b) {
  return a.kind == b.kind && a.image_side == b.image_side && a.hidden == b.hidden && a.channels == b.channels &&
         a.latent == b.latent && a.activation == b.activation && a.loss == b.loss && a.beta == b.beta &&
         a.sparsity == b.sparsity && a.lambda == b.lambda && a.rho == b.rho && a.noise.type == b.noise.type &&
         a.noise.level == b.noise.level && a.optimizer == b.optimizer && a.learning_rate == b.learning_rate &&
         a.momentum == b.momentum && a.batch_size == b.batch_size && a.init == b.init && a.seed == b.seed;
}

std::string describe(const ModelConfig& config) {
  std::ostringstream text;
  const char* label = "AE";
  switch (config.kind) {
    case ModelKind::kAutoencoder: label = "AE"; break;
    case ModelKind::kSparse: label = "Sparse AE"; break;
    case ModelKind::kDenoising: label = "Denoising AE"; break;
    case ModelKind::kVae: label = "VAE"; break;
    case ModelKind::kConv: label = "Conv AE"; break;
    case ModelKind::kPca: label = "PCA"; break;
  }
  text << label << "-" << config.latent << ": ";
  if (config.kind == ModelKind::kPca) {
    text << config.input_size() << " pixels -> " << config.latent << " components";
    return text.str();
  }
  if (config.kind == ModelKind::kConv) {
    text << "conv " << config.channels[0] << "-" << config.channels[1] << " -> [" << config.latent << "] -> convT";
  } else {
    text << config.input_size();
    for (int w : config.hidden) text << "-" << w;
    text << "-[" << config.latent << "]";
    for (auto it = config.hidden.rbegin(); it != config.hidden.rend(); ++it) text << "-" << *it;
    text << "-" << config.input_size();
  }
  if (config.activation != Activation::kRelu) text << " " << activation_name(config.activation);
  if (config.kind == ModelKind::kSparse) text << ", " << sparsity_name(config.sparsity) << " λ " << config.lambda;
  if (config.kind == ModelKind::kVae) text << ", β " << config.beta;
  if (config.noise.type != NoiseType::kNone)
    text << ", noise " << noise_type_name(config.noise.type) << " " << config.noise.level;
  text << ", " << (config.optimizer == OptimizerKind::kAdam ? "Adam " : "SGD ") << config.learning_rate << ", batch "
       << config.batch_size << ", seed " << config.seed;
  return text.str();
}

}  // namespace bn
