// Conv2d against a direct loop over PyTorch's definition, and ConvTranspose2d as its adjoint.
// (gradcheck.cpp proves each layer's backward matches its forward; these prove the forwards
// compute the right thing.)
#include <catch2/catch.hpp>

#include "core/layers/conv2d.h"
#include "core/layers/conv_transpose2d.h"

namespace {

bn::Matrix random_matrix(bn::Random& rng, int rows, int cols) {
  bn::Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal();
  return m;
}

}  // namespace

TEST_CASE("conv2d: matches a direct convolution loop", "[layers][conv]") {
  const bn::ConvShape shape{2, 7, 6, 3, 3, 2, 1};  // C=2, 7x6 image, OC=3, K=3, stride 2, padding 1
  bn::ParameterArena arena;
  bn::Conv2d conv(arena, "conv", shape);
  arena.allocate();
  bn::Random rng(5);
  conv.initialize(arena, rng, bn::Init::kTorchDefault);
  const int batch = 2;
  bn::Matrix x = random_matrix(rng, batch, 2 * 7 * 6);
  bn::Matrix y;
  conv.forward(arena, x, y);
  const int oh = conv.out_height(), ow = conv.out_width();
  REQUIRE(oh == 4);  // floor((7 + 2 - 3) / 2) + 1
  REQUIRE(ow == 3);
  REQUIRE(y.cols() == 3 * oh * ow);

  const float* w = arena.values().data() + arena.tensors()[0].ref.offset;  // [3, 2, 3, 3]
  const float* b = arena.values().data() + arena.tensors()[1].ref.offset;
  for (int n = 0; n < batch; ++n)
    for (int o = 0; o < 3; ++o)
      for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j) {
          double expected = b[o];
          for (int c = 0; c < 2; ++c)
            for (int ki = 0; ki < 3; ++ki)
              for (int kj = 0; kj < 3; ++kj) {
                int r = i * 2 - 1 + ki, s = j * 2 - 1 + kj;
                if (r < 0 || r >= 7 || s < 0 || s >= 6) continue;
                expected += static_cast<double>(w[((o * 2 + c) * 3 + ki) * 3 + kj]) * x(n, (c * 7 + r) * 6 + s);
              }
          REQUIRE(y(n, (o * oh + i) * ow + j) == Approx(expected).margin(1e-5));
        }
}

TEST_CASE("conv_transpose2d: is the adjoint of conv2d with the same weights", "[layers][conv]") {
  // The decoder's shape: 7x7 -> 14x14 with K=3, stride 2, padding 1, output_padding 1.
  bn::ParameterArena conv_arena, deconv_arena;
  bn::Conv2d conv(conv_arena, "conv", bn::ConvShape{4, 14, 14, 5, 3, 2, 1});
  bn::ConvTranspose2d deconv(deconv_arena, "deconv", bn::ConvShape{5, 7, 7, 4, 3, 2, 1, 1});
  conv_arena.allocate();
  deconv_arena.allocate();
  REQUIRE(conv.out_height() == 7);
  REQUIRE(deconv.out_height() == 14);
  REQUIRE(deconv.out_width() == 14);

  // Conv2d's weight is [OC=5, C=4, 3, 3]; ConvTranspose2d's is [in=5, out=4, 3, 3]: the same numbers.
  bn::Random rng(9);
  for (float& v : conv_arena.values()) v = rng.normal();
  for (size_t i = 0; i < conv_arena.tensors()[0].ref.size(); ++i)
    deconv_arena.values()[deconv_arena.tensors()[0].ref.offset + i] =
        conv_arena.values()[conv_arena.tensors()[0].ref.offset + i];
  // Zero biases: the identity holds for the linear part.
  const bn::ParameterRef conv_bias = conv_arena.tensors()[1].ref;
  std::fill_n(conv_arena.values().data() + conv_bias.offset, conv_bias.size(), 0.0f);

  bn::Matrix x = random_matrix(rng, 3, 4 * 14 * 14);
  bn::Matrix y = random_matrix(rng, 3, 5 * 7 * 7);
  bn::Matrix conv_x, deconv_y;
  conv.forward(conv_arena, x, conv_x);
  deconv.forward(deconv_arena, y, deconv_y);
  const double lhs = (conv_x.cast<double>().array() * y.cast<double>().array()).sum();
  const double rhs = (x.cast<double>().array() * deconv_y.cast<double>().array()).sum();
  REQUIRE(lhs == Approx(rhs).epsilon(1e-5));
}

TEST_CASE("conv layers: impossible shapes get a clear error", "[layers][conv]") {
  bn::ParameterArena arena;
  CHECK_THROWS_WITH(bn::Conv2d(arena, "enc.0", bn::ConvShape{1, 2, 2, 4, 5, 1, 0}),
                    Catch::Contains("impossible geometry"));
  CHECK_THROWS_WITH(bn::ConvTranspose2d(arena, "dec.0", bn::ConvShape{1, 7, 7, 1, 3, 2, 1, 2}),
                    Catch::Contains("output_padding"));
}
