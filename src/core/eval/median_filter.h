// The classical denoiser a model should be compared with: each pixel replaced by the median of its
// 3×3 neighbourhood. On salt-and-pepper noise it wins on MNIST (an isolated white or black pixel
// is never the median), which the Noise panel and the denoising lesson show beside the model.
//
//   bn::Matrix cleaned = bn::median_filter_3x3(noisy, 28);   // each row a 28×28 image
#pragma once

#include "core/tensor.h"

namespace bn {

// Each row of `images` is one side×side image, row-major. Pixels past the border repeat the
// nearest edge pixel (as OpenCV's medianBlur does). Throws std::invalid_argument when a row is
// not side² long.
Matrix median_filter_3x3(const Matrix& images, int side);

}  // namespace bn
