#include "app/session/views/latent.h"

#include <algorithm>

#include "app/session/pad.h"
#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"

namespace bn_app {

namespace {

// Frames the middle 98% of the points, so one outlier does not squash the rest.
void frame_scatter(const bn::Matrix& xy, Scatter& scatter) {
  scatter.xy.assign(xy.data(), xy.data() + xy.size());
  ++scatter.revision;
  const int count = static_cast<int>(xy.rows());
  auto range = [&](int column, float& low, float& high) {
    std::vector<float> values(count);
    for (int i = 0; i < count; ++i) values[i] = xy(i, column);
    std::sort(values.begin(), values.end());
    low = values[count / 100];
    high = values[count - 1 - count / 100];
    const float margin = 0.08f * std::max(high - low, 1e-3f);
    low -= margin;
    high += margin;
  };
  range(0, scatter.min_x, scatter.max_x);
  range(1, scatter.min_y, scatter.max_y);
}

}  // namespace

void LatentView::invalidate() {
  computed_.invalidate();
  decoded_.clear();
  ++decoded_revision_;
}

// Refreshed as the weights change (at most twice a second), or at once when the user picks other
// directions or the PCA comparison.
void LatentView::refresh(const ViewInputs& in) {
  const int width = in.config.latent;
  for (int& c : components) c = std::clamp(c, 0, std::max(width - 1, 0));
  const bool choice_changed =
      components[0] != shown_components_[0] || components[1] != shown_components_[1] || beside_pca != shows_pca_;
  const bool due = choice_changed || computed_.due(in.weights_revision, in.now, kInterval);
  if (due) {
    test_points_ = std::min(kPoints, in.test.count());
    const int training_points = std::min(kPoints - test_points_, in.train.count());
    bn::Matrix images(test_points_ + training_points, in.test.pixels_per_image());
    images.topRows(test_points_) = in.test.batch_range(0, test_points_);
    images.bottomRows(training_points) = in.train.batch_range(0, training_points);
    const bn::Matrix codes = bn::encode_all(in.model, images);
    projection_ = bn::fit_projection_2d(codes, components[0], components[1]);
    frame_scatter(projection_.project(codes), points_);
    labels_.assign(in.test.labels.begin(), in.test.labels.begin() + test_points_);
    labels_.insert(labels_.end(), in.train.labels.begin(), in.train.labels.begin() + training_points);
    if (beside_pca && in.pca) {
      // PCA's codes are ordered by variance already: its first two numbers are its best 2-D view.
      const bn::Matrix pca_codes = bn::encode_all(*in.pca, images);
      frame_scatter(pca_codes.leftCols(2), pca_points_);
      // PCA is one linear map each way: its working memory is a few MB whatever the batch.
      pca_mse_ = bn::mean_squared_error(in.pca->reconstruct(images), images);
      model_mse_ = bn::mean_squared_error(bn::reconstruct_all(in.model, images), images);
    }
    computed_.mark(in.weights_revision, in.now);
    shown_components_[0] = components[0];
    shown_components_[1] = components[1];
    shows_pca_ = beside_pca;
  }
  refresh_marker(in, due);
}

// The drawing's own point: its code (of what the model is shown, noise and all), through the
// plot's projection.
void LatentView::refresh_marker(const ViewInputs& in, bool projection_moved) {
  if (!projection_moved && marker_input_ == in.rebuild.revision()) return;
  marker_input_ = in.rebuild.revision();
  marker_.reset();
  if (points_.xy.empty() || in.pad.empty()) return;
  const bn::Matrix noisy = bn::ConstMatrixMap(in.rebuild.noisy().data(), 1, kImageSide * kImageSide);
  const bn::Matrix xy = projection_.project(in.model.encode(noisy));
  marker_ = LatentPoint{xy(0, 0), xy(0, 1)};
}

void LatentView::decode_at(bn::Model& model, LatentPoint spot) {
  const bn::Matrix image = model.decode(projection_.unproject(spot.x, spot.y));
  decoded_.assign(image.data(), image.data() + image.size());
  ++decoded_revision_;
}

void LatentView::describe(StateWriter& out) const {
  out.pair("components", shown_components_[0], shown_components_[1]);
  out.number("points", static_cast<double>(labels_.size()));
  out.number("testPoints", test_points_);
  out.flag("besidePca", shows_pca_);
  if (shows_pca_) {
    out.number("modelMse", model_mse_);
    out.number("pcaMse", pca_mse_);
  } else {
    out.null("modelMse");
    out.null("pcaMse");
  }
}

}  // namespace bn_app
