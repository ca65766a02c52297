#include "core/train/fit.h"

#include <cstdio>
#include <string>

#include "core/data/batch_iterator.h"
#include "core/models/pca.h"
#include "core/train/divergence_guard.h"

namespace bn {

void fit(Model& model, const Dataset& train, int epochs, const std::function<void(int)>& after_epoch) {
  if (auto* pca = dynamic_cast<Pca*>(&model)) {
    pca->fit(train.batch_range(0, train.count()));
    if (after_epoch) after_epoch(1);
    return;
  }
  BatchIterator batches(train.count(), model.config().batch_size, model.config().seed);
  std::vector<int> indices;
  DivergenceGuard guard;
  long step = 0;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    bool epoch_ended = false;
    while (!epoch_ended) {
      epoch_ended = batches.next(indices);
      ++step;
      const std::string why = guard.check(model.train_step(train.batch(indices)));
      if (!why.empty()) {
        char learning_rate[32];
        std::snprintf(learning_rate, sizeof learning_rate, "%g", model.config().learning_rate);
        throw TrainingDiverged("training diverged in epoch " + std::to_string(epoch) + ", at step " +
                               std::to_string(step) + ": " + why + ". Try a lower learning rate than " + learning_rate +
                               ".");
      }
    }
    if (after_epoch) after_epoch(epoch);
  }
}

}  // namespace bn
