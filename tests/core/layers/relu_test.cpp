// ReLU's backward pass goes a SIMD packet at a time with a scalar tail; both must pass the gradient
// exactly where the input is positive and give +0 elsewhere (at 0, -0 and NaN too, as PyTorch).
#include "core/layers/relu.h"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

TEST_CASE("relu backward: dy where x > 0, +0 elsewhere, in the packets and the tail", "[layers]") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inputs[] = {1.5f, -2.0f, 0.0f, -0.0f, nan, 1e-30f, -1e-30f, 3.0f};
  // 37 elements: several packets of any width (4 in WASM, up to 16 natively) and a tail.
  bn::Matrix x(1, 37), dy(1, 37);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    x(0, i) = inputs[i % 8];
    dy(0, i) = -0.25f * static_cast<float>(i + 1);
  }
  bn::Matrix dx;
  bn::relu_backward(x, dy, dx);
  REQUIRE(dx.rows() == 1);
  REQUIRE(dx.cols() == 37);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    INFO("element " << i << ": x " << x(0, i));
    if (x(0, i) > 0.0f) {
      CHECK(dx(0, i) == dy(0, i));
    } else {
      CHECK(dx(0, i) == 0.0f);
      CHECK_FALSE(std::signbit(dx(0, i)));
    }
  }
}
