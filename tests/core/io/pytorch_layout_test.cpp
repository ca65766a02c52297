#include "core/io/pytorch_layout.h"

#include <catch2/catch.hpp>

#include "core/io/safetensors.h"
#include "core/models/model.h"

namespace {

// The tensor names and shapes of a model the core builds: exactly what its safetensors file and
// the matching PyTorch module's state dict hold.
bn::TensorShapes shapes_of(const bn::ModelConfig& config) {
  auto model = bn::make_model(config);
  bn::TensorShapes shapes;
  for (const bn::ParameterInfo& tensor : model->parameters().tensors())
    shapes[tensor.name] = std::vector<int64_t>(tensor.shape.begin(), tensor.shape.end());
  return shapes;
}

bn::ModelConfig config(bn::ModelKind kind, std::vector<int> hidden, int latent) {
  bn::ModelConfig c;
  c.kind = kind;
  c.hidden = std::move(hidden);
  c.latent = latent;
  return c;
}

}  // namespace

TEST_CASE("PyTorch layout: every kind's tensors give back its architecture", "[io][pytorch]") {
  for (const bn::ModelConfig& c :
       {config(bn::ModelKind::kAutoencoder, {256, 128}, 32), config(bn::ModelKind::kAutoencoder, {64}, 3),
        config(bn::ModelKind::kVae, {256, 128}, 2), config(bn::ModelKind::kVae, {32, 16, 8}, 4),
        config(bn::ModelKind::kConv, {}, 16), config(bn::ModelKind::kPca, {}, 32)}) {
    const bn::InferredConfig found = bn::infer_config(shapes_of(c));
    INFO(bn::describe(c));
    CHECK(found.config.kind == c.kind);
    CHECK(found.config.image_side == c.image_side);
    CHECK(found.config.latent == c.latent);
    if (c.kind == bn::ModelKind::kAutoencoder || c.kind == bn::ModelKind::kVae) CHECK(found.config.hidden == c.hidden);
    if (c.kind == bn::ModelKind::kConv) CHECK(found.config.channels == c.channels);
  }
  bn::ModelConfig conv = config(bn::ModelKind::kConv, {}, 8);
  conv.channels = {4, 6};
  conv.image_side = 16;
  CHECK(bn::infer_config(shapes_of(conv)).config.channels == std::vector<int>{4, 6});
  CHECK(bn::infer_config(shapes_of(conv)).config.image_side == 16);
}

TEST_CASE("PyTorch layout: denoising and sparse weights load as the plain autoencoder, and say so", "[io][pytorch]") {
  const bn::InferredConfig found = bn::infer_config(shapes_of(config(bn::ModelKind::kSparse, {256, 128}, 128)));
  CHECK(found.config.kind == bn::ModelKind::kAutoencoder);
  CHECK_THAT(found.assumed, Catch::Contains("a sparse one's code activation does not show in its weights"));
}

TEST_CASE("PyTorch layout: tensors that fit no module are refused with the reason", "[io][pytorch]") {
  const bn::TensorShapes ae = shapes_of(config(bn::ModelKind::kAutoencoder, {64}, 8));
  auto refused = [](const bn::TensorShapes& shapes, const std::string& why) {
    CHECK_THROWS_WITH(bn::infer_config(shapes),
                      Catch::StartsWith("no Bottleneck config in its metadata, and ") && Catch::Contains(why));
  };
  refused({{"fc1.weight", {10, 784}}, {"fc1.bias", {10}}},
          "match none of the modules in docs/PYTORCH.md (it has "
          "fc1.bias [10], fc1.weight [10, 784])");
  bn::TensorShapes extra = ae;
  extra["classifier.weight"] = {10, 8};
  refused(extra, "tensors besides the encoder's and decoder's nn.Linear layers");
  bn::TensorShapes odd_code = ae;
  odd_code["encoder.2.weight"] = {12, 64};
  odd_code["encoder.2.bias"] = {12};
  refused(odd_code, "its encoder gives 12 code values and its decoder takes 8");
  bn::TensorShapes not_square = ae;
  not_square["encoder.0.weight"] = {64, 700};
  refused(not_square, "takes 700 inputs, which is not a square image");
  bn::TensorShapes broken_chain = ae;
  broken_chain["decoder.2.weight"] = {784, 60};
  refused(broken_chain, "decoder.2.weight takes 60 inputs, but the layer before gives 64");
  bn::TensorShapes bad_bias = ae;
  bad_bias["encoder.0.bias"] = {63};
  refused(bad_bias, "encoder.0.bias is [63] where the module needs [64]");
  bn::TensorShapes conv = shapes_of(config(bn::ModelKind::kConv, {}, 8));
  conv["encoder.2.weight"] = {32, 16, 5, 5};
  refused(conv, "encoder.2.weight is [32, 16, 5, 5] where the module needs [-1, 16, 3, 3]");
  refused({}, "(it has no tensors)");
}

// Issue 29: extents near 2^62 made side x side and 2 x latent overflow (undefined behaviour).
TEST_CASE("PyTorch layout: huge or non-positive extents are refused before any arithmetic", "[io][pytorch][hostile]") {
  const int64_t huge = int64_t{1} << 62;
  for (const bn::TensorShapes& shapes : {
           bn::TensorShapes{{"components", {huge, huge}}, {"mean", {huge}}},
           bn::TensorShapes{{"encoder.0.weight", {huge, 784}}, {"encoder.0.bias", {huge}},
                            {"decoder.0.weight", {784, huge}}, {"decoder.0.bias", {784}}},
           bn::TensorShapes{{"encoder.0.weight", {4, 3037000500}}, {"encoder.0.bias", {4}},
                            {"decoder.0.weight", {3037000500, 4}}, {"decoder.0.bias", {3037000500}}},
           bn::TensorShapes{{"encoder.0.weight", {16, 1, 3, 3, 1, 1}}},
           bn::TensorShapes{{"components", {-1, 784}}, {"mean", {784}}}})
    CHECK_THROWS_AS(bn::infer_config(shapes), std::invalid_argument);
}
