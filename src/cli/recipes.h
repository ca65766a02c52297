// The reference recipes of the quality table (issue 3), shared by `quality` and `export`: seed 0,
// Adam 1e-3, batch 64, ReLU hidden layers, sigmoid output, BCE; 20 epochs (VAE 30, conv 10).
#pragma once

#include <string>
#include <vector>

#include "core/models/model_config.h"

namespace bn_cli {

struct Recipe {
  std::string name;  // the quality table's row stem, e.g. "ae32", "dae_gauss", "vae16"
  bn::ModelConfig config;
  int epochs = 20;
};

Recipe ae32();
Recipe denoising_gaussian();  // σ = 0.5
Recipe denoising_mask();      // one 12×12 block
Recipe vae(int latent);
Recipe conv();
Recipe sparse(float lambda);  // 784-256-128-[128 ReLU]-128-256-784 with an L1 penalty on the code

// The sparse recipe's λ: tuned on MNIST-10k so that at most 30% of the code units fire while the
// MSE stays within 15% of the same network at λ = 0 (measured: 23% active, +9% MSE).
constexpr float kSparseLambda = 2e-4f;

}  // namespace bn_cli
