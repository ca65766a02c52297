#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace bn {

float mean_squared_error(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) throw std::invalid_argument("mean_squared_error: shapes differ");
  if (a.size() == 0) return 0.0f;
  return static_cast<float>((a - b).cast<double>().array().square().sum() / static_cast<double>(a.size()));
}

std::vector<float> per_image_mse(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) throw std::invalid_argument("per_image_mse: shapes differ");
  std::vector<float> errors(a.rows());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    errors[i] = (a.row(i) - b.row(i)).squaredNorm() / static_cast<float>(a.cols());
  return errors;
}

float psnr(float mse) {
  if (mse <= 0.0f) return std::numeric_limits<float>::infinity();
  return 10.0f * std::log10(1.0f / mse);
}

double auroc(const std::vector<float>& normal, const std::vector<float>& anomalous) {
  if (normal.empty() || anomalous.empty()) throw std::invalid_argument("auroc needs both normal and anomalous scores");
  // Mann–Whitney U from ranks: sort everything, give tied runs their average rank.
  struct Scored {
    float score;
    bool anomalous;
  };
  std::vector<Scored> all;
  all.reserve(normal.size() + anomalous.size());
  for (float s : normal) all.push_back({s, false});
  for (float s : anomalous) all.push_back({s, true});
  std::sort(all.begin(), all.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
  double anomalous_rank_sum = 0;
  for (size_t first = 0; first < all.size();) {
    size_t last = first;
    while (last + 1 < all.size() && all[last + 1].score == all[first].score) ++last;
    const double average_rank = 0.5 * static_cast<double>(first + last) + 1.0;  // ranks start at 1
    for (size_t i = first; i <= last; ++i)
      if (all[i].anomalous) anomalous_rank_sum += average_rank;
    first = last + 1;
  }
  const double n_anomalous = static_cast<double>(anomalous.size()), n_normal = static_cast<double>(normal.size());
  const double u = anomalous_rank_sum - n_anomalous * (n_anomalous + 1) / 2;
  return u / (n_anomalous * n_normal);
}

std::vector<RocPoint> roc_curve(const std::vector<float>& normal, const std::vector<float>& anomalous) {
  if (normal.empty() || anomalous.empty())
    throw std::invalid_argument("roc_curve needs both normal and anomalous scores");
  std::vector<std::pair<float, bool>> all;
  for (float s : normal) all.push_back({s, false});
  for (float s : anomalous) all.push_back({s, true});
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<RocPoint> curve{{std::numeric_limits<float>::infinity(), 0.0f, 0.0f}};
  size_t false_positives = 0, true_positives = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    (all[i].second ? true_positives : false_positives) += 1;
    // One point per distinct score: tied scores cross the threshold together.
    if (i + 1 < all.size() && all[i + 1].first == all[i].first) continue;
    curve.push_back({all[i].first, static_cast<float>(false_positives) / static_cast<float>(normal.size()),
                     static_cast<float>(true_positives) / static_cast<float>(anomalous.size())});
  }
  return curve;
}

float best_threshold(const std::vector<float>& normal, const std::vector<float>& anomalous) {
  const std::vector<RocPoint> curve = roc_curve(normal, anomalous);
  size_t best = 1;
  for (size_t i = 1; i < curve.size(); ++i)
    if (curve[i].true_positive_rate - curve[i].false_positive_rate >
        curve[best].true_positive_rate - curve[best].false_positive_rate)
      best = i;
  // Midway to the next lower score, so the chosen score itself counts as an anomaly.
  const float lower = best + 1 < curve.size() ? curve[best + 1].threshold : curve[best].threshold;
  return 0.5f * (curve[best].threshold + lower);
}

float active_fraction(const Matrix& codes, float threshold) {
  if (codes.size() == 0) return 0.0f;
  return static_cast<float>((codes.array().abs() > threshold).count()) / static_cast<float>(codes.size());
}

bool unit_fires(SparsityPenalty penalty, float value) {
  return penalty == SparsityPenalty::kL1 ? std::abs(value) > 0.01f : value > 0.5f;
}

}  // namespace bn
