#include "app/session/pad.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/data/mnist_framing.h"
#include "core/eval/median_filter.h"
#include "core/eval/metrics.h"
#include "core/random.h"

namespace bn_app {

namespace {
constexpr size_t kPixels = kPadSide * kPadSide;
// The noise drawn over the pad is the same for the same settings, so it does not flicker as the
// user draws; a new type or level draws new noise.
constexpr uint64_t kPadNoiseSeed = 0x9AD;
}  // namespace

// [SECTION] DrawingPad

DrawingPad::DrawingPad() : drawn_(kPixels, 0.0f), pixels_(kPixels, 0.0f), hidden_(kPixels, 0.0f) {}

void DrawingPad::begin_stroke() { drawing_begin_edit(drawing_); }

void DrawingPad::stroke(BrushTool tool, float x0, float y0, float x1, float y1, float pressure) {
  drawing_stroke(drawing_, tool, x0, y0, x1, y1, pressure);
  changed();
}

void DrawingPad::clear() {
  drawing_begin_edit(drawing_);
  drawing_clear(drawing_);
  changed();
}

void DrawingPad::clear_hidden() {
  drawing_begin_edit(drawing_);
  drawing_clear_hidden(drawing_);
  changed();
}

bool DrawingPad::undo() {
  if (!drawing_undo(drawing_)) return false;
  changed();
  return true;
}

void DrawingPad::load_image(const float* pixels) {
  drawing_begin_edit(drawing_);
  drawing_set_image(drawing_, pixels);
  changed();
}

void DrawingPad::set_framing(bool on) {
  if (on == framing_) return;
  framing_ = on;
  changed();
}

bool DrawingPad::empty() const {
  return std::all_of(pixels_.begin(), pixels_.end(), [](float v) { return v <= 0.0f; });
}

// Recomputes every derived image at once, so a reader in the same frame sees the new pixels.
void DrawingPad::changed() {
  drawn_ = drawing_pixels(drawing_);
  hidden_count_ = drawing_hidden_count(drawing_);
  if (framing_) {
    // The mask moves with the drawing, so it still covers what the user painted over.
    const bn::Frame frame = bn::fit_mnist_frame(drawn_, kPadSide);
    pixels_ = bn::apply_frame(frame, drawn_, kPadSide);
    hidden_ = bn::apply_frame(frame, drawing_.page.hidden, kPadSide);
  } else {
    pixels_ = drawn_;
    hidden_ = drawing_.page.hidden;
  }
  ++revision_;
}

void DrawingPad::load_test_image(const bn::Dataset& test, int index) {
  const bn::Matrix image = test.batch({index});
  load_image(image.data());
  browsed_ = index;
  browsed_revision_ = revision_;
}

bool DrawingPad::in_browsed_class(const bn::Dataset& test, int index) const {
  return browse_label_ < 0 || test.labels[index] == browse_label_;
}

namespace {

// The order ◀ / ▶ step through: the first image of each class, then the second of each, and so on.
// MNIST-10k's test split is stored class by class, so in its own order 100 presses showed zeros.
std::vector<int> interleaved_by_class(const std::vector<uint8_t>& labels) {
  std::vector<int> rank(labels.size());
  int seen[256] = {};
  for (size_t i = 0; i < labels.size(); ++i) rank[i] = seen[labels[i]]++;
  std::vector<int> order(labels.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return rank[a] != rank[b] ? rank[a] < rank[b] : labels[a] < labels[b];
  });
  return order;
}

}  // namespace

void DrawingPad::browse(const bn::Dataset& test, int step) {
  const int count = test.count();
  if (count == 0) return;
  const std::vector<int> order = interleaved_by_class(test.labels);
  // The first press of "next" shows the order's first image, of "previous" its last.
  int position = step > 0 ? -1 : 0;
  if (browsed_ >= 0 && browsed_ < count)
    position = static_cast<int>(std::find(order.begin(), order.end(), browsed_) - order.begin());
  for (int tried = 0; tried < count; ++tried) {
    position = ((position + step) % count + count) % count;
    if (in_browsed_class(test, order[position])) return load_test_image(test, order[position]);
  }
}

void DrawingPad::random_test_image(const bn::Dataset& test) {
  std::vector<int> candidates;
  for (int i = 0; i < test.count(); ++i)
    if (in_browsed_class(test, i)) candidates.push_back(i);
  if (candidates.empty()) return;
  bn::Random rng(0xD161, random_draws_++);
  load_test_image(test, candidates[rng.below(static_cast<uint32_t>(candidates.size()))]);
}

// [SECTION] PadReconstruction

PadReconstruction::PadReconstruction()
    : noisy_(kPixels, 0.0f), output_(kPixels, 0.0f), error_map_(kPixels, 0.0f), median_(kPixels, 0.0f) {}

void PadReconstruction::set_noise(const bn::Noise& noise) {
  bn::validate(noise, kPadSide);
  noise_ = noise;
  ++noise_revision_;
}

void PadReconstruction::update(const DrawingPad& pad, bn::Model& model, uint64_t weights_revision, bn::Model* pca) {
  const bool drawing_moved = computed_pad_ != pad.revision() || computed_noise_ != noise_revision_;
  const bool input_moved = drawing_moved || computed_weights_ != weights_revision;
  if (!input_moved && computed_code_ == code_revision_) return;
  const bn::Matrix clean = bn::ConstMatrixMap(pad.pixels().data(), 1, kPixels);
  bn::Matrix noisy = clean;
  bn::Random rng(kPadNoiseSeed, noise_revision_);
  bn::corrupt(noisy, noise_, rng, kPadSide);
  if (pad.hidden_count() > 0) bn::apply_mask(noisy, pad.hidden());
  if (input_moved) read_code(model, noisy, /*keep_edit=*/!drawing_moved);
  const bn::Matrix output = code_.edited ? model.decode(bn::ConstMatrixMap(code_.values.data(), 1, code_.values.size()))
                                         : model.reconstruct(noisy);
  noisy_.assign(noisy.data(), noisy.data() + noisy.size());
  output_.assign(output.data(), output.data() + output.size());
  for (size_t i = 0; i < kPixels; ++i) error_map_[i] = std::abs(output_[i] - pad.pixels()[i]);
  const bn::Matrix median = bn::median_filter_3x3(noisy, kPadSide);
  median_.assign(median.data(), median.data() + median.size());
  psnr_median_ = bn::psnr(bn::mean_squared_error(median, clean));
  psnr_noisy_ = bn::psnr(bn::mean_squared_error(noisy, clean));
  psnr_output_ = bn::psnr(bn::mean_squared_error(output, clean));
  psnr_pca_ =
      pca ? bn::psnr(bn::mean_squared_error(pca->reconstruct(noisy), clean)) : std::numeric_limits<float>::quiet_NaN();
  computed_pad_ = pad.revision();
  computed_noise_ = noise_revision_;
  computed_weights_ = weights_revision;
  computed_code_ = code_revision_;
  ++revision_;
}

// The code of the input. An edit outlives new weights of the same model (training goes on while a
// student drags a bar), but not a new drawing, noise or code size: it means nothing for those.
void PadReconstruction::read_code(bn::Model& model, const bn::Matrix& noisy, bool keep_edit) {
  const bn::Matrix code = model.encode(noisy);
  const bn::Matrix spread = model.code_spread(noisy);
  code_.encoded.assign(code.data(), code.data() + code.size());
  code_.spread.assign(spread.data(), spread.data() + spread.size());
  if (!(keep_edit && code_.edited && code_.values.size() == code_.encoded.size())) {
    code_.values = code_.encoded;
    code_.edited = false;
  }
  const bn::ModelConfig& config = model.config();
  code_.penalty = config.sparsity;
  code_.active.clear();
  if (config.kind == bn::ModelKind::kSparse)
    for (float value : code_.values) code_.active.push_back(bn::unit_fires(config.sparsity, value));
}

void PadReconstruction::set_code_value(int unit, float value) {
  if (unit < 0 || unit >= static_cast<int>(code_.values.size()) || !std::isfinite(value)) return;
  code_.values[unit] = value;
  code_.edited = true;
  if (!code_.active.empty()) code_.active[unit] = bn::unit_fires(code_.penalty, value);
  ++code_revision_;
}

void PadReconstruction::restore_code() {
  if (!code_.edited) return;
  code_.values = code_.encoded;
  code_.edited = false;
  ++code_revision_;
}

int CodeReadout::active_count() const { return static_cast<int>(std::count(active.begin(), active.end(), true)); }

void DrawingPad::describe(StateWriter& out, const bn::Dataset* test) const {
  out.flag("framing", framing_);
  out.number("undoDepth", static_cast<double>(undo_depth()));
  out.number("hiddenPixels", hidden_count_);
  const int shown = test ? shown_test_image() : -1;
  if (shown >= 0) {
    out.number("testImage", shown);
    out.number("testLabel", test->labels[shown]);
  } else {
    out.null("testImage");
    out.null("testLabel");
  }
  out.number("browseLabel", browse_label_);
}

void PadReconstruction::describe(StateWriter& out) const {
  out.begin_object("noise");
  out.text("type", bn::noise_type_name(noise_.type));
  out.number("level", noise_.level);
  out.end_object();
  out.begin_object("psnr");
  out.number("noisy", psnr_noisy_);
  out.number("output", psnr_output_);
  out.number("median", psnr_median_);
  out.end_object();
  out.flag("medianShown", show_median_);
  out.begin_object("code");
  out.begin_array("values");
  for (float value : code_.values) out.number(nullptr, value);
  out.end_array();
  if (code_.active.empty()) out.null("active");
  else out.number("active", code_.active_count());
  out.flag("edited", code_.edited);
  out.end_object();
}

}  // namespace bn_app
