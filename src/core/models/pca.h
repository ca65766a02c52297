// Linear PCA with k components: the baseline every autoencoder is compared with, behind the same
// interface. It is fitted in one go on the training images (fit), not trained by steps.
//   encode(x) = (x − mean) · Wᵀ        W: [k, pixels], the top-k principal directions
//   decode(z) = z · W + mean           (clipped to [0, 1] for display; the metrics use linear())
// Its tensors, "mean" [pixels] and "components" [k, pixels], live in the parameter arena, so PCA
// saves, loads and snapshots exactly like the other models.
#pragma once

#include "core/models/model.h"

namespace bn {

class Pca : public Model {
 public:
  explicit Pca(const ModelConfig& config);
  // Fits on the rows of `images` (covariance in double precision, symmetric eigensolver). Each
  // component's sign is fixed so that its largest entry is positive, so fits are reproducible.
  void fit(const Matrix& images);

  const ModelConfig& config() const override { return config_; }
  Matrix encode(const Matrix& x) override;
  Matrix decode(const Matrix& codes) override;
  // The unclipped linear reconstruction, which is what PCA's error is measured on.
  Matrix reconstruct_linear(const Matrix& x);
  // Throws std::logic_error: PCA is fitted, not trained by steps.
  float train_step(const Matrix& x) override;
  LossTerms loss_terms(const Matrix& x) override;
  // Throws std::logic_error, like train_step.
  LossTerms loss_gradients(const Matrix& x) override;
  std::string loss_unit() const override { return "MSE per pixel"; }
  void reset_optimizer() override {}
  ParameterArena& parameters() override { return arena_; }

 private:
  ModelConfig config_;
  ParameterArena arena_;
  ParameterRef mean_;
  ParameterRef components_;
};

}  // namespace bn
