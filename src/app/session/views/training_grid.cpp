#include "app/session/views/training_grid.h"

namespace bn_app {

// The images are spread over the split: MNIST-10k's test split is stored digit by digit.
void TrainingGridView::refresh(const ViewInputs& in) {
  if (!computed_.due(in.weights_revision, in.now, kInterval)) return;
  const int count = kSide * kSide;
  std::vector<int> indices(count);
  for (int i = 0; i < count; ++i) indices[i] = (2 * i + 1) * in.test.count() / (2 * count);
  const bn::Matrix images = in.test.batch(indices);
  tile_images(images, kSide, originals_);
  tile_images(in.model.reconstruct(images), kSide, reconstructions_);
  computed_.mark(in.weights_revision, in.now);
  ++revision_;
}

}  // namespace bn_app
