// The few-label linear probe: how useful a representation is when labels are scarce. A softmax
// regression is trained on N labelled examples (N/10 of each class) and scored on the test set;
// run it on a model's codes and on raw pixels to compare them.
//
//   std::vector<int> picked = bn::pick_labelled(train.labels, 100, seed);   // 10 per class
//   bn::ProbeResult codes = bn::linear_probe(train_codes(picked), labels(picked), test_codes, test_labels);
//
// Features are standardised with the labelled examples' own mean and spread, and the weights get
// a little L2 decay, so the probe behaves the same on codes and on pixels whatever their scale.
// Training is full-batch and deterministic: the same inputs give the same accuracy.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/optim/adam.h"
#include "core/tensor.h"

namespace bn {

struct ProbeOptions {
  int classes = 10;
  int iterations = 300;
  float learning_rate = 0.05f;
  float weight_decay = 1e-2f;
};

struct ProbeResult {
  float accuracy = 0;          // on the test set
  std::vector<int> confusion;  // classes × classes, row = true label, column = predicted
};

// Indices of `count` examples, count / classes of each class, chosen by a seeded shuffle.
// Throws std::invalid_argument if a class has too few examples.
std::vector<int> pick_labelled(const std::vector<uint8_t>& labels, int count, uint64_t seed, int classes = 10);

// The probe as an object, for callers that train it a few iterations at a time (the app, between
// frames); linear_probe() below is this, run to the end in one go.
class SoftmaxProbe {
 public:
  SoftmaxProbe(const Matrix& train_features, const std::vector<uint8_t>& train_labels,
               const ProbeOptions& options = {});
  // Up to `iterations` more full-batch Adam steps; returns true once all options.iterations are done.
  bool train(int iterations);
  bool done() const { return iterations_done_ >= options_.iterations; }
  ProbeResult evaluate(const Matrix& test_features, const std::vector<uint8_t>& test_labels) const;

 private:
  ProbeOptions options_;
  Eigen::RowVectorXf mean_, spread_;
  Matrix x_, targets_;
  FloatBuffer parameters_, gradients_;
  std::unique_ptr<Adam> adam_;
  int iterations_done_ = 0;
};

ProbeResult linear_probe(const Matrix& train_features, const std::vector<uint8_t>& train_labels,
                         const Matrix& test_features, const std::vector<uint8_t>& test_labels,
                         const ProbeOptions& options = {});

}  // namespace bn
