#include "app/session/views/view_inputs.h"

namespace bn_app {

void tile_images(const bn::Matrix& images, int columns, std::vector<float>& out) {
  const int rows = (static_cast<int>(images.rows()) + columns - 1) / columns;
  const int width = columns * kImageSide;
  out.assign(static_cast<size_t>(width) * rows * kImageSide, 0.0f);
  for (int i = 0; i < images.rows(); ++i) {
    const int row = i / columns, column = i % columns;
    for (int y = 0; y < kImageSide; ++y)
      for (int x = 0; x < kImageSide; ++x)
        out[static_cast<size_t>(row * kImageSide + y) * width + column * kImageSide + x] =
            images(i, y * kImageSide + x);
  }
}

}  // namespace bn_app
