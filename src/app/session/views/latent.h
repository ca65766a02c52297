// The Latent tab: the test set's codes seen in 2-D, and the user's drawing among them; beside it,
// optionally, the same images through linear PCA with as many components. A test split smaller
// than the plot (your own images: 10 pictures keep 1 to test) is filled up with training images,
// since a map of one point, or none to project onto two directions, shows nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"
#include "core/eval/projection.h"

namespace bn_app {

// 2-D points and the window that frames them.
struct Scatter {
  std::vector<float> xy;  // count · 2, row-major
  float min_x = -1, max_x = 1, min_y = -1, max_y = 1;
  uint64_t revision = 0;  // moves on with each new set of points
};

struct LatentPoint {
  float x = 0, y = 0;
};

// Which image a point of the plot is.
struct PlottedImage {
  bool training;  // from the training split (else the test split)
  int index;      // in that split
};

class LatentView {
 public:
  static constexpr int kPoints = 1000;  // the MNIST-10k test split, all of it
  static constexpr double kInterval = 0.5;

  // The user's choices, read at each refresh: the principal directions shown (codes wider than
  // 2), and whether PCA is shown beside.
  int components[2] = {0, 1};
  bool beside_pca = false;

  void refresh(const ViewInputs& in);
  void invalidate();
  // Decodes a spot of the plot (a click on empty space) into decoded().
  void decode_at(bn::Model& model, LatentPoint spot);

  const Scatter& points() const { return points_; }
  const Scatter& pca_points() const { return pca_points_; }
  const std::vector<uint8_t>& labels() const { return labels_; }
  // Points [0, test_points()) are the test split's first images, the rest the training split's.
  int test_points() const { return test_points_; }
  PlottedImage plotted(int point) const {
    return point < test_points_ ? PlottedImage{false, point} : PlottedImage{true, point - test_points_};
  }
  const int* shown_components() const { return shown_components_; }
  bool shows_pca() const { return shows_pca_; }
  float model_mse() const { return model_mse_; }  // over the same images as PCA's, when beside it
  float pca_mse() const { return pca_mse_; }
  // The drawing's code, projected; nothing for an empty pad.
  const std::optional<LatentPoint>& marker() const { return marker_; }
  const std::vector<float>& decoded() const { return decoded_; }
  uint64_t decoded_revision() const { return decoded_revision_; }

  // components and besidePca as shown; modelMse and pcaMse when PCA is beside (else null).
  void describe(StateWriter& out) const;

 private:
  void refresh_marker(const ViewInputs& in, bool projection_moved);

  Throttle computed_;
  bn::Projection2d projection_;
  Scatter points_, pca_points_;
  std::vector<uint8_t> labels_;
  int test_points_ = 0;
  int shown_components_[2] = {0, 1};
  bool shows_pca_ = false;
  float model_mse_ = 0, pca_mse_ = 0;
  std::optional<LatentPoint> marker_;
  uint64_t marker_input_ = 0;  // the PadReconstruction revision the marker is of
  std::vector<float> decoded_;
  uint64_t decoded_revision_ = 0;
};

}  // namespace bn_app
