// Measures of how well a model does, as the quality table and the app report them.
//
//   float m = bn::mean_squared_error(output, clean);   // per pixel, over the whole set
//   float db = bn::psnr(m);                            // 10·log10(1 / MSE), pixels in [0, 1]
//   double auc = bn::auroc(normal_scores, anomaly_scores);
#pragma once

#include <vector>

#include "core/models/model_config.h"
#include "core/tensor.h"

namespace bn {

float mean_squared_error(const Matrix& a, const Matrix& b);
// The MSE of each row (each image).
std::vector<float> per_image_mse(const Matrix& a, const Matrix& b);
// 10·log10(1 / mse) in dB; infinite for a perfect reconstruction.
float psnr(float mse);
// The area under the ROC curve for "anomaly scores higher than normal": the probability that a
// random anomaly scores above a random normal sample, ties counting one half (average ranks).
// Throws std::invalid_argument if either set is empty.
double auroc(const std::vector<float>& normal, const std::vector<float>& anomalous);
struct RocPoint {
  float threshold;  // scores above it are called anomalies
  float false_positive_rate;
  float true_positive_rate;
};
// The ROC curve, from (0, 0) (threshold above every score) to (1, 1), one point per distinct score.
std::vector<RocPoint> roc_curve(const std::vector<float>& normal, const std::vector<float>& anomalous);
// The threshold that best separates the two (largest TPR − FPR, Youden's J); `normal` and
// `anomalous` must not be empty.
float best_threshold(const std::vector<float>& normal, const std::vector<float>& anomalous);

// The share of code units whose magnitude is above `threshold`, over every unit of every row.
float active_fraction(const Matrix& codes, float threshold = 0.01f);

// A sparse model's code unit is firing. With the L1 penalty the code is a ReLU's, exactly 0 when
// silent: |h| > 0.01, active_fraction's rule. With the KL penalty it is a sigmoid's, which idles
// near its target ρ (0.05) rather than at 0: it fires when above one half, where its input turns
// positive.
bool unit_fires(SparsityPenalty penalty, float value);

}  // namespace bn
