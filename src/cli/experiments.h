// What the CLI's commands share: reading the model options, loading a data set's split, training
// with progress on stderr, and the analyses (anomaly AUROC, linear probe) that the quality table
// and the single commands both run.
#pragma once

#include <memory>
#include <string>

#include "cli/options.h"
#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn_cli {

struct Split {
  std::string name;  // "mnist", "fashion" or "yours"
  bn::Dataset train;
  bn::Dataset test;
};

// "mnist" (the MNIST-10k split of PRODUCT.md) or "fashion" (60,000 / 10,000), from
// $BOTTLENECK_DATA or the build's .deps/data; any other name is a folder or CSV of your own
// (cli/own_dataset.h).
Split load_split(const std::string& name);
// The other data set, used as the anomalies.
std::string other_dataset(const std::string& name);

// The model options every training command accepts, with their help text.
extern const char* const kModelOptionsHelp;
const std::set<std::string>& model_option_names();
// Reads --kind, --hidden, --latent, ... over `base`; the result is validated.
bn::ModelConfig model_config_from(const Options& options, bn::ModelConfig base = {});

// The model saved at --model FILE (required).
std::unique_ptr<bn::Model> load_model_option(const Options& options);
// Throws std::invalid_argument, with bn::estimate_memory's numbers, for a model that would take
// more than three quarters of this machine's memory to train: checked before it is built, as the
// page checks its budget, so a file or a flag cannot make the CLI allocate gigabytes and fail.
void check_memory(const bn::ModelConfig& config);

// --threads N (default: every core). Returns the count in use.
int apply_threads(const Options& options);

// Trains (or fits) with one progress line per epoch on stderr, prefixed by `label`.
void train_with_progress(bn::Model& model, const Split& split, int epochs, const std::string& label);

// AUROC of per-image reconstruction MSE: the split's test images are normal, the other data set's
// test images are anomalies.
double anomaly_auroc(bn::Model& model, const Split& split, const Split& other);

struct ProbeScores {
  float codes = 0;
  float pixels = 0;
};
// Softmax regression on `labels` labelled training examples (labels / 10 per class, seeded),
// on the model's codes and on raw pixels; test-set accuracies.
ProbeScores probe_scores(bn::Model& model, const Split& split, int labels, uint64_t seed);

}  // namespace bn_cli
