// The Anomaly tab: how badly the model rebuilds normal test images (its own data set's) and
// anomalies (the other data set's), a threshold between them, and the drawing's score.
#pragma once

#include <cstdint>
#include <vector>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"
#include "core/eval/metrics.h"

namespace bn_app {

class AnomalyView {
 public:
  static constexpr int kImages = 1000;      // of each set
  static constexpr double kInterval = 1.0;  // 2,000 reconstructions
  // Fewer normal test images than this, and an ROC says nothing (of one image, its AUROC is 0 or
  // 1 by chance): the tab says so instead of showing one. Ten pictures of your own keep one to test.
  static constexpr int kFewestToScore = 10;

  void refresh(const ViewInputs& in);
  void invalidate() { computed_.invalidate(); }
  // A new preset or new anomalies: the threshold follows the scores again.
  void reset_threshold() { threshold_moved_ = false; }

  bool scored() const { return !normal_scores_.empty(); }
  const std::vector<float>& normal_scores() const { return normal_scores_; }  // per-image MSE
  const std::vector<float>& anomaly_scores() const { return anomaly_scores_; }
  const std::vector<bn::RocPoint>& roc() const { return roc_; }
  double auroc() const { return auroc_; }
  bool too_few_to_score() const { return static_cast<int>(normal_scores_.size()) < kFewestToScore; }
  // Above it: "anomaly". The user's choice survives new weights.
  float threshold() const { return threshold_; }
  void set_threshold(float threshold);
  // The clean drawing's reconstruction MSE; has_drawing() is false for an empty pad.
  bool has_drawing() const { return has_drawing_; }
  float drawing_score() const { return drawing_score_; }
  bool drawing_is_anomaly() const { return drawing_score_ > threshold_; }

  // auroc (null when there are too few normal images to score), threshold, and the drawing's score
  // and verdict ("anomaly", "normal" or "none").
  void describe(StateWriter& out) const;

 private:
  Throttle computed_;
  const bn::Dataset* scored_anomalies_ = nullptr;
  std::vector<float> normal_scores_, anomaly_scores_;
  std::vector<bn::RocPoint> roc_;
  double auroc_ = 0.0;
  float threshold_ = 0.0f;
  bool threshold_moved_ = false;
  uint64_t scored_pad_ = 0, scored_pad_weights_ = ~0ull;
  bool has_drawing_ = false;
  float drawing_score_ = 0.0f;
};

}  // namespace bn_app
