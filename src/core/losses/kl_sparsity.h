// The sparse autoencoder's KL sparsity target: each code unit's mean activation over the batch,
// ρ̂_j, is pulled towards a small ρ. Codes must lie in (0, 1) (a sigmoid code).
//   penalty = β Σ_j [ ρ log(ρ / ρ̂_j) + (1 − ρ) log((1 − ρ) / (1 − ρ̂_j)) ]
#pragma once

#include "core/tensor.h"

namespace bn {

// codes: [batch, K] in (0, 1)
float kl_sparsity_forward(const Matrix& codes, float rho, float beta);
// -> grad_codes(n, j) = β / batch · ( −ρ / ρ̂_j + (1 − ρ) / (1 − ρ̂_j) )
void kl_sparsity_backward(const Matrix& codes, float rho, float beta, Matrix& grad_codes);

}  // namespace bn
