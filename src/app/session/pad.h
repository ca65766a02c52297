// The pad pipeline, in two owners:
//   DrawingPad         the drawing as made (ink, the hidden mask, undo) → MNIST framing → the
//                      28×28 clean `pixels()` the model is given, and the test images browsed
//                      onto it;
//   PadReconstruction  those pixels → the noise → the model's output → the error map and PSNR.
//
//   pad.stroke(BrushTool::kInk, x0, y0, x1, y1);    // in pad pixels, one call per pointer move
//   rebuild.update(pad, model, weights_revision, pca);  // recomputes only when something moved
//   rebuild.psnr_output();
#pragma once

#include <cstdint>
#include <vector>

#include "app/session/drawing.h"
#include "app/session/state_writer.h"
#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn_app {

constexpr int kPadSide = 28;

class DrawingPad {
 public:
  DrawingPad();

  // Drawing. begin_stroke remembers the page for undo (one step per stroke); each segment is in
  // pad pixels (0..28), `pressure` in (0, 1] scales the ink.
  void begin_stroke();
  void stroke(BrushTool tool, float x0, float y0, float x1, float y1, float pressure);
  void clear();
  void clear_hidden();  // "Show all": unhides, undoably
  bool undo();          // false when there is nothing to undo
  size_t undo_depth() const { return drawing_.history.size(); }
  void load_image(const float* pixels);  // a 28×28 image, undoably
  void set_framing(bool on);             // MNIST framing of what the model is given
  bool framing() const { return framing_; }

  // What the pad shows (the drawing as made), and what the model is given: the same pixels, or
  // MNIST-framed. The hidden mask is framed like `pixels()`, so it covers what was painted over.
  const std::vector<float>& drawn() const { return drawn_; }
  const std::vector<float>& pixels() const { return pixels_; }
  const std::vector<float>& hidden() const { return hidden_; }
  const std::vector<float>& hidden_as_drawn() const { return drawing_.page.hidden; }
  int hidden_count() const { return hidden_count_; }
  bool empty() const;
  // Moves on with every change to pixels() or hidden().
  uint64_t revision() const { return revision_; }

  // "Pick a test image": the next (step 1) or previous (step -1) test image of the chosen class,
  // wrapping around, or a random one; each goes on the pad, undoably.
  void browse(const bn::Dataset& test, int step);
  void random_test_image(const bn::Dataset& test);
  // The test image the pad shows, or -1 when it shows a drawing (or an edited test image).
  int shown_test_image() const { return browsed_revision_ == revision_ ? browsed_ : -1; }
  int browse_label() const { return browse_label_; }  // -1: any class
  void set_browse_label(int label) { browse_label_ = label; }
  // Another data set: the index of a browsed image means nothing there.
  void forget_browsing() { browsed_ = -1; }

  // framing, undoDepth, hiddenPixels, and the test image shown (testImage, testLabel: null for a
  // drawing) with the class browsing keeps to (browseLabel).
  void describe(StateWriter& out, const bn::Dataset* test) const;

 private:
  void changed();
  void load_test_image(const bn::Dataset& test, int index);
  bool in_browsed_class(const bn::Dataset& test, int index) const;

  Drawing drawing_;
  bool framing_ = false;
  std::vector<float> drawn_, pixels_, hidden_;
  int hidden_count_ = 0;
  uint64_t revision_ = 1;
  int browsed_ = -1;               // index in the test split; -1 before the first
  uint64_t browsed_revision_ = 0;  // the pad still shows it while revision_ is this
  int browse_label_ = -1;
  uint32_t random_draws_ = 0;
};

// The code the noisy drawing becomes: what the Code strip under the reconstruction shows, and what
// a student can change by hand.
struct CodeReadout {
  std::vector<float> encoded;  // the encoder's output (the VAE's μ)
  std::vector<float> values;   // what the decoder is given: `encoded`, or the user's edit of it
  std::vector<float> spread;   // the VAE's σ for each unit; empty for the other kinds
  std::vector<bool> active;    // a sparse model's firing units (bn::unit_fires); empty for the others
  bn::SparsityPenalty penalty = bn::SparsityPenalty::kL1;  // a sparse model's, which says what firing is
  bool edited = false;
  int active_count() const;
};

class PadReconstruction {
 public:
  PadReconstruction();

  // Throws std::invalid_argument for a level the noise type does not allow.
  void set_noise(const bn::Noise& noise);
  const bn::Noise& noise() const { return noise_; }

  // The pad through the noise (and its hidden pixels), and the model's output from that: done
  // again only when the pad, the noise or the weights moved on. PCA's rebuild of the same input
  // is scored beside it, when there is a PCA.
  void update(const DrawingPad& pad, bn::Model& model, uint64_t weights_revision, bn::Model* pca);
  // The next update recomputes, whatever moved: another model, or another data set. A code edited
  // by hand goes too.
  void invalidate() {
    computed_weights_ = ~0ull;
    code_.edited = false;
  }

  const std::vector<float>& noisy() const { return noisy_; }
  const std::vector<float>& output() const { return output_; }
  const std::vector<float>& error_map() const { return error_map_; }  // |output − pad|
  // The classical baseline beside the model: a 3×3 median filter of the same noisy input.
  const std::vector<float>& median() const { return median_; }
  float psnr_median() const { return psnr_median_; }
  // The Noise panel shows the median filter beside the model.
  bool show_median() const { return show_median_; }
  void set_show_median(bool show) { show_median_ = show; }
  float psnr_noisy() const { return psnr_noisy_; }  // against the clean pad, in dB (inf: identical)
  float psnr_output() const { return psnr_output_; }
  float psnr_pca() const { return psnr_pca_; }  // NaN without a PCA
  // Moves on with every new output.
  uint64_t revision() const { return revision_; }

  const CodeReadout& code() const { return code_; }
  // Sets one unit of the code the decoder is given; the output follows at the next update. New
  // weights keep the edit; a new drawing, noise or code size starts from its encoded code again.
  void set_code_value(int unit, float value);
  // "Back to my drawing": the encoded code, and the output exactly as before the edit.
  void restore_code();

  // noise: {type, level}, psnr: {noisy, output, median}, medianShown and code: {values, active (the
  // firing units of a sparse code, else null), edited}.
  void describe(StateWriter& out) const;

 private:
  bn::Noise noise_;
  uint64_t noise_revision_ = 1;
  void read_code(bn::Model& model, const bn::Matrix& noisy, bool keep_edit);

  std::vector<float> noisy_, output_, error_map_, median_;
  CodeReadout code_;
  uint64_t code_revision_ = 0, computed_code_ = 0;
  float psnr_noisy_ = 0.0f, psnr_output_ = 0.0f, psnr_pca_ = 0.0f, psnr_median_ = 0.0f;
  bool show_median_ = false;
  uint64_t computed_pad_ = 0, computed_noise_ = 0, computed_weights_ = ~0ull;
  uint64_t revision_ = 0;
};

}  // namespace bn_app
