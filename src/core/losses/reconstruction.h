// The reconstruction loss a model config names, taken from the decoder's logits:
//   BCE:  binary cross-entropy from logits (losses/bce.h)
//   MSE:  mean squared error of sigmoid(logits), the image the user sees
// Both are the mean over every pixel of the batch; models scale them (a VAE sums over pixels).
#pragma once

#include "core/tensor.h"

namespace bn {

enum class ReconstructionLoss { kBce, kMse };

// logits, target: [batch, pixels]
float reconstruction_forward(ReconstructionLoss loss, const Matrix& logits, const Matrix& target);
// -> grad_logits [batch, pixels], the gradient of that mean, times `scale`
void reconstruction_backward(ReconstructionLoss loss, const Matrix& logits, const Matrix& target, float scale,
                             Matrix& grad_logits);
// Both at once, as a training step needs them: BCE's in one pass over the pixels.
float reconstruction_forward_backward(ReconstructionLoss loss, const Matrix& logits, const Matrix& target, float scale,
                                      Matrix& grad_logits);

}  // namespace bn
