// The Features tab: the few-label linear probe, a classifier trained on N labelled images' codes
// and, for comparison, on their pixels. Trained a few milliseconds at each refresh, so the UI
// never stalls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"
#include "core/eval/linear_probe.h"

namespace bn_app {

class FeaturesView {
 public:
  int labels = 100;  // the user's choice of N: 10, 100 or 1000 labelled training images

  void refresh(const ViewInputs& in);
  void invalidate();
  bool started() const { return codes_probe_ != nullptr; }
  // Both probes are trained and scored, for the N chosen now.
  bool done() const { return done_ && computed_labels_ == labels; }
  // The weights the probes were trained on the codes of.
  uint64_t weights_revision() const { return computed_revision_; }
  int computed_labels() const { return computed_labels_; }
  const bn::ProbeResult& codes() const { return codes_; }
  const bn::ProbeResult& pixels() const { return pixels_; }
  // Why there is no probe for this data set and N ("" when there is one): the user's own images
  // may have too few labels.
  const std::string& unavailable() const { return unavailable_; }

  // labels, done, codes and pixels (accuracies, null until done), and current: the probes are of
  // `weights_revision`, the weights the model has now (0 while a new model is on its way).
  void describe(StateWriter& out, uint64_t weights_revision) const;

 private:
  uint64_t computed_revision_ = 0;
  int computed_labels_ = 0;
  std::unique_ptr<bn::SoftmaxProbe> codes_probe_, pixels_probe_;
  bn::Dataset labelled_test_;  // the test images with a label 0-9
  bn::Matrix test_codes_;
  std::string unavailable_;
  bn::ProbeResult codes_, pixels_;
  bool done_ = false;
};

}  // namespace bn_app
