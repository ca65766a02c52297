#include "app/session/views/anomaly.h"

#include <algorithm>

#include "app/session/pad.h"
#include "core/eval/evaluate.h"

namespace bn_app {

void AnomalyView::set_threshold(float threshold) {
  threshold_ = threshold;
  threshold_moved_ = true;
}

void AnomalyView::refresh(const ViewInputs& in) {
  if (!in.anomalies) return;
  if (in.anomalies != scored_anomalies_) {  // another data set's: the scores start over
    scored_anomalies_ = in.anomalies;
    threshold_moved_ = false;
    computed_.invalidate();
  }
  if (computed_.due(in.weights_revision, in.now, kInterval)) {
    auto scores = [&](const bn::Dataset& data) {
      const bn::Matrix images = data.batch_range(0, std::min(kImages, data.count()));
      return bn::per_image_mse(bn::reconstruct_all(in.model, images), images);
    };
    normal_scores_ = scores(in.test);
    anomaly_scores_ = scores(*in.anomalies);
    roc_ = bn::roc_curve(normal_scores_, anomaly_scores_);
    auroc_ = bn::auroc(normal_scores_, anomaly_scores_);
    if (!threshold_moved_) threshold_ = bn::best_threshold(normal_scores_, anomaly_scores_);
    computed_.mark(in.weights_revision, in.now);
  }
  // The drawing is scored clean: the verdict is about what was drawn, not about the noise.
  if (scored_pad_ != in.pad.revision() || scored_pad_weights_ != in.weights_revision) {
    scored_pad_ = in.pad.revision();
    scored_pad_weights_ = in.weights_revision;
    has_drawing_ = !in.pad.empty();
    const bn::Matrix clean = bn::ConstMatrixMap(in.pad.pixels().data(), 1, kImageSide * kImageSide);
    drawing_score_ = bn::mean_squared_error(in.model.reconstruct(clean), clean);
  }
}

void AnomalyView::describe(StateWriter& out) const {
  if (too_few_to_score()) out.null("auroc");
  else out.number("auroc", auroc_);
  out.number("threshold", threshold_);
  if (has_drawing_) out.number("score", drawing_score_);
  else out.null("score");
  out.text("verdict", !has_drawing_ ? "none" : drawing_is_anomaly() ? "anomaly" : "normal");
}

}  // namespace bn_app
