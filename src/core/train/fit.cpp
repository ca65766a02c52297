#include "core/train/fit.h"

#include "core/data/batch_iterator.h"
#include "core/models/pca.h"

namespace bn {

void fit(Model& model, const Dataset& train, int epochs, const std::function<void(int)>& after_epoch) {
  if (auto* pca = dynamic_cast<Pca*>(&model)) {
    pca->fit(train.batch_range(0, train.count()));
    if (after_epoch) after_epoch(1);
    return;
  }
  BatchIterator batches(train.count(), model.config().batch_size, model.config().seed);
  std::vector<int> indices;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    while (!batches.next(indices)) model.train_step(train.batch(indices));
    model.train_step(train.batch(indices));
    if (after_epoch) after_epoch(epoch);
  }
}

}  // namespace bn
