#include "core/models/model.h"

#include <stdexcept>

#include "core/models/conv_autoencoder.h"
#include "core/models/mlp_autoencoder.h"
#include "core/models/pca.h"
#include "core/models/vae.h"

namespace bn {

Matrix Model::sample(int, Random&, float) {
  throw std::logic_error("only a VAE can sample from a prior; this model is a " +
                         std::string(kind_name(config().kind)));
}

Matrix Model::code_spread(const Matrix&) { return Matrix(); }

std::unique_ptr<Model> make_model(const ModelConfig& config) {
  validate(config);
  switch (config.kind) {
    case ModelKind::kAutoencoder:
    case ModelKind::kSparse:
    case ModelKind::kDenoising: return std::make_unique<MlpAutoencoder>(config);
    case ModelKind::kVae: return std::make_unique<Vae>(config);
    case ModelKind::kConv: return std::make_unique<ConvAutoencoder>(config);
    case ModelKind::kPca: return std::make_unique<Pca>(config);
  }
  throw std::invalid_argument("unknown model kind");
}

}  // namespace bn
