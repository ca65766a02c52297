// Every layer and loss, checked against central finite differences, from one table.
// A new layer or loss is untested until it has a row here.
//
// Whole models get a row too: their hand-written glue (the VAE's reparameterisation, the sparse
// penalty on the code, the corrupted input of the denoiser) is checked end to end.
//
// For a layer, the scalar checked is L = Σ R ⊙ layer(x) for a fixed random R, so the analytic
// gradients are backward(R); both the input gradient and every parameter gradient are compared.
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/layers/conv2d.h"
#include "core/layers/conv_transpose2d.h"
#include "core/layers/dense.h"
#include "core/layers/leaky_relu.h"
#include "core/layers/relu.h"
#include "core/layers/reshape.h"
#include "core/layers/sigmoid.h"
#include "core/layers/tanh.h"
#include "core/losses/bce.h"
#include "core/losses/gaussian_kl.h"
#include "core/losses/kl_sparsity.h"
#include "core/losses/l1_penalty.h"
#include "core/losses/mse.h"
#include "core/losses/reconstruction.h"
#include "core/models/model.h"

namespace {

using bn::Matrix;

constexpr float kEpsilon = 5e-3f;
// A whole model's loss is a float mean over many terms: its rounding, divided by a step of 5e-3,
// is a few per cent of the small gradients deep in the conv AE. A step of 1e-2 halves that, while
// the curvature's error stays far below it (at 4e-2 the L1 penalty's kinks start to show).
constexpr float kModelEpsilon = 1e-2f;

Matrix random_matrix(bn::Random& rng, int rows, int cols, float scale) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = scale * rng.normal();
  return m;
}

// ReLU has a kink at 0; keep inputs a few epsilons away so the difference quotient is valid.
void push_away_from_zero(Matrix& m) {
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    float& v = m.data()[i];
    if (std::abs(v) < 0.05f) v = v < 0 ? -0.05f : 0.05f;
  }
}

void expect_close(const std::string& what, double analytic, double numeric) {
  double tolerance = 2e-3 + 2e-2 * std::max(std::abs(analytic), std::abs(numeric));
  INFO(what << ": analytic " << analytic << ", numeric " << numeric);
  CHECK(std::abs(analytic - numeric) <= tolerance);
}

// Compares d(scalar)/d(values[i]) for every element of `values` with `analytic`.
void check_elements(const std::string& what, float* values, const float* analytic, size_t count,
                    const std::function<double()>& scalar) {
  for (size_t i = 0; i < count; ++i) {
    float saved = values[i];
    values[i] = saved + kEpsilon;
    double plus = scalar();
    values[i] = saved - kEpsilon;
    double minus = scalar();
    values[i] = saved;
    expect_close(what + "[" + std::to_string(i) + "]", analytic[i], (plus - minus) / (2.0 * kEpsilon));
  }
}

struct LayerCase {
  std::string name;
  int in_features;
  std::function<std::unique_ptr<bn::Layer>(bn::ParameterArena&)> make;
  bool skips_input_gradient = false;  // as a model's first layer (Layer::backward_parameters_only)
};

// A loss or penalty as a function of one matrix (targets and hyper-parameters are bound in).
struct LossCase {
  std::string name;
  std::function<Matrix(bn::Random&)> make_input;
  std::function<float(const Matrix&)> forward;
  std::function<void(const Matrix&, Matrix&)> backward;
};

const std::vector<LayerCase>& layer_cases() {
  static const std::vector<LayerCase> cases = {
      {"dense", 7, [](bn::ParameterArena& a) { return std::make_unique<bn::Dense>(a, "dense", 7, 5); }, true},
      {"relu", 6, [](bn::ParameterArena&) { return std::make_unique<bn::ReLU>(); }},
      {"sigmoid", 6, [](bn::ParameterArena&) { return std::make_unique<bn::Sigmoid>(); }},
      {"leaky_relu", 6, [](bn::ParameterArena&) { return std::make_unique<bn::LeakyReLU>(0.1f); }},
      {"tanh", 6, [](bn::ParameterArena&) { return std::make_unique<bn::Tanh>(); }},
      {"reshape", 12,
       [](bn::ParameterArena&) {
         return std::make_unique<bn::Reshape>(std::vector<int>{3, 2, 2});
       }},
      // Odd sizes, stride 2 and padding, so the borders and the skipped positions are exercised.
      {"conv2d", 2 * 5 * 5,
       [](bn::ParameterArena& a) {
         return std::make_unique<bn::Conv2d>(a, "conv", bn::ConvShape{2, 5, 5, 3, 3, 2, 1});
       },
       true},
      {"conv2d_no_padding", 1 * 6 * 6,
       [](bn::ParameterArena& a) {
         return std::make_unique<bn::Conv2d>(a, "conv", bn::ConvShape{1, 6, 6, 2, 3, 1, 0});
       },
       true},
      {"conv_transpose2d", 3 * 3 * 3,
       [](bn::ParameterArena& a) {
         return std::make_unique<bn::ConvTranspose2d>(a, "deconv", bn::ConvShape{3, 3, 3, 2, 3, 2, 1, 1});
       }},
  };
  return cases;
}

Matrix uniform_matrix(int rows, int cols, float low, float high) {
  bn::Random rng(31);
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(low, high);
  return m;
}

const std::vector<LossCase>& loss_cases() {
  static const Matrix unit_target = uniform_matrix(4, 5, 0.0f, 1.0f);
  static const Matrix any_target = uniform_matrix(4, 5, -2.0f, 2.0f);
  auto normal_input = [](int rows, int cols, float scale) {
    return [=](bn::Random& rng) { return random_matrix(rng, rows, cols, scale); };
  };
  static const std::vector<LossCase> cases = {
      {"bce_with_logits", normal_input(4, 5, 2.0f),
       [](const Matrix& x) { return bn::bce_with_logits_forward(x, unit_target); },
       [](const Matrix& x, Matrix& g) { bn::bce_with_logits_backward(x, unit_target, g); }},
      {"mse", normal_input(4, 5, 2.0f), [](const Matrix& x) { return bn::mse_forward(x, any_target); },
       [](const Matrix& x, Matrix& g) { bn::mse_backward(x, any_target, g); }},
      {"gaussian_kl", normal_input(3, 8, 0.8f), [](const Matrix& x) { return bn::gaussian_kl_forward(x); },
       [](const Matrix& x, Matrix& g) { bn::gaussian_kl_backward(x, g); }},
      {"l1_penalty",
       [](bn::Random& rng) {
         Matrix m = random_matrix(rng, 4, 6, 1.0f);
         push_away_from_zero(m);
         return m;
       },
       [](const Matrix& x) { return bn::l1_penalty_forward(x, 0.3f); },
       [](const Matrix& x, Matrix& g) { bn::l1_penalty_backward(x, 0.3f, g); }},
      {"reconstruction_mse_of_sigmoid", normal_input(4, 5, 2.0f),
       [](const Matrix& x) { return bn::reconstruction_forward(bn::ReconstructionLoss::kMse, x, unit_target); },
       [](const Matrix& x, Matrix& g) {
         bn::reconstruction_backward(bn::ReconstructionLoss::kMse, x, unit_target, 1.0f, g);
       }},
      {"reconstruction_bce_scaled", normal_input(4, 5, 2.0f),
       [](const Matrix& x) { return 5.0f * bn::reconstruction_forward(bn::ReconstructionLoss::kBce, x, unit_target); },
       [](const Matrix& x, Matrix& g) {
         bn::reconstruction_backward(bn::ReconstructionLoss::kBce, x, unit_target, 5.0f, g);
       }},
      {"kl_sparsity", [](bn::Random&) { return uniform_matrix(5, 4, 0.05f, 0.6f); },
       [](const Matrix& x) { return bn::kl_sparsity_forward(x, 0.05f, 0.7f); },
       [](const Matrix& x, Matrix& g) { bn::kl_sparsity_backward(x, 0.05f, 0.7f, g); }},
  };
  return cases;
}

// Small models on 8×8 images. Smooth activations (tanh) keep finite differences away from kinks.
bn::ModelConfig small_model(bn::ModelKind kind) {
  bn::ModelConfig c;
  c.kind = kind;
  c.image_side = 8;
  c.hidden = {12};
  c.latent = 3;
  c.channels = {2, 3};
  c.activation = bn::Activation::kTanh;
  c.seed = 5;
  return c;
}

struct ModelCase {
  std::string name;
  bn::ModelConfig config;
};

const std::vector<ModelCase>& model_cases() {
  static const std::vector<ModelCase> cases = [] {
    std::vector<ModelCase> out;
    out.push_back({"ae", small_model(bn::ModelKind::kAutoencoder)});
    bn::ModelConfig mse = small_model(bn::ModelKind::kAutoencoder);
    mse.loss = bn::ReconstructionLoss::kMse;
    out.push_back({"ae_mse", mse});
    bn::ModelConfig sparse_kl = small_model(bn::ModelKind::kSparse);
    sparse_kl.sparsity = bn::SparsityPenalty::kKl;
    sparse_kl.lambda = 0.5f;
    sparse_kl.rho = 0.1f;
    out.push_back({"sparse_kl", sparse_kl});
    bn::ModelConfig sparse_l1 = small_model(bn::ModelKind::kSparse);
    sparse_l1.lambda = 0.05f;
    out.push_back({"sparse_l1", sparse_l1});
    bn::ModelConfig denoise = small_model(bn::ModelKind::kDenoising);
    denoise.noise = {bn::NoiseType::kSaltPepper, 0.2f};
    out.push_back({"denoise", denoise});
    bn::ModelConfig vae = small_model(bn::ModelKind::kVae);
    vae.beta = 2.0f;
    out.push_back({"vae", vae});
    out.push_back({"conv", small_model(bn::ModelKind::kConv)});
    return out;
  }();
  return cases;
}

double weighted_sum(const Matrix& y, const Matrix& weights) {
  return (y.cast<double>().array() * weights.cast<double>().array()).sum();
}

}  // namespace

TEST_CASE("gradcheck: every layer against finite differences", "[gradcheck]") {
  for (const LayerCase& c : layer_cases()) {
    SECTION(c.name) {
      bn::Random rng(17);
      bn::ParameterArena arena;
      auto layer = c.make(arena);
      arena.allocate();
      layer->initialize(arena, rng, bn::Init::kGlorot);
      // Non-zero biases too, so their gradient is checked away from a special value.
      for (float& v : arena.values()) v += 0.1f * rng.normal();

      const int batch = 3;
      Matrix x = random_matrix(rng, batch, c.in_features, 1.0f);
      push_away_from_zero(x);
      Matrix y;
      layer->forward(arena, x, y);
      Matrix upstream = random_matrix(rng, static_cast<int>(y.rows()), static_cast<int>(y.cols()), 1.0f);
      Matrix dx;
      arena.zero_gradients();
      layer->backward(arena, upstream, dx);
      REQUIRE(dx.rows() == x.rows());
      REQUIRE(dx.cols() == x.cols());

      // A model's first layer goes back the other way: the same parameter gradients to the bit, and
      // no input gradient from a layer whose input gradient is a product of its own.
      const bn::FloatBuffer with_input_gradient = arena.gradients();
      arena.zero_gradients();
      Matrix unused;
      layer->backward_parameters_only(arena, upstream, unused);
      CHECK(arena.gradients() == with_input_gradient);
      if (c.skips_input_gradient) CHECK(unused.size() == 0);

      auto scalar = [&] {
        Matrix out;
        layer->forward(arena, x, out);
        return weighted_sum(out, upstream);
      };
      check_elements(c.name + " d/dx", x.data(), dx.data(), static_cast<size_t>(x.size()), scalar);
      bn::FloatBuffer param_grads = arena.gradients();
      check_elements(c.name + " d/dparam", arena.values().data(), param_grads.data(), arena.size(), scalar);
    }
  }
}

TEST_CASE("gradcheck: every loss and penalty against finite differences", "[gradcheck]") {
  for (const LossCase& c : loss_cases()) {
    SECTION(c.name) {
      bn::Random rng(23);
      Matrix input = c.make_input(rng);
      Matrix grad;
      c.backward(input, grad);
      REQUIRE(grad.rows() == input.rows());
      REQUIRE(grad.cols() == input.cols());
      auto scalar = [&] { return static_cast<double>(c.forward(input)); };
      check_elements(c.name, input.data(), grad.data(), static_cast<size_t>(input.size()), scalar);
    }
  }
}

TEST_CASE("gradcheck: every model's loss against finite differences", "[gradcheck]") {
  for (const ModelCase& c : model_cases()) {
    SECTION(c.name) {
      auto model = bn::make_model(c.config);
      bn::Random rng(41);
      Matrix x = uniform_matrix(3, c.config.input_size(), 0.0f, 1.0f);
      // Nudge the weights off their initial values so biases and every path carry gradient.
      for (float& v : model->parameters().values()) v += 0.05f * rng.normal();
      const bn::LossTerms terms = model->loss_gradients(x);
      CHECK(terms.total == Approx(model->loss(x)).epsilon(1e-6));
      bn::FloatBuffer analytic = model->parameters().gradients();
      // Relative to the loss's size: a VAE's loss is in nats per image, the others per pixel.
      const double scale = std::max(1.0, std::abs(static_cast<double>(terms.total)));
      float* values = model->parameters().values().data();
      // Each tensor on its own, so a block whose gradient is missing (all zero) or wrong cannot hide
      // among the others: per element, the slack above follows the loss's size, which for a VAE is
      // larger than many of its gradients; the whole block's relative error does not.
      for (const bn::ParameterInfo& tensor : model->parameters().tensors()) {
        const size_t begin = tensor.ref.offset, end = begin + tensor.ref.size();
        const size_t stride = std::max<size_t>(1, tensor.ref.size() / 40);
        double difference = 0, analytic_norm = 0, numeric_norm = 0;
        for (size_t i = begin; i < end; i += stride) {
          const float saved = values[i];
          values[i] = saved + kModelEpsilon;
          const double plus = model->loss(x);
          values[i] = saved - kModelEpsilon;
          const double minus = model->loss(x);
          values[i] = saved;
          const double numeric = (plus - minus) / (2.0 * kModelEpsilon);
          INFO(c.name << " " << tensor.name << "[" << i - begin << "]: analytic " << analytic[i] << ", numeric "
                      << numeric);
          CHECK(std::abs(analytic[i] - numeric) <= 2e-3 * scale + 2e-2 * std::abs(numeric));
          difference += (analytic[i] - numeric) * (analytic[i] - numeric);
          analytic_norm += static_cast<double>(analytic[i]) * analytic[i];
          numeric_norm += numeric * numeric;
        }
        const double relative = std::sqrt(difference) / (std::sqrt(analytic_norm) + std::sqrt(numeric_norm) + 1e-30);
        INFO(c.name << " " << tensor.name << ": |analytic| " << std::sqrt(analytic_norm) << ", |numeric| "
                    << std::sqrt(numeric_norm) << ", relative error " << relative);
        CHECK(analytic_norm > 0);
        CHECK(relative < 1e-2);
      }
    }
  }
}

TEST_CASE("bce from logits stays finite for extreme logits", "[losses]") {
  Matrix logits(1, 4);
  logits << -1e4f, -50.0f, 50.0f, 1e4f;
  Matrix target(1, 4);
  target << 0.0f, 1.0f, 0.0f, 1.0f;
  float loss = bn::bce_with_logits_forward(logits, target);
  REQUIRE(std::isfinite(loss));
  // Terms: ~0, 50, 50, ~0 -> mean 25.
  REQUIRE(loss == Approx(25.0f).epsilon(1e-4));
  Matrix grad;
  bn::bce_with_logits_backward(logits, target, grad);
  REQUIRE(grad.allFinite());
}
