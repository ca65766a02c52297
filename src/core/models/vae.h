// The variational autoencoder ("vae"). The encoder (Dense stack with the config's activation)
// ends in one Dense layer that gives both halves of the Gaussian code, [μ | log σ²] (2·latent
// columns; in PyTorch: one nn.Linear(128, 2·latent), split with chunk(2, dim=1)). Training draws
//   z = μ + exp(½ log σ²) ⊙ ε,   ε ~ N(0, I)              (the reparameterisation trick)
// and minimises the negative ELBO in nats per image:
//   reconstruction (BCE summed over the pixels) + β · KL(N(μ, σ²) ‖ N(0, I))
// encode() gives μ; sample() decodes draws from the prior N(0, T²·I).
#pragma once

#include "core/models/sequential.h"
#include "core/models/trainable_model.h"

namespace bn {

// loss_terms uses one draw of ε from a freshly seeded generator: the usual single-sample estimate.
class Vae : public TrainableModel {
 public:
  explicit Vae(const ModelConfig& config);
  Matrix encode(const Matrix& x) override;
  Matrix decode(const Matrix& codes) override;
  std::string loss_unit() const override { return "−ELBO, nats per image"; }
  Matrix sample(int count, Random& rng, float temperature = 1.0f) override;
  // σ = exp(½ · log σ²), the encoder's second half.
  Matrix code_spread(const Matrix& x) override;

 private:
  // Encodes, draws z from `rng` and decodes; keeps stats_, epsilon_ and z_ for backward.
  LossTerms forward(const Matrix& x, Random& rng) override;
  LossTerms forward_with_loss_gradient(const Matrix& x, Random& rng) override;
  void backward() override;
  // forward(); with `grad_logits`, the reconstruction's gradient too, from the same pass as its loss.
  LossTerms run(const Matrix& x, Random& rng, Matrix* grad_logits);

  Sequential encoder_;  // ends in [μ | log σ²]
  Sequential decoder_;  // ends in logits
  Matrix stats_;
  Matrix epsilon_;
  Matrix z_;
  Matrix noisy_;
  Matrix grad_logits_;
  Matrix grad_stats_;
};

}  // namespace bn
