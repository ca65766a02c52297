// Trains a model for whole epochs on a data set, on the calling thread: the CLI's and the tests'
// way to train (the app uses the Trainer, which runs in the background and publishes snapshots).
//
//   bn::fit(*model, train, 20, [&](int epoch) { log(epoch, bn::evaluate(*model, test)); });
#pragma once

#include <functional>
#include <stdexcept>

#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn {

// Thrown by fit() when a run diverges (see DivergenceGuard); what() says where, why, and what to try.
struct TrainingDiverged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Mini-batches shuffled from the model's seed, as the Trainer draws them. PCA is fitted once on
// every image instead, whatever `epochs` says. `after_epoch(epoch)` counts from 1; it may be empty.
// Throws TrainingDiverged, leaving the model as it was when it diverged.
void fit(Model& model, const Dataset& train, int epochs, const std::function<void(int)>& after_epoch = {});

}  // namespace bn
