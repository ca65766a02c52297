// Models written by PyTorch (scripts/pytorch_fixtures.py, from docs/PYTORCH.md's modules) load here
// and give PyTorch's outputs: every kind, with the Bottleneck config in the file and, for some,
// without it (the config then comes from the tensors). No PyTorch at test time: its outputs on
// fixed inputs are in tests/fixtures/pytorch/ beside the weights.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "core/eval/evaluate.h"
#include "core/io/safetensors.h"

namespace {

std::string fixture(const std::string& file) {
  return std::string(BOTTLENECK_SOURCE_DIR) + "/tests/fixtures/pytorch/" + file;
}

bn::Matrix matrix_of(const bn::NamedTensor& tensor) {
  REQUIRE(tensor.shape.size() == 2);
  bn::Matrix m(tensor.shape[0], tensor.shape[1]);
  std::copy(tensor.values.begin(), tensor.values.end(), m.data());
  return m;
}

float largest_difference(const bn::Matrix& a, const bn::Matrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  return (a - b).cwiseAbs().maxCoeff();
}

// Loads `model_file`, runs it on the fixture's inputs, and checks both outputs against PyTorch's.
void matches_pytorch(const std::string& model_file, const std::string& outputs_file, bn::ModelKind kind) {
  INFO(model_file);
  auto model = bn::load_model(fixture(model_file));
  CHECK(model->config().kind == kind);
  const auto expected = bn::read_tensors(bn::read_file_bytes(fixture(outputs_file)), outputs_file);
  const bn::Matrix inputs = matrix_of(expected.at("inputs"));
  const bn::Matrix code = bn::encode_all(*model, inputs);
  const bn::Matrix reconstruction = bn::decode_all(*model, code);
  const float rebuilt_by = largest_difference(reconstruction, matrix_of(expected.at("reconstruction")));
  const float coded_by = largest_difference(code, matrix_of(expected.at("code")));
  INFO("reconstruction differs by " << rebuilt_by << ", code by " << coded_by);
  CHECK(rebuilt_by <= 1e-5f);
  CHECK(coded_by <= 1e-5f);
  // Not a trivial match: the outputs vary from image to image and from pixel to pixel.
  CHECK((reconstruction.array() - reconstruction.mean()).abs().maxCoeff() > 1e-3f);
}

}  // namespace

TEST_CASE("PyTorch fixtures: every kind matches PyTorch's outputs to 1e-5", "[io][pytorch]") {
  const std::pair<const char*, bn::ModelKind> kinds[] = {
      {"ae", bn::ModelKind::kAutoencoder},   {"sparse", bn::ModelKind::kSparse},
      {"sparse-kl", bn::ModelKind::kSparse}, {"denoise", bn::ModelKind::kDenoising},
      {"tanh", bn::ModelKind::kAutoencoder}, {"leaky", bn::ModelKind::kAutoencoder},
      {"vae", bn::ModelKind::kVae},          {"conv", bn::ModelKind::kConv},
      {"pca", bn::ModelKind::kPca}};
  for (const auto& [name, kind] : kinds)
    matches_pytorch(std::string(name) + ".safetensors", std::string(name) + "-outputs.safetensors", kind);
}

TEST_CASE("PyTorch fixtures: plain state dicts, without a config, load from their shapes", "[io][pytorch]") {
  matches_pytorch("ae-plain.safetensors", "ae-outputs.safetensors", bn::ModelKind::kAutoencoder);
  matches_pytorch("vae-plain.safetensors", "vae-outputs.safetensors", bn::ModelKind::kVae);
  matches_pytorch("conv-plain.safetensors", "conv-outputs.safetensors", bn::ModelKind::kConv);
  const bn::FileConfig plain = bn::read_file_config(bn::read_file_bytes(fixture("ae-plain.safetensors")));
  CHECK(plain.config.hidden == std::vector<int>{16, 8});
  CHECK(plain.config.latent == 4);
  CHECK_FALSE(plain.assumed.empty());
}
