// What every tab's computed view is computed from, and when it is due again.
//
// Each view (training grid, latent map, samples, interpolation, anomaly scores, probes,
// compression) is refreshed by the session only while its tab is open, and then only when one of
// its inputs moved on: the weights (at most every few tenths of a second while training), the
// data, the drawing, or a choice made in the tab.
#pragma once

#include <cstdint>
#include <vector>

#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn_app {

class DrawingPad;
class PadReconstruction;

struct ViewInputs {
  bn::Model& model;           // the viewer: the trainer's latest weights
  uint64_t weights_revision;  // moves on with each new set of weights, and a new model
  const bn::ModelConfig& config;
  bool training;
  const bn::Dataset& train;
  const bn::Dataset& test;
  const bn::Dataset* anomalies;  // the other data set's test images; null until they are in
  bn::Model* pca;                // the pretrained PCA-32 baseline; null without one
  const DrawingPad& pad;
  const PadReconstruction& rebuild;  // the pad through the noise, and the model's output
  double now;                        // seconds
};

// When a view was last computed: again when the weights have moved on, but at most every
// `interval` seconds, so a training model does not make every frame redo it.
struct Throttle {
  uint64_t revision = 0;  // the weights it was computed for
  double at = -1.0;       // seconds
  bool due(uint64_t weights_revision, double now, double interval) const {
    return revision != weights_revision && now - at >= interval;
  }
  void mark(uint64_t weights_revision, double now) {
    revision = weights_revision;
    at = now;
  }
  // Due at the next refresh, whatever the weights and the interval.
  void invalidate() {
    revision = ~0ull;
    at = -1.0;
  }
};

constexpr int kImageSide = 28;

// Tiles images (rows of 28×28), `columns` to a row, into one image columns·28 wide, row by row.
void tile_images(const bn::Matrix& images, int columns, std::vector<float>& out);

}  // namespace bn_app
