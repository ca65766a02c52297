#include "app/session/views/features.h"

#include <chrono>

#include "core/eval/evaluate.h"

namespace bn_app {

namespace {
// The probes' share of a frame.
constexpr auto kTrainingSlice = std::chrono::milliseconds(8);
}  // namespace

void FeaturesView::invalidate() {
  codes_probe_.reset();
  done_ = false;
}

// The probes restart when N changes, or when the weights changed while the model is not
// training (a probe of a model that is still learning would never finish).
void FeaturesView::refresh(const ViewInputs& in) {
  const bool stale = computed_labels_ != labels || (done_ && computed_revision_ != in.weights_revision && !in.training);
  if (!codes_probe_ || stale) {
    const std::vector<int> picked = bn::pick_labelled(in.train.labels, labels, 0);
    const bn::Dataset labelled = in.train.subset(picked, "labelled");
    const bn::Matrix pixels = labelled.batch_range(0, labelled.count());
    codes_probe_ = std::make_unique<bn::SoftmaxProbe>(bn::encode_all(in.model, pixels), labelled.labels);
    pixels_probe_ = std::make_unique<bn::SoftmaxProbe>(pixels, labelled.labels);
    test_codes_ = bn::encode_all(in.model, in.test.batch_range(0, in.test.count()));
    computed_labels_ = labels;
    computed_revision_ = in.weights_revision;
    done_ = false;
  }
  if (done_) return;
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < kTrainingSlice &&
         !(codes_probe_->done() && pixels_probe_->done())) {
    codes_probe_->train(10);
    pixels_probe_->train(2);
  }
  if (codes_probe_->done() && pixels_probe_->done()) {
    const bn::Matrix test_pixels = in.test.batch_range(0, in.test.count());
    codes_ = codes_probe_->evaluate(test_codes_, in.test.labels);
    pixels_ = pixels_probe_->evaluate(test_pixels, in.test.labels);
    done_ = true;
  }
}

void FeaturesView::describe(StateWriter& out, uint64_t weights_revision) const {
  out.number("labels", labels);
  out.flag("done", done());
  out.flag("current", started() && weights_revision != 0 && computed_revision_ == weights_revision);
  if (done()) {
    out.number("codes", codes_.accuracy);
    out.number("pixels", pixels_.accuracy);
  } else {
    out.null("codes");
    out.null("pixels");
  }
}

}  // namespace bn_app
