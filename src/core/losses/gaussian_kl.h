// The VAE's KL term: KL( N(μ, σ²) ‖ N(0, I) ) summed over the latent dimensions and averaged over
// the batch (so "nats per image"). The encoder's output holds both halves in one row:
//   stats: [batch, 2·K] = [ μ (K columns) | log σ² (K columns) ]
//   KL = mean_n  −½ Σ_j (1 + log σ²_j − μ_j² − σ²_j)
#pragma once

#include "core/tensor.h"

namespace bn {

float gaussian_kl_forward(const Matrix& stats);
// -> grad_stats [batch, 2·K]: dμ = μ / batch, d log σ² = ½ (σ² − 1) / batch
void gaussian_kl_backward(const Matrix& stats, Matrix& grad_stats);

}  // namespace bn
