// The sparse autoencoder's L1 penalty on the code: λ · mean over the batch of Σ_j |h_j|.
#pragma once

#include "core/tensor.h"

namespace bn {

// codes: [batch, K]
float l1_penalty_forward(const Matrix& codes, float lambda);
// -> grad_codes = λ · sign(h) / batch (0 at exactly 0, as PyTorch's abs)
void l1_penalty_backward(const Matrix& codes, float lambda, Matrix& grad_codes);

}  // namespace bn
