// The analysis metrics on cases worked by hand.
#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "core/eval/linear_probe.h"
#include "core/random.h"

TEST_CASE("PSNR is 10·log10(1/MSE)", "[metrics]") {
  CHECK(bn::psnr(0.01f) == Approx(20.0f));
  CHECK(bn::psnr(1.0f) == Approx(0.0f));
  CHECK(std::isinf(bn::psnr(0.0f)));
  const bn::Matrix a = bn::Matrix::Constant(2, 2, 0.5f), b = bn::Matrix::Constant(2, 2, 0.6f);
  CHECK(bn::mean_squared_error(a, b) == Approx(0.01f));
  const std::vector<float> per_image = bn::per_image_mse(a, b);
  REQUIRE(per_image.size() == 2);
  CHECK(per_image[1] == Approx(0.01f));
}

TEST_CASE("AUROC: perfect, reversed, chance and ties counting one half", "[metrics]") {
  CHECK(bn::auroc({1, 2, 3}, {4, 5}) == Approx(1.0));
  CHECK(bn::auroc({4, 5}, {1, 2, 3}) == Approx(0.0));
  CHECK(bn::auroc({1, 1}, {1, 1}) == Approx(0.5));
  // Pairs (normal, anomaly): (1,2) win, (1,3) win, (2,2) tie, (2,3) win, (3,2) loss, (3,3) tie -> 4/6
  CHECK(bn::auroc({1, 2, 3}, {2, 3}) == Approx(4.0 / 6.0));
  CHECK_THROWS(bn::auroc({}, {1}));
}

TEST_CASE("active fraction counts code units above the threshold", "[metrics]") {
  bn::Matrix codes(2, 4);
  codes << 0, 0.5f, 0, 0.001f, 2, 0, 0, 1;
  CHECK(bn::active_fraction(codes) == Approx(3.0f / 8.0f));
}

TEST_CASE("few-label picks are balanced and seeded; the probe separates separable classes", "[metrics][probe]") {
  std::vector<uint8_t> labels;
  for (int i = 0; i < 300; ++i) labels.push_back(static_cast<uint8_t>(i % 3 == 0 ? i % 10 : (i * 7) % 10));
  const std::vector<int> picked = bn::pick_labelled(labels, 50, 1);
  CHECK(picked.size() == 50);
  std::vector<int> per_class(10, 0);
  for (int i : picked) ++per_class[labels[i]];
  CHECK(std::all_of(per_class.begin(), per_class.end(), [](int n) { return n == 5; }));
  CHECK(bn::pick_labelled(labels, 50, 1) == picked);
  CHECK(bn::pick_labelled(labels, 50, 2) != picked);
  CHECK_THROWS_WITH(bn::pick_labelled(labels, 55, 1), Catch::Contains("multiple of 10"));

  // Class c sits at +4 on feature c, with noise: a linear probe gets (nearly) all of them.
  bn::Random rng(3);
  auto make = [&](int n, std::vector<uint8_t>& y) {
    bn::Matrix x(n, 12);
    for (int i = 0; i < n; ++i) {
      y.push_back(static_cast<uint8_t>(i % 10));
      for (int j = 0; j < 12; ++j) x(i, j) = rng.normal() + (j == i % 10 ? 4.0f : 0.0f);
    }
    return x;
  };
  std::vector<uint8_t> train_y, test_y;
  const bn::Matrix train_x = make(100, train_y), test_x = make(500, test_y);
  const bn::ProbeResult result = bn::linear_probe(train_x, train_y, test_x, test_y);
  CHECK(result.accuracy > 0.9f);
  int total = 0;
  for (int n : result.confusion) total += n;
  CHECK(total == 500);
}

TEST_CASE("ROC curve and the best threshold", "[metrics]") {
  const std::vector<float> normal = {0.1f, 0.2f, 0.3f}, anomalous = {0.25f, 0.4f, 0.5f};
  const std::vector<bn::RocPoint> curve = bn::roc_curve(normal, anomalous);
  REQUIRE(curve.size() == 7);
  CHECK(curve.front().false_positive_rate == 0.0f);
  CHECK(curve.back().false_positive_rate == 1.0f);
  CHECK(curve.back().true_positive_rate == 1.0f);
  CHECK(curve[2].threshold == 0.4f);
  CHECK(curve[2].true_positive_rate == Approx(2.0f / 3.0f));
  CHECK(curve[2].false_positive_rate == 0.0f);
  // Above 0.3 catches two anomalies and no normal; above 0.2 all three anomalies and one normal.
  const float threshold = bn::best_threshold(normal, anomalous);
  CHECK(threshold > 0.2f);
  CHECK(threshold < 0.4f);
}

TEST_CASE("a sparse unit fires above 0.01 with L1, above one half with the KL target", "[metrics]") {
  CHECK(bn::unit_fires(bn::SparsityPenalty::kL1, 0.02f));
  CHECK_FALSE(bn::unit_fires(bn::SparsityPenalty::kL1, 0.005f));
  CHECK_FALSE(bn::unit_fires(bn::SparsityPenalty::kL1, 0.0f));
  CHECK_FALSE(bn::unit_fires(bn::SparsityPenalty::kKl, 0.05f));  // idling at the target ρ
  CHECK(bn::unit_fires(bn::SparsityPenalty::kKl, 0.7f));
}
