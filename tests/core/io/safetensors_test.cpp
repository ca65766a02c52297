// Safetensors: a round trip is exact in float32 and close in float16, PyTorch's names and shapes
// are used, and every kind of damaged file is refused with a message that says what is wrong,
// leaving the model untouched.
#include "core/io/safetensors.h"

#include <cmath>
#include <cstring>
#include <string>

#include <catch2/catch.hpp>

#include "core/io/config_json.h"
#include "core/random.h"

namespace {

bn::ModelConfig small_vae() {
  bn::ModelConfig c;
  c.kind = bn::ModelKind::kVae;
  c.image_side = 8;
  c.hidden = {10};
  c.latent = 2;
  c.beta = 0.5f;
  c.seed = 3;
  return c;
}

std::string header_text(const std::vector<uint8_t>& bytes) {
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | bytes[i];
  return std::string(bytes.begin() + 8, bytes.begin() + 8 + static_cast<long>(length));
}

// Every field that a saved file carries, away from its default, so a loader that drops one (and
// leaves the default) is caught.
bn::ModelConfig unusual_vae() {
  bn::ModelConfig c = small_vae();
  c.channels = {4, 6};
  c.activation = bn::Activation::kTanh;
  c.loss = bn::ReconstructionLoss::kMse;
  c.sparsity = bn::SparsityPenalty::kKl;
  c.lambda = 0.02f;
  c.rho = 0.1f;
  c.noise = {bn::NoiseType::kGaussian, 0.25f};
  c.optimizer = bn::OptimizerKind::kSgd;
  c.learning_rate = 3e-3f;
  c.momentum = 0.8f;
  c.batch_size = 32;
  c.init = bn::Init::kGlorot;
  return c;
}

void check_same_config(const bn::ModelConfig& a, const bn::ModelConfig& b) {
  CHECK(a.kind == b.kind);
  CHECK(a.image_side == b.image_side);
  CHECK(a.hidden == b.hidden);
  CHECK(a.channels == b.channels);
  CHECK(a.latent == b.latent);
  CHECK(a.activation == b.activation);
  CHECK(a.loss == b.loss);
  CHECK(a.beta == b.beta);
  CHECK(a.sparsity == b.sparsity);
  CHECK(a.lambda == b.lambda);
  CHECK(a.rho == b.rho);
  CHECK(a.noise.type == b.noise.type);
  CHECK(a.noise.level == b.noise.level);
  CHECK(a.optimizer == b.optimizer);
  CHECK(a.learning_rate == b.learning_rate);
  CHECK(a.momentum == b.momentum);
  CHECK(a.batch_size == b.batch_size);
  CHECK(a.init == b.init);
  CHECK(a.seed == b.seed);
}

// Weights that a model built from the same config (the same seed) does not start with: a loader
// that rebuilds from the config and ignores the tensors cannot pass a round trip of these.
// Only the tensors: the arena's alignment padding between them is not saved.
void perturb(bn::Model& model) {
  bn::Random rng(77);
  for (const bn::ParameterInfo& tensor : model.parameters().tensors()) {
    bn::MatrixMap values = model.parameters().value(tensor.ref);
    for (Eigen::Index i = 0; i < values.size(); ++i) values.data()[i] += 0.1f * rng.normal();
  }
}

}  // namespace

TEST_CASE("safetensors: a float32 round trip restores the config and every weight exactly", "[io]") {
  const bn::ModelConfig config = unusual_vae();
  auto model = bn::make_model(config);
  perturb(*model);
  auto loaded = bn::load_model_bytes(bn::encode_safetensors(*model));
  check_same_config(loaded->config(), config);
  CHECK(bn::config_to_json(loaded->config()) == bn::config_to_json(config));  // fields added later, too
  CHECK(loaded->parameters().values() == model->parameters().values());
  CHECK(loaded->parameters().values() != bn::make_model(config)->parameters().values());
  const bn::Matrix x = bn::Matrix::Constant(2, 64, 0.3f);
  CHECK(loaded->reconstruct(x) == model->reconstruct(x));
}

TEST_CASE("safetensors: names, shapes and offsets follow PyTorch's state dict", "[io]") {
  bn::ModelConfig conv;
  conv.kind = bn::ModelKind::kConv;
  auto model = bn::make_model(conv);
  const std::string header = header_text(bn::encode_safetensors(*model));
  CHECK_THAT(header,
             Catch::Contains(R"("encoder.0.weight":{"data_offsets":[0,576],"dtype":"F32","shape":[16,1,3,3]})"));
  CHECK_THAT(header, Catch::Contains(R"("encoder.5.weight":{"data_offsets")"));
  CHECK_THAT(header, Catch::Contains(R"("shape":[32,1568])"));
  // nn.ConvTranspose2d stores [in, out, kh, kw].
  CHECK_THAT(header, Catch::Contains(R"("decoder.3.weight":{"data_offsets")"));
  CHECK_THAT(header, Catch::Contains(R"("shape":[32,16,3,3])"));
  CHECK_THAT(header, Catch::Contains(R"("__metadata__":{)"));
  CHECK(header.size() % 8 == 0);
}

TEST_CASE("safetensors: float16 halves the size and keeps the weights to 3 significant digits", "[io]") {
  auto model = bn::make_model(bn::ModelConfig{});
  perturb(*model);
  const auto f32 = bn::encode_safetensors(*model, bn::WeightType::kF32);
  const auto f16 = bn::encode_safetensors(*model, bn::WeightType::kF16);
  CHECK(f16.size() < f32.size() * 0.51);
  auto loaded = bn::load_model_bytes(f16);
  const auto& a = model->parameters().values();
  const auto& b = loaded->parameters().values();
  for (size_t i = 0; i < a.size(); i += 97) CHECK(std::abs(a[i] - b[i]) <= 1e-3f * std::abs(a[i]) + 1e-7f);
}

TEST_CASE("half precision conversion rounds to nearest even and keeps special values", "[io]") {
  CHECK(bn::float_to_half(1.0f) == 0x3c00);
  CHECK(bn::float_to_half(-2.0f) == 0xc000);
  CHECK(bn::float_to_half(65504.0f) == 0x7bff);
  CHECK(bn::float_to_half(1e6f) == 0x7c00);                // overflow: infinity
  CHECK(bn::float_to_half(1.0f + 1.0f / 2048) == 0x3c00);  // a tie rounds to even
  CHECK(bn::float_to_half(1.0f + 3.0f / 2048) == 0x3c02);
  CHECK(bn::float_to_half(5.960464e-8f) == 0x0001);  // the smallest subnormal
  CHECK(bn::half_to_float(0x0001) == Approx(5.960464e-8f));
  CHECK(bn::half_to_float(0x3555) == Approx(0.33325195f));
  for (float v : {0.0f, 0.5f, -0.125f, 3.140625f, 1024.0f, -0.0009765625f})
    CHECK(bn::half_to_float(bn::float_to_half(v)) == v);
  CHECK(std::isnan(bn::half_to_float(bn::float_to_half(std::nanf("")))));
}

TEST_CASE("safetensors: damaged or mismatched files are refused and nothing is half-loaded", "[io]") {
  auto source = bn::make_model(small_vae());
  std::vector<uint8_t> good = bn::encode_safetensors(*source);
  bn::ModelConfig other_seed = small_vae();
  other_seed.seed = 99;
  auto target = bn::make_model(other_seed);
  const bn::FloatBuffer before = target->parameters().values();
  auto refused = [&](std::vector<uint8_t> bytes, const std::string& expected) {
    CHECK_THROWS_WITH(bn::load_weights(*target, bytes, "file"), Catch::Contains(expected));
    CHECK(target->parameters().values() == before);
  };

  SECTION("too short") { refused({1, 2, 3}, "only 3 bytes"); }
  SECTION("header length beyond the file") {
    std::vector<uint8_t> bytes = good;
    bytes[5] = 0x40;
    refused(bytes, "does not fit");
  }
  SECTION("header not JSON") {
    std::vector<uint8_t> bytes = good;
    bytes[8] = '#';
    refused(bytes, "not JSON");
  }
  SECTION("truncated data: the last tensor is named") {
    std::vector<uint8_t> bytes(good.begin(), good.end() - 4);
    refused(bytes, "decoder.2.bias");
    refused(bytes, "truncated");
  }
  SECTION("a non-finite weight") {
    std::vector<uint8_t> bytes = good;
    const float nan = std::nanf("");
    std::memcpy(bytes.data() + bytes.size() - 4, &nan, 4);
    refused(bytes, "non-finite");
  }
  SECTION("a different architecture: the tensor, the expected and the found shape") {
    bn::ModelConfig wider = small_vae();
    wider.hidden = {11};
    auto other = bn::make_model(wider);
    refused(bn::encode_safetensors(*other), "tensor 'encoder.0.weight': expected shape [10, 64], found [11, 64]");
  }
  SECTION("a tensor this model does not have") {
    bn::ModelConfig ae = small_vae();
    ae.kind = bn::ModelKind::kAutoencoder;
    ae.latent = 4;  // the VAE's encoder.2 is [4, 10] too, but its decoder differs
    auto other = bn::make_model(ae);
    refused(bn::encode_safetensors(*other), "decoder.0.weight");
  }
  SECTION("a file without our config: its tensors give the config, what they cannot show is assumed") {
    std::vector<uint8_t> bytes = good;
    const std::string header = header_text(bytes);
    const size_t at = header.find("bottleneck.config");
    REQUIRE(at != std::string::npos);
    bytes[8 + at] = 'X';
    const bn::FileConfig file = bn::read_file_config(bytes, "file");
    CHECK(file.config.kind == bn::ModelKind::kVae);
    CHECK(file.config.image_side == 8);
    CHECK(file.config.hidden == std::vector<int>{10});
    CHECK(file.config.latent == 2);
    CHECK_THAT(file.assumed, Catch::Contains("ReLU activations and a BCE loss"));
    auto loaded = bn::load_model_bytes(bytes, "file");
    CHECK(loaded->parameters().values() == source->parameters().values());
    bn::load_weights(*target, bytes, "file");
    CHECK(target->parameters().values() == source->parameters().values());
  }
}

TEST_CASE("model config JSON: round trip, and errors that name the key", "[io]") {
  bn::ModelConfig c = unusual_vae();
  c.noise = {bn::NoiseType::kMaskBlock, 4};
  c.seed = 1234567890123ULL;
  const bn::ModelConfig back = bn::config_from_json(bn::config_to_json(c));
  check_same_config(back, c);
  CHECK(bn::config_to_json(back) == bn::config_to_json(c));
  CHECK(bn::config_from_json("{}").latent == 32);
  CHECK_THROWS_WITH(bn::config_from_json("{\"latent\": \"big\"}"), Catch::Contains("'latent'"));
  CHECK_THROWS_WITH(bn::config_from_json("{\"latnet\": 3}"), Catch::Contains("'latnet' is not a model setting"));
  CHECK_THROWS_WITH(bn::config_from_json("{\"kind\": \"gan\"}"),
                    Catch::Contains("ae, sparse, denoise, vae, conv, pca"));
  CHECK_THROWS_WITH(bn::config_from_json("{\"hidden\": [100000]}"), Catch::Contains("out of range"));
  CHECK_THROWS_WITH(bn::config_from_json("[1"), Catch::Contains("not valid JSON"));
}

namespace {

// A safetensors file of this header text and `data_bytes` zero bytes of tensor data.
std::vector<uint8_t> file_of(const std::string& header, size_t data_bytes = 0) {
  std::vector<uint8_t> bytes(8 + header.size() + data_bytes, 0);
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(static_cast<uint64_t>(header.size()) >> (8 * i));
  std::copy(header.begin(), header.end(), bytes.begin() + 8);
  return bytes;
}

}  // namespace

// Issue 29's files: each was a crash, undefined behaviour or gigabytes of memory before a message.
TEST_CASE("safetensors: hostile headers are refused with the reason, before anything is allocated", "[io][hostile]") {
  SECTION("nested 150,000 deep (a stack overflow natively, a RangeError in the page)") {
    const std::string deep = "{\"a\": " + std::string(150000, '[') + std::string(150000, ']') + "}";
    CHECK_THROWS_WITH(bn::read_tensors(file_of(deep), "f"), Catch::Contains("more than 16 deep"));
    CHECK_THROWS_WITH(bn::read_file_config(file_of(deep), "f"), Catch::Contains("more than 16 deep"));
    const std::string config = std::string(300, '[') + std::string(300, ']');
    const std::string in_metadata = "{\"__metadata__\": {\"bottleneck.config\": \"" + config + "\"}}";
    CHECK_THROWS_WITH(bn::read_file_config(file_of(in_metadata), "f"), Catch::Contains("more than 16 deep"));
  }
  SECTION("a shape or an offset that is not a whole number") {
    CHECK_THROWS_WITH(
        bn::read_tensors(file_of(R"({"t": {"dtype": "F32", "shape": [3.9], "data_offsets": [0, 12]}})", 12), "f"),
        Catch::Contains("shape holds 3.9"));
    CHECK_THROWS_WITH(
        bn::read_tensors(file_of(R"({"t": {"dtype": "F32", "shape": [3], "data_offsets": [0, 1e300]}})", 12), "f"),
        Catch::Contains("data_offsets holds"));
    CHECK_THROWS_WITH(
        bn::read_tensors(file_of(R"({"t": {"dtype": "F32", "shape": [-3], "data_offsets": [0, 12]}})", 12), "f"),
        Catch::Contains("not a whole number"));
  }
  SECTION("an element count that wraps around 64 bits") {
    // 2^31 · 2^31 · 4 = 2^64: zero after wrapping, as the 0 bytes of data it claims.
    CHECK_THROWS_WITH(bn::read_tensors(file_of(R"({"t": {"dtype": "F32", "shape": [2147483648, 2147483648, 4],
                                                   "data_offsets": [0, 0]}})"), "f"),
                      Catch::Contains("more values than the file holds"));
  }
  SECTION("a config of the largest model the core accepts, in a 499-byte file") {
    bn::ModelConfig huge;
    huge.hidden = std::vector<int>(static_cast<size_t>(bn::kMaxHiddenLayers), bn::kMaxLayerWidth);
    huge.latent = bn::kMaxLayerWidth;
    std::string escaped;
    for (char c : bn::config_to_json(huge)) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
    const std::string header = "{\"__metadata__\": {\"bottleneck.config\": \"" + escaped + "\"}}";
    CHECK_THROWS_WITH(bn::load_model_bytes(file_of(header), "f"), Catch::Contains("but the file holds only"));
  }
}
