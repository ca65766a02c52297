// The memory estimate against what the allocator really hands out for a model that has trained a
// step: the playground refuses configs on the estimate alone, so it must be near the truth.
#include "core/models/memory_estimate.h"

#include <malloc.h>

#include <catch2/catch.hpp>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOTTLENECK_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(BOTTLENECK_UNDER_ASAN)
#include <sanitizer/allocator_interface.h>
#endif

#include "core/models/model.h"
#include "core/random.h"

namespace {

// Bytes allocated and not freed: small blocks from the main arena plus large, mmapped ones (or, under
// AddressSanitizer, which replaces malloc, what its allocator counts).
uint64_t heap_in_use() {
#if defined(__SANITIZE_ADDRESS__) || defined(BOTTLENECK_UNDER_ASAN)
  return static_cast<uint64_t>(__sanitizer_get_current_allocated_bytes());
#elif defined(__EMSCRIPTEN__)
  const struct mallinfo info = mallinfo();
  return static_cast<uint64_t>(info.uordblks);
#else
  const struct mallinfo2 info = mallinfo2();
  return static_cast<uint64_t>(info.uordblks) + static_cast<uint64_t>(info.hblkhd);
#endif
}

bn::ModelConfig config_of(const char* kind, std::vector<int> hidden, int latent, int batch) {
  bn::ModelConfig config;
  config.kind = bn::parse_kind(kind);
  config.hidden = std::move(hidden);
  config.latent = latent;
  config.batch_size = batch;
  if (config.kind == bn::ModelKind::kDenoising) config.noise = {bn::NoiseType::kGaussian, 0.5f};
  return config;
}

// What the model, its optimizer and one training step leave allocated.
uint64_t measured_bytes(const bn::ModelConfig& config) {
  bn::Matrix batch(config.batch_size, config.input_size());
  bn::Random rng(1);
  for (Eigen::Index i = 0; i < batch.size(); ++i) batch.data()[i] = rng.uniform();
  const uint64_t before = heap_in_use();
  auto model = bn::make_model(config);
  model->train_step(batch);
  model->train_step(batch);
  return heap_in_use() - before;
}

}  // namespace

TEST_CASE("memory estimate: within a tenth of what a trained model holds, for every kind", "[model][memory]") {
  std::vector<bn::ModelConfig> configs = {
      config_of("ae", {256, 128}, 32, 64),   config_of("ae", {1024, 512}, 64, 256),
      config_of("denoise", {512}, 32, 128),  config_of("sparse", {256, 128}, 128, 64),
      config_of("vae", {512, 256}, 16, 128), config_of("conv", {}, 32, 64),
      config_of("conv", {}, 16, 256),
  };
  configs[3].sparsity = bn::SparsityPenalty::kKl;
  configs[6].channels = {32, 64};
  bn::ModelConfig sgd = config_of("ae", {2048}, 32, 32);
  sgd.optimizer = bn::OptimizerKind::kSgd;
  configs.push_back(sgd);
  for (const bn::ModelConfig& config : configs) {
    const bn::MemoryEstimate estimate = bn::estimate_memory(config);
    const uint64_t measured = measured_bytes(config);
    INFO(bn::describe(config) << ": estimated " << estimate.total() << ", measured " << measured << " ("
                              << static_cast<double>(measured) / static_cast<double>(estimate.total()) << ")");
    CHECK(static_cast<double>(measured) > 0.9 * static_cast<double>(estimate.total()));
    CHECK(static_cast<double>(measured) < 1.1 * static_cast<double>(estimate.total()));
  }
}

TEST_CASE("memory estimate: the largest valid MLP needs over 4 GB, counted without overflow", "[model][memory]") {
  bn::ModelConfig config;
  config.hidden = std::vector<int>(bn::kMaxHiddenLayers, bn::kMaxLayerWidth);
  config.latent = bn::kMaxLayerWidth;
  bn::validate(config);
  const bn::MemoryEstimate estimate = bn::estimate_memory(config);
  // The encoder: 784→4096, then 8 × 4096→4096 (the last to the code); the decoder mirrors it.
  const uint64_t weights = (785ull * 4096 + 8ull * 4097 * 4096) + (8ull * 4097 * 4096 + 4097ull * 784);
  CHECK(estimate.parameters == 4 * weights);
  CHECK(estimate.gradients == estimate.parameters);
  CHECK(estimate.optimizer == 2 * estimate.parameters);
  CHECK(estimate.total() > (4ull << 30));
  CHECK(bn::format_bytes(estimate.total()).find(" GB") != std::string::npos);
}

TEST_CASE("memory estimate: bytes in words", "[memory]") {
  CHECK(bn::format_bytes(0) == "0 bytes");
  CHECK(bn::format_bytes(1023) == "1023 bytes");
  CHECK(bn::format_bytes(1024) == "1.0 KB");
  CHECK(bn::format_bytes(340ull << 20) == "340 MB");
  CHECK(bn::format_bytes((12ull << 30) / 10) == "1.2 GB");
  bn::ModelConfig config;
  const std::string text = bn::describe(bn::estimate_memory(config), config);
  CHECK(text.find("Adam's state") != std::string::npos);
  CHECK(text.find("activations at batch 64") != std::string::npos);
}
