#include "app/session/views/samples.h"

#include <algorithm>

#include "core/eval/evaluate.h"
#include "core/random.h"

namespace bn_app {

void SamplesView::invalidate() {
  computed_.invalidate();
  holding_ = false;
}

// Redrawn when the weights, the seed, the temperature or the walked dimensions change.
void SamplesView::refresh(const ViewInputs& in) {
  if (in.config.kind != bn::ModelKind::kVae) return;
  for (int& d : dims) d = std::clamp(d, 0, in.config.latent - 1);
  const bool choice_changed = computed_draws_ != draws_ || computed_temperature_ != temperature ||
                              computed_dims_[0] != dims[0] || computed_dims_[1] != dims[1];
  if (!choice_changed && !computed_.due(in.weights_revision, in.now, kInterval)) return;
  bn::Random rng(0x5A4D, draws_);
  tile_images(in.model.sample(kGrid * kGrid, rng, temperature), kGrid, samples_);
  // The manifold: two code numbers over the prior's ±2.5σ, the others at 0 (the prior's mean).
  bn::Matrix z = bn::Matrix::Zero(kManifold * kManifold, in.config.latent);
  for (int row = 0; row < kManifold; ++row)
    for (int column = 0; column < kManifold; ++column) {
      z(row * kManifold + column, dims[0]) = -kManifoldReach + 2 * kManifoldReach * column / (kManifold - 1);
      if (in.config.latent > 1)
        z(row * kManifold + column, dims[1]) = kManifoldReach - 2 * kManifoldReach * row / (kManifold - 1);
    }
  tile_images(bn::decode_all(in.model, z), kManifold, manifold_);
  computed_.mark(in.weights_revision, in.now);
  computed_draws_ = draws_;
  computed_temperature_ = temperature;
  computed_dims_[0] = dims[0];
  computed_dims_[1] = dims[1];
  ++revision_;
}

void SamplesView::hold(bn::Model& model, float x, float y) {
  const int latent = model.config().latent;
  bn::Matrix z = bn::Matrix::Zero(1, latent);
  z(0, std::clamp(dims[0], 0, latent - 1)) = x;
  if (latent > 1) z(0, std::clamp(dims[1], 0, latent - 1)) = y;
  const bn::Matrix image = model.decode(z);
  held_image_.assign(image.data(), image.data() + image.size());
  held_x_ = x;
  held_y_ = y;
  holding_ = true;
  ++held_revision_;
}

void SamplesView::describe(StateWriter& out) const {
  if (holding_) out.pair("held", held_x_, held_y_);
  else out.null("held");
  out.pair("dims", dims[0], dims[1]);
}

}  // namespace bn_app
