// The Generate tab's interpolation: from the drawing's code to the far end's, a drawing the user
// kept ("Keep this drawing", then draw another) or else a test image. A strip of frames, and an
// animation that walks there and back.
#pragma once

#include <cstdint>
#include <vector>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"

namespace bn_app {

class InterpolationView {
 public:
  static constexpr int kFrames = 8;
  static constexpr double kInterval = 0.5;

  bool animate = true;  // the user's choice

  // The far end: the drawing on the pad now, or (after another_partner) a random test image.
  void keep_drawing(const std::vector<float>& pixels);
  void another_partner();
  bool far_end_kept() const { return !kept_drawing_.empty(); }
  int partner() const { return partner_; }  // the test image at the far end, when none is kept

  void refresh(const ViewInputs& in);
  void invalidate() { computed_.invalidate(); }
  // Another data set: a new test image at the far end.
  void new_data() { ++partner_draws_; }

  const std::vector<float>& strip() const { return strip_; }  // 28 × (kFrames·28)
  uint64_t strip_revision() const { return strip_revision_; }
  const std::vector<float>& animated() const { return animated_; }  // one 28×28 frame, new each refresh
  // The animation walks between two ends: each refresh has a new frame to show.
  bool animating() const { return animate && ends_.rows() == 2; }

  // interpolationFrames (0 before the first strip), partner, and farEnd ("kept drawing" or
  // "test digit").
  void describe(StateWriter& out) const;

 private:
  uint32_t partner_draws_ = 0;  // "Another digit" presses
  int partner_ = -1;
  std::vector<float> kept_drawing_;
  uint32_t kept_revision_ = 0;  // moves on whenever kept_drawing_ changes
  Throttle computed_;
  uint64_t computed_pad_ = 0;
  uint32_t computed_partner_draws_ = ~0u;
  uint32_t computed_kept_ = ~0u;
  bn::Matrix ends_;  // [2, latent]: the drawing's code and the far end's
  std::vector<float> strip_;
  uint64_t strip_revision_ = 0;
  std::vector<float> animated_;
};

}  // namespace bn_app
