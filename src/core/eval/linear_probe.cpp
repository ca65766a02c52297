#include "core/eval/linear_probe.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/optim/adam.h"
#include "core/random.h"

namespace bn {

std::vector<int> pick_labelled(const std::vector<uint8_t>& labels, int count, uint64_t seed, int classes) {
  if (count <= 0 || count % classes != 0)
    throw std::invalid_argument("the number of labelled examples must be a positive multiple of " +
                                std::to_string(classes));
  std::vector<int> order(labels.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  Random rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);
  const int per_class = count / classes;
  std::vector<int> taken(classes, 0);
  std::vector<int> picked;
  for (int index : order) {
    const int label = labels[index];
    if (label < classes && taken[label] < per_class) {
      ++taken[label];
      picked.push_back(index);
    }
  }
  if (static_cast<int>(picked.size()) != count)
    throw std::invalid_argument("not enough examples of every class to pick " + std::to_string(count));
  std::sort(picked.begin(), picked.end());
  return picked;
}

SoftmaxProbe::SoftmaxProbe(const Matrix& train_features, const std::vector<uint8_t>& train_labels,
                           const ProbeOptions& options)
    : options_(options) {
  const Eigen::Index n = train_features.rows(), d = train_features.cols();
  if (n == 0 || static_cast<size_t>(n) != train_labels.size())
    throw std::invalid_argument("linear_probe: features and labels do not match");
  // Standardise with the labelled examples' statistics (constant features stay at zero).
  mean_ = train_features.colwise().mean();
  spread_ = ((train_features.rowwise() - mean_).array().square().colwise().sum() / static_cast<float>(n)).sqrt();
  spread_ = spread_.unaryExpr([](float s) { return s > 1e-6f ? s : 1.0f; });
  x_ = (train_features.rowwise() - mean_).array().rowwise() / spread_.array();
  targets_ = Matrix::Zero(n, options_.classes);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (train_labels[i] >= options_.classes) throw std::invalid_argument("linear_probe: a label is out of range");
    targets_(i, train_labels[i]) = 1.0f;
  }
  // Weights [classes, d] and bias [1, classes] in one buffer, trained with full-batch Adam.
  parameters_.assign(static_cast<size_t>(options_.classes) * (d + 1), 0.0f);
  gradients_.assign(parameters_.size(), 0.0f);
  adam_ = std::make_unique<Adam>(parameters_.size(), AdamOptions{options_.learning_rate});
}

bool SoftmaxProbe::train(int iterations) {
  const Eigen::Index n = x_.rows(), d = x_.cols();
  const int classes = options_.classes;
  MatrixMap weight(parameters_.data(), classes, d), bias(parameters_.data() + classes * d, 1, classes);
  MatrixMap dweight(gradients_.data(), classes, d), dbias(gradients_.data() + classes * d, 1, classes);
  Matrix probabilities;
  for (int i = 0; i < iterations && !done(); ++i, ++iterations_done_) {
    probabilities = x_ * weight.transpose();
    probabilities.rowwise() += bias.row(0);
    for (Eigen::Index r = 0; r < n; ++r) {
      const float top = probabilities.row(r).maxCoeff();
      probabilities.row(r) = (probabilities.row(r).array() - top).exp();
      probabilities.row(r) /= probabilities.row(r).sum();
    }
    const Matrix delta = (probabilities - targets_) / static_cast<float>(n);  // softmax cross-entropy
    dweight = delta.transpose() * x_ + options_.weight_decay * weight;
    dbias = delta.colwise().sum();
    adam_->step(parameters_, gradients_);
  }
  return done();
}

ProbeResult SoftmaxProbe::evaluate(const Matrix& test_features, const std::vector<uint8_t>& test_labels) const {
  const Eigen::Index d = x_.cols();
  const int classes = options_.classes;
  if (static_cast<size_t>(test_features.rows()) != test_labels.size() || test_features.cols() != d)
    throw std::invalid_argument("linear_probe: test features and labels do not match");
  ConstMatrixMap weight(parameters_.data(), classes, d), bias(parameters_.data() + classes * d, 1, classes);
  const Matrix test_x = (test_features.rowwise() - mean_).array().rowwise() / spread_.array();
  Matrix scores = test_x * weight.transpose();
  scores.rowwise() += bias.row(0);
  ProbeResult result;
  result.confusion.assign(static_cast<size_t>(classes) * classes, 0);
  int correct = 0;
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    Eigen::Index predicted = 0;
    scores.row(i).maxCoeff(&predicted);
    correct += predicted == test_labels[i];
    if (test_labels[i] < classes) ++result.confusion[static_cast<size_t>(test_labels[i]) * classes + predicted];
  }
  result.accuracy = static_cast<float>(correct) / static_cast<float>(std::max<Eigen::Index>(1, scores.rows()));
  return result;
}

ProbeResult linear_probe(const Matrix& train_features, const std::vector<uint8_t>& train_labels,
                         const Matrix& test_features, const std::vector<uint8_t>& test_labels,
                         const ProbeOptions& options) {
  SoftmaxProbe probe(train_features, train_labels, options);
  probe.train(options.iterations);
  return probe.evaluate(test_features, test_labels);
}

}  // namespace bn
