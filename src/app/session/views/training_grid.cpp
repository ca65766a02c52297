#include "app/session/views/training_grid.h"

#include <algorithm>

#include "core/data/corruption.h"

namespace bn_app {

// The images are spread over the split: MNIST-10k's test split is stored digit by digit.
void TrainingGridView::refresh(const ViewInputs& in) {
  if (!computed_.due(in.weights_revision, in.now, kInterval)) return;
  const int cells = kSide * kSide;
  const int count = std::min(cells, in.test.count());
  std::vector<int> indices(count);
  for (int i = 0; i < count; ++i) indices[i] = (2 * i + 1) * in.test.count() / (2 * count);
  bn::Matrix images = bn::Matrix::Zero(cells, in.test.pixels_per_image());
  images.topRows(count) = in.test.batch(indices);
  with_noise_ = in.config.noise.type != bn::NoiseType::kNone;
  if (with_noise_) {
    bn::Random rng(0x6121D);  // the same noise at each refresh, so only the rebuild moves
    bn::Matrix noisy = images.topRows(count);
    bn::corrupt(noisy, in.config.noise, rng, kImageSide);
    images.topRows(count) = noisy;
  }
  shown_ = count;
  tile_images(images, kSide, originals_);
  tile_images(in.model.reconstruct(images), kSide, reconstructions_);
  computed_.mark(in.weights_revision, in.now);
  ++revision_;
}

void TrainingGridView::describe(StateWriter& out) const {
  out.number("shown", shown_);
  out.flag("withNoise", with_noise_);
}

}  // namespace bn_app
