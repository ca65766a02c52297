// The Training tab's fixed grid of test images and what the model makes of them now.
#pragma once

#include <vector>

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

 private:
  Throttle computed_;
  std::vector<float> originals_, reconstructions_;
  uint64_t revision_ = 0;
};

}  // namespace bn_app
