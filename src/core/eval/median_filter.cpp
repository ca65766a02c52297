#include "core/eval/median_filter.h"

#include <algorithm>
#include <stdexcept>

namespace bn {

Matrix median_filter_3x3(const Matrix& images, int side) {
  if (side <= 0 || images.cols() != static_cast<Eigen::Index>(side) * side)
    throw std::invalid_argument("median_filter_3x3: rows of " + std::to_string(images.cols()) +
                                " values are not images of side " + std::to_string(side));
  Matrix out(images.rows(), images.cols());
  float window[9];
  for (Eigen::Index image = 0; image < images.rows(); ++image) {
    const float* in = images.row(image).data();
    float* result = out.row(image).data();
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) {
        int n = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx)
            window[n++] = in[std::clamp(y + dy, 0, side - 1) * side + std::clamp(x + dx, 0, side - 1)];
        std::nth_element(window, window + 4, window + 9);
        result[y * side + x] = window[4];
      }
    }
  }
  return out;
}

}  // namespace bn
