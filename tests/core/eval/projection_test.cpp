// The latent scatter's 2-D view: identity for 2-D codes, principal directions otherwise.
#include "core/eval/projection.h"

#include <catch2/catch.hpp>

#include "core/random.h"

TEST_CASE("2-D projection: codes of two numbers are shown as they are", "[projection]") {
  bn::Matrix codes(3, 2);
  codes << 1, 2, -3, 4, 0.5f, -1;
  const bn::Projection2d view = bn::fit_projection_2d(codes);
  CHECK(view.project(codes) == codes);
  CHECK(view.unproject(0.25f, -2.0f) == (bn::Matrix(1, 2) << 0.25f, -2.0f).finished());
}

TEST_CASE("2-D projection: wider codes go onto their two main directions, and back", "[projection]") {
  // Codes spread mostly along e0 + e1, then along e2, in 5-D, around an offset.
  bn::Random rng(6);
  bn::Matrix codes(400, 5);
  for (Eigen::Index i = 0; i < codes.rows(); ++i) {
    const float a = 4.0f * rng.normal(), b = 1.5f * rng.normal();
    codes.row(i) << a + 1, a + 1, b, 0.01f * rng.normal(), 2;
  }
  const bn::Projection2d view = bn::fit_projection_2d(codes);
  CHECK(std::abs(view.basis(0, 0)) == Approx(std::sqrt(0.5f)).margin(1e-3));
  CHECK(std::abs(view.basis(1, 2)) == Approx(1.0f).margin(1e-3));
  CHECK(view.basis(0, 0) > 0);  // signs fixed: the largest entry is positive
  const bn::Matrix xy = view.project(codes);
  const bn::Matrix back = view.unproject(xy(7, 0), xy(7, 1));
  CHECK((back - codes.row(7)).cwiseAbs().maxCoeff() < 0.05f);
  CHECK_THROWS(bn::fit_projection_2d(bn::Matrix(1, 5)));
}

TEST_CASE("2-D projection: any two principal directions can be chosen", "[projection]") {
  // Variance along e0 (9) > e2 (4) > e1 (1) > e3 (tiny), in 4-D.
  bn::Random rng(7);
  bn::Matrix codes(600, 4);
  for (Eigen::Index i = 0; i < codes.rows(); ++i)
    codes.row(i) << 3.0f * rng.normal(), rng.normal(), 2.0f * rng.normal(), 0.01f * rng.normal();
  const bn::Projection2d second_and_third = bn::fit_projection_2d(codes, 1, 2);
  CHECK(std::abs(second_and_third.basis(0, 2)) == Approx(1.0f).margin(0.02));  // second: e2
  CHECK(std::abs(second_and_third.basis(1, 1)) == Approx(1.0f).margin(0.02));  // third: e1
  const bn::Projection2d swapped = bn::fit_projection_2d(codes, 2, 0);
  CHECK(std::abs(swapped.basis(0, 1)) == Approx(1.0f).margin(0.02));
  CHECK(std::abs(swapped.basis(1, 0)) == Approx(1.0f).margin(0.02));
  CHECK_THROWS_WITH(bn::fit_projection_2d(codes, 0, 4), Catch::Contains("does not exist"));
  CHECK_THROWS(bn::fit_projection_2d(codes, -1, 1));
}
