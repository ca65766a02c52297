// The Training tab's fixed grid of test images and what the model makes of them now. A model that
// trains on noisy images (the Denoising preset's, on Gaussian σ 0.5) is shown them with that noise:
// it never saw a clean digit, and turned clean 2s, 3s and 5s into 6s, 8s and 6s, which looked like
// a broken first visit. A test split smaller than the grid leaves the rest of it empty.
#pragma once

#include <vector>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"

namespace bn_app {

class TrainingGridView {
 public:
  static constexpr int kSide = 4;  // kSide × kSide images
  static constexpr double kInterval = 0.5;

  void refresh(const ViewInputs& in);
  void invalidate() { computed_.invalidate(); }
  const std::vector<float>& originals() const { return originals_; }  // (kSide·28)²
  const std::vector<float>& reconstructions() const { return reconstructions_; }
  uint64_t revision() const { return revision_; }
  int shown() const { return shown_; }                // test images in the grid
  bool with_noise() const { return with_noise_; }    // they went in with the model's training noise
  // shown and withNoise.
  void describe(StateWriter& out) const;

 private:
  Throttle computed_;
  std::vector<float> originals_, reconstructions_;
  uint64_t revision_ = 0;
  int shown_ = 0;
  bool with_noise_ = false;
};

}  // namespace bn_app
