// Binary cross-entropy from logits, the mean over every element of the batch (so "per pixel").
//
// Taking logits rather than probabilities keeps it finite for any input:
//   loss(z, t) = max(z, 0) - z·t + log(1 + exp(-|z|))
// and its gradient is simply (sigmoid(z) - t) / count.
#pragma once

#include "core/tensor.h"

namespace bn {

// logits, target: [batch, n] -> mean loss over batch·n elements
float bce_with_logits_forward(const Matrix& logits, const Matrix& target);
// -> grad_logits: [batch, n], the gradient of that mean
void bce_with_logits_backward(const Matrix& logits, const Matrix& target, Matrix& grad_logits);
// Both in one pass (one exp an element): returns the mean loss, and grad_logits is its gradient
// times `grad_scale`.
float bce_with_logits_forward_backward(const Matrix& logits, const Matrix& target, float grad_scale,
                                       Matrix& grad_logits);

}  // namespace bn
