// The one model interface that the app, the JS bindings, the CLI and the tests all use.
//
//   auto model = bn::make_model(bn::ModelConfig{});      // AE-32 of PRODUCT.md
//   float loss = model->train_step(batch);               // forward, loss, backward, Adam
//   bn::Matrix codes = model->encode(images);            // [batch, latent]
//   bn::Matrix images2 = model->decode(codes);           // [batch, 784] in [0, 1]
//
// A model keeps all of its weights in one ParameterArena, so copying `parameters().values()` is a
// complete copy of the model (that is how the trainer publishes snapshots to the UI).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/parameters.h"
#include "core/tensor.h"

namespace bn {

struct ModelConfig {
  std::string kind = "ae";             // undercomplete MLP autoencoder
  int input_size = 784;
  std::vector<int> hidden = {256, 128};  // encoder widths; the decoder mirrors them
  int latent = 32;                     // the code is linear
  uint64_t seed = 0;
  float learning_rate = 1e-3f;
  int batch_size = 64;
};

// Throws std::invalid_argument with a message a user can act on (e.g. a layer size that is too big).
void validate(const ModelConfig& config);

class Model {
 public:
  virtual ~Model() = default;
  virtual const ModelConfig& config() const = 0;
  virtual Matrix encode(const Matrix& x) = 0;
  virtual Matrix decode(const Matrix& codes) = 0;
  virtual Matrix reconstruct(const Matrix& x) = 0;
  // One optimisation step on a batch [batch, input_size]; returns the batch loss before the update.
  virtual float train_step(const Matrix& x) = 0;
  // The training loss (mean per element) of a batch, without changing the model.
  virtual float loss(const Matrix& x) = 0;
  // Forget the optimizer's state (after weights were replaced, e.g. restored from a snapshot).
  virtual void reset_optimizer() = 0;
  virtual ParameterArena& parameters() = 0;
};

std::unique_ptr<Model> make_model(const ModelConfig& config);

}  // namespace bn
