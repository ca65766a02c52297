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

ProbeResult linear_probe(const Matrix& train_features, const std::vector<uint8_t>& train_labels,
                         const Matrix& test_features, const std::vector<uint8_t>& test_labels,
                         const ProbeOptions& options) {
  const Eigen::Index n = train_features.rows(), d = train_features.cols();
  const int classes = options.classes;
  if (n == 0 || static_cast<size_t>(n) != train_labels.size() ||
      static_cast<size_t>(test_features.rows()) != test_labels.size() || test_features.cols() != d)
    throw std::invalid_argument("linear_probe: features and labels do not match");

  // Standardise with the labelled examples' statistics (constant features stay at zero).
  const Eigen::RowVectorXf mean = train_features.colwise().mean();
  Eigen::RowVectorXf spread = ((train_features.rowwise() - mean).array().square().colwise().sum() /
                               static_cast<float>(n)).sqrt();
  spread = spread.unaryExpr([](float s) { return s > 1e-6f ? s : 1.0f; });
  const Matrix x = (train_features.rowwise() - mean).array().rowwise() / spread.array();
  Matrix targets = Matrix::Zero(n, classes);
  for (Eigen::Index i = 0; i < n; ++i) targets(i, train_labels[i]) = 1.0f;

  // Weights [classes, d] and bias [1, classes] in one buffer, trained with full-batch Adam.
  FloatBuffer parameters(static_cast<size_t>(classes) * (d + 1), 0.0f), gradients(parameters.size());
  MatrixMap weight(parameters.data(), classes, d), bias(parameters.data() + classes * d, 1, classes);
  MatrixMap dweight(gradients.data(), classes, d), dbias(gradients.data() + classes * d, 1, classes);
  Adam adam(parameters.size(), AdamOptions{options.learning_rate});
  Matrix probabilities;
  for (int iteration = 0; iteration < options.iterations; ++iteration) {
    probabilities = x * weight.transpose();
    probabilities.rowwise() += bias.row(0);
    for (Eigen::Index i = 0; i < n; ++i) {
      const float top = probabilities.row(i).maxCoeff();
      probabilities.row(i) = (probabilities.row(i).array() - top).exp();
      probabilities.row(i) /= probabilities.row(i).sum();
    }
    const Matrix delta = (probabilities - targets) / static_cast<float>(n);  // softmax cross-entropy
    dweight = delta.transpose() * x + options.weight_decay * weight;
    dbias = delta.colwise().sum();
    adam.step(parameters, gradients);
  }

  const Matrix test_x = (test_features.rowwise() - mean).array().rowwise() / spread.array();
  Matrix scores = test_x * weight.transpose();
  scores.rowwise() += bias.row(0);
  ProbeResult result;
  result.confusion.assign(static_cast<size_t>(classes) * classes, 0);
  int correct = 0;
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    Eigen::Index predicted = 0;
    scores.row(i).maxCoeff(&predicted);
    correct += predicted == test_labels[i];
    ++result.confusion[static_cast<size_t>(test_labels[i]) * classes + predicted];
  }
  result.accuracy = static_cast<float>(correct) / static_cast<float>(std::max<Eigen::Index>(1, scores.rows()));
  return result;
}

}  // namespace bn
