#include "core/losses/reconstruction.h"

#include "core/layers/sigmoid.h"
#include "core/losses/bce.h"
#include "core/losses/mse.h"

namespace bn {

float reconstruction_forward(ReconstructionLoss loss, const Matrix& logits, const Matrix& target) {
  if (loss == ReconstructionLoss::kBce) return bce_with_logits_forward(logits, target);
  Matrix images;
  sigmoid_forward(logits, images);
  return mse_forward(images, target);
}

void reconstruction_backward(ReconstructionLoss loss, const Matrix& logits, const Matrix& target, float scale,
                             Matrix& grad_logits) {
  if (loss == ReconstructionLoss::kBce) {
    bce_with_logits_backward(logits, target, grad_logits);
  } else {
    Matrix images;
    sigmoid_forward(logits, images);
    mse_backward(images, target, grad_logits);
    grad_logits.array() *= images.array() * (1.0f - images.array());  // through the sigmoid
  }
  if (scale != 1.0f) grad_logits *= scale;
}

float reconstruction_forward_backward(ReconstructionLoss loss, const Matrix& logits, const Matrix& target, float scale,
                                      Matrix& grad_logits) {
  if (loss == ReconstructionLoss::kBce) return bce_with_logits_forward_backward(logits, target, scale, grad_logits);
  const float value = reconstruction_forward(loss, logits, target);
  reconstruction_backward(loss, logits, target, scale, grad_logits);
  return value;
}

}  // namespace bn
