#include "core/random.h"

#include <catch2/catch.hpp>

TEST_CASE("random: the same seed gives the same numbers, and the draws are well spread", "[random]") {
  bn::Random a(42);
  bn::Random b(42);
  bn::Random c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    uint32_t x = a.next_u32();
    REQUIRE(x == b.next_u32());
    differs |= x != c.next_u32();
  }
  REQUIRE(differs);

  bn::Random rng(1);
  const int n = 200000;
  double sum = 0, sum_sq = 0, uniform_sum = 0;
  int below_hits[7] = {};
  int uniform_out_of_range = 0;
  for (int i = 0; i < n; ++i) {
    double z = rng.normal();
    sum += z;
    sum_sq += z * z;
    float u = rng.uniform();
    uniform_out_of_range += (u < 0.0f || u >= 1.0f);
    uniform_sum += u;
    ++below_hits[rng.below(7)];
  }
  REQUIRE(uniform_out_of_range == 0);
  CHECK(sum / n == Approx(0.0).margin(0.01));
  CHECK(sum_sq / n == Approx(1.0).margin(0.02));
  CHECK(uniform_sum / n == Approx(0.5).margin(0.01));
  for (int hits : below_hits) CHECK(hits == Approx(n / 7.0).epsilon(0.03));
}
