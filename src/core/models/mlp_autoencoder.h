// The undercomplete MLP autoencoder: Dense-ReLU stacks around a linear code, logits out, trained
// with BCE from logits; its images are sigmoid(logits). AE-32 is 784-256-128-32-128-256-784.
#pragma once

#include "core/models/model.h"
#include "core/models/sequential.h"
#include "core/optim/adam.h"

namespace bn {

class MlpAutoencoder : public Model {
 public:
  explicit MlpAutoencoder(const ModelConfig& config);
  const ModelConfig& config() const override { return config_; }
  Matrix encode(const Matrix& x) override;
  Matrix decode(const Matrix& codes) override;
  Matrix reconstruct(const Matrix& x) override;
  float train_step(const Matrix& x) override;
  float loss(const Matrix& x) override;
  void reset_optimizer() override { optimizer_.reset(); }
  ParameterArena& parameters() override { return arena_; }

 private:
  ModelConfig config_;
  ParameterArena arena_;
  Sequential encoder_;
  Sequential decoder_;  // ends in logits
  Adam optimizer_;
  Matrix grad_logits_;
};

}  // namespace bn
