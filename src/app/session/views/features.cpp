#include "app/session/views/features.h"

#include <chrono>
#include <stdexcept>

#include "core/eval/evaluate.h"

namespace bn_app {

namespace {
// The probes' share of a frame.
constexpr auto kTrainingSlice = std::chrono::milliseconds(8);
constexpr int kClasses = 10;
}  // namespace

void FeaturesView::invalidate() {
  codes_probe_.reset();
  unavailable_.clear();
  done_ = false;
}

// The probes restart when N changes, or when the weights changed while the model is not
// training (a probe of a model that is still learning would never finish).
void FeaturesView::refresh(const ViewInputs& in) {
  if (!unavailable_.empty() && computed_labels_ == labels) return;
  const bool stale = computed_labels_ != labels || (done_ && computed_revision_ != in.weights_revision && !in.training);
  if (!codes_probe_ || stale) {
    unavailable_.clear();
    computed_labels_ = labels;
    std::vector<int> labelled_test;
    for (int i = 0; i < in.test.count(); ++i)
      if (in.test.labels[i] < kClasses) labelled_test.push_back(i);
    std::vector<int> picked;
    try {
      if (labelled_test.empty()) throw std::invalid_argument("no labelled test image");
      picked = bn::pick_labelled(in.train.labels, labels, 0);
    } catch (const std::invalid_argument&) {
      // Only a user's own images can lack labels: MNIST's and Fashion-MNIST's have every class.
      unavailable_ = "The probe needs " + std::to_string(labels / kClasses) +
                     " labelled training images of each class 0-9, and labelled test images. Put your images in "
                     "folders named 0 to 9 to label them.";
      codes_probe_.reset();
      done_ = false;
      return;
    }
    const bn::Dataset labelled = in.train.subset(picked, "labelled");
    const bn::Matrix pixels = labelled.batch_range(0, labelled.count());
    codes_probe_ = std::make_unique<bn::SoftmaxProbe>(bn::encode_all(in.model, pixels), labelled.labels);
    pixels_probe_ = std::make_unique<bn::SoftmaxProbe>(pixels, labelled.labels);
    labelled_test_ = in.test.subset(labelled_test, "labelled test");
    test_codes_ = bn::encode_all(in.model, labelled_test_.batch_range(0, labelled_test_.count()));
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
    const bn::Matrix test_pixels = labelled_test_.batch_range(0, labelled_test_.count());
    codes_ = codes_probe_->evaluate(test_codes_, labelled_test_.labels);
    pixels_ = pixels_probe_->evaluate(test_pixels, labelled_test_.labels);
    done_ = true;
  }
}

void FeaturesView::describe(StateWriter& out, uint64_t weights_revision) const {
  out.number("labels", labels);
  out.text("unavailable", unavailable_);
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
