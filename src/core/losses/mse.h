// Mean squared error, the mean over every element of the batch: mean((y - t)²).
#pragma once

#include "core/tensor.h"

namespace bn {

// prediction, target: [batch, n] -> mean loss over batch·n elements
float mse_forward(const Matrix& prediction, const Matrix& target);
// -> grad_prediction: [batch, n] = 2 (y - t) / count
void mse_backward(const Matrix& prediction, const Matrix& target, Matrix& grad_prediction);

}  // namespace bn
