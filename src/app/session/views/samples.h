// The Generate tab (VAE): random samples from the prior, the 2-D manifold, and a code held with
// the pointer over the manifold.
#pragma once

#include <cstdint>
#include <vector>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"

namespace bn_app {

class SamplesView {
 public:
  static constexpr int kGrid = 6;                // kGrid × kGrid samples
  static constexpr int kManifold = 10;           // kManifold × kManifold decoded grid points
  static constexpr float kManifoldReach = 2.5f;  // the grid covers ±2.5 σ of the prior
  static constexpr double kInterval = 0.5;

  // The user's choices: how far from the prior's centre to sample, and the code numbers the
  // manifold walks (x, y).
  float temperature = 1.0f;
  int dims[2] = {0, 1};
  void resample() { ++draws_; }  // a new seed

  void refresh(const ViewInputs& in);
  void invalidate();
  const std::vector<float>& samples() const { return samples_; }    // a (kGrid·28)² image
  const std::vector<float>& manifold() const { return manifold_; }  // a (kManifold·28)² image
  uint64_t revision() const { return revision_; }

  // Holds the code at (x, y) along dims[0] and dims[1], in code units, and decodes it.
  void hold(bn::Model& model, float x, float y);
  void release() { holding_ = false; }
  bool holding() const { return holding_; }
  float held_x() const { return held_x_; }
  float held_y() const { return held_y_; }
  const std::vector<float>& held_image() const { return held_image_; }
  uint64_t held_revision() const { return held_revision_; }

  // held: the code held on the manifold ([x, y] or null), and dims: the code numbers it walks.
  void describe(StateWriter& out) const;

 private:
  Throttle computed_;
  uint32_t draws_ = 0;
  uint32_t computed_draws_ = ~0u;
  float computed_temperature_ = -1.0f;
  int computed_dims_[2] = {0, 1};
  std::vector<float> samples_, manifold_;
  uint64_t revision_ = 0;
  bool holding_ = false;
  float held_x_ = 0, held_y_ = 0;
  std::vector<float> held_image_;
  uint64_t held_revision_ = 0;
};

}  // namespace bn_app
