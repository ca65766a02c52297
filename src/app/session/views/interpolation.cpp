#include "app/session/views/interpolation.h"

#include <cmath>

#include "app/session/pad.h"
#include "core/random.h"

namespace bn_app {

void InterpolationView::keep_drawing(const std::vector<float>& pixels) {
  kept_drawing_ = pixels;
  ++kept_revision_;
}

void InterpolationView::another_partner() {
  kept_drawing_.clear();
  ++kept_revision_;
  ++partner_draws_;
}

void InterpolationView::refresh(const ViewInputs& in) {
  if (in.config.kind != bn::ModelKind::kVae) return;
  if (computed_partner_draws_ != partner_draws_) {
    bn::Random rng(0x1E7, partner_draws_);
    partner_ = static_cast<int>(rng.below(static_cast<uint32_t>(in.test.count())));
  }
  const bool ends_moved = computed_pad_ != in.pad.revision() || computed_partner_draws_ != partner_draws_ ||
                          computed_kept_ != kept_revision_;
  if (ends_moved || computed_.due(in.weights_revision, in.now, kInterval)) {
    // The two ends: the drawing's code (its mean, for a VAE) and the far end's.
    const int pixels = kImageSide * kImageSide;
    bn::Matrix images(2, pixels);
    images.row(0) = bn::ConstMatrixMap(in.pad.pixels().data(), 1, pixels);
    if (kept_drawing_.size() == static_cast<size_t>(pixels))
      images.row(1) = bn::ConstMatrixMap(kept_drawing_.data(), 1, pixels);
    else images.row(1) = in.test.batch({partner_}).row(0);
    ends_ = in.model.encode(images);
    bn::Matrix path(kFrames, ends_.cols());
    for (int f = 0; f < kFrames; ++f) {
      const float t = static_cast<float>(f) / (kFrames - 1);
      path.row(f) = (1 - t) * ends_.row(0) + t * ends_.row(1);
    }
    tile_images(in.model.decode(path), kFrames, strip_);
    computed_.mark(in.weights_revision, in.now);
    computed_pad_ = in.pad.revision();
    computed_partner_draws_ = partner_draws_;
    computed_kept_ = kept_revision_;
    ++strip_revision_;
  }
  if (animate && ends_.rows() == 2) {
    // There and back every four seconds, easing at the ends so each image is seen whole.
    const float t = 0.5f - 0.5f * std::cos(static_cast<float>(in.now) * 2.0f * 3.14159265f / 4.0f);
    const bn::Matrix decoded = in.model.decode((1 - t) * ends_.row(0) + t * ends_.row(1));
    animated_.assign(decoded.data(), decoded.data() + decoded.size());
  }
}

void InterpolationView::describe(StateWriter& out) const {
  out.number("interpolationFrames", strip_.empty() ? 0 : kFrames);
  out.number("partner", partner_);
  out.text("farEnd", far_end_kept() ? "kept drawing" : "test digit");
}

}  // namespace bn_app
