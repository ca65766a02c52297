// The one model interface that the app, the JS bindings, the CLI and the tests all use. Every kind
// (the four MLP kinds, the convolutional AE, and PCA) implements it.
//
//   auto model = bn::make_model(bn::ModelConfig{});      // AE-32 of PRODUCT.md
//   float loss = model->train_step(batch);               // forward, loss, backward, optimizer
//   bn::Matrix codes = model->encode(images);            // [batch, latent] (a VAE gives μ)
//   bn::Matrix images2 = model->decode(codes);           // [batch, pixels] in [0, 1]
//
// A model keeps all of its weights in one ParameterArena, so copying `parameters().values()` is a
// complete copy of the model (that is how the trainer publishes snapshots to the UI, and how
// safetensors files are written and read).
#pragma once

#include <memory>
#include <string>

#include "core/models/model_config.h"
#include "core/parameters.h"
#include "core/random.h"
#include "core/tensor.h"

namespace bn {

// A training loss split into its parts, each averaged over the batch in the model's own unit.
struct LossTerms {
  float total = 0;
  float reconstruction = 0;  // BCE or MSE per pixel; for a VAE, summed over the pixels (nats per image)
  float penalty = 0;         // the VAE's β·KL, or the sparse code's penalty; 0 otherwise
};

class Model {
 public:
  virtual ~Model() = default;
  virtual const ModelConfig& config() const = 0;
  virtual Matrix encode(const Matrix& x) = 0;
  virtual Matrix decode(const Matrix& codes) = 0;
  virtual Matrix reconstruct(const Matrix& x) { return decode(encode(x)); }
  // One optimisation step on a clean batch [batch, pixels]; returns the batch's loss before it.
  virtual float train_step(const Matrix& x) = 0;
  // The same step in parts, for a caller that returns to its event loop between them (the
  // single-thread page, whose every task must stay short): begin_step(x) runs the forward pass and
  // returns the loss; each continue_step() runs the next part, true once the step is complete.
  // The parts are train_step's operations in its order, so the weights come out bit for bit the
  // same. Only begin_step reads x. A model without parts does the whole step in begin_step.
  virtual float begin_step(const Matrix& x) { return train_step(x); }
  virtual bool continue_step() { return true; }
  // The training loss of a batch, without changing the model. Deterministic: any noise or
  // sampling it needs is drawn from a generator seeded afresh for each call.
  virtual LossTerms loss_terms(const Matrix& x) = 0;
  float loss(const Matrix& x) { return loss_terms(x).total; }
  // The gradient of loss_terms(x).total with respect to every parameter, written into
  // parameters().gradients() (same noise and sampling as loss_terms). For gradient checks.
  virtual LossTerms loss_gradients(const Matrix& x) = 0;
  // What loss() measures, for labels: "BCE per pixel", "−ELBO (nats per image)", ...
  virtual std::string loss_unit() const = 0;
  // Draws images from the prior (a VAE); the others throw std::logic_error.
  virtual Matrix sample(int count, Random& rng, float temperature = 1.0f);
  // How uncertain each code unit is for each row of x: the VAE's σ beside the μ that encode gives.
  // Empty for a model whose code is a point (every kind but the VAE).
  virtual Matrix code_spread(const Matrix& x);
  // Forget the optimizer's state (after weights were replaced, e.g. restored from a snapshot).
  virtual void reset_optimizer() = 0;
  virtual ParameterArena& parameters() = 0;
};

// Throws std::invalid_argument (from validate) for a config that cannot be built.
std::unique_ptr<Model> make_model(const ModelConfig& config);

}  // namespace bn
