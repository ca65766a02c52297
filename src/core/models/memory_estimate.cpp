#include "core/models/memory_estimate.h"

#include <cstdio>
#include <vector>

namespace bn {

namespace {

constexpr uint64_t kFloat = sizeof(float);

// Parameters and per-sample activation floats, layer by layer, in the order the models build them.
struct Tally {
  uint64_t parameters = 0;
  uint64_t floats_per_sample = 0;

  // Sequential keeps each layer's output and its input gradient, except for a model's first layer
  // (Sequential::backward_parameters_only); a Dense also caches its input.
  void dense(uint64_t in, uint64_t out, bool first = false) {
    parameters += in * out + out;
    floats_per_sample += (first ? 1 : 2) * in + out;
  }
  // Output, input gradient and the cached input.
  void activation(uint64_t width) { floats_per_sample += 3 * width; }
  // Output and input gradient.
  void reshape(uint64_t width) { floats_per_sample += 2 * width; }
  // A 3×3 convolution from `in_channels` planes of in_side² to out_channels planes of out_side²:
  // output, input gradient (none for a model's first layer), and its im2col columns (kept for the
  // backward pass).
  void conv(uint64_t in_channels, uint64_t in_side, uint64_t out_channels, uint64_t out_side, bool first = false) {
    constexpr uint64_t kTaps = 9;
    const uint64_t in = in_channels * in_side * in_side, out = out_channels * out_side * out_side;
    parameters += out_channels * in_channels * kTaps + out_channels;
    floats_per_sample += out + (first ? 0 : in) + out_side * out_side * in_channels * kTaps;
  }
  // A 3×3 transposed convolution doubling the side: output, input gradient and its input by channel.
  void conv_transpose(uint64_t in_channels, uint64_t in_side, uint64_t out_channels) {
    constexpr uint64_t kTaps = 9;
    const uint64_t in = in_channels * in_side * in_side, out = out_channels * 4 * in_side * in_side;
    parameters += in_channels * out_channels * kTaps + out_channels;
    floats_per_sample += out + 2 * in;
  }
  // An MLP stack over `widths`, with an activation between its dense layers (add_dense_stack).
  void dense_stack(const std::vector<int>& widths, bool first = false) {
    for (size_t i = 0; i + 1 < widths.size(); ++i) {
      dense(widths[i], widths[i + 1], first && i == 0);
      if (i + 2 < widths.size()) activation(widths[i + 1]);
    }
  }
};

void tally_mlp(const ModelConfig& config, Tally& tally) {
  const bool vae = config.kind == ModelKind::kVae;
  std::vector<int> widths{config.input_size()};
  widths.insert(widths.end(), config.hidden.begin(), config.hidden.end());
  widths.push_back(vae ? 2 * config.latent : config.latent);
  tally.dense_stack(widths, true);
  if (config.kind == ModelKind::kSparse) tally.activation(config.latent);
  std::vector<int> mirrored(widths.rbegin(), widths.rend());
  mirrored.front() = config.latent;
  tally.dense_stack(mirrored);
  // The model's own buffers: the (noisy) input, the output's gradient, and the code's gradients
  // (the VAE's statistics, ε and z).
  const uint64_t pixels = config.input_size(), latent = config.latent;
  tally.floats_per_sample += 3 * pixels + (vae ? 6 * latent : 2 * latent);
}

void tally_conv(const ModelConfig& config, Tally& tally) {
  const uint64_t side = config.image_side, half = side / 2, quarter = side / 4;
  const uint64_t c1 = config.channels[0], c2 = config.channels[1];
  const uint64_t flat = c2 * quarter * quarter, latent = config.latent;
  tally.conv(1, side, c1, half, true);
  tally.activation(c1 * half * half);
  tally.conv(c1, half, c2, quarter);
  tally.activation(flat);
  tally.reshape(flat);
  tally.dense(flat, latent);
  tally.dense(latent, flat);
  tally.activation(flat);
  tally.reshape(flat);
  tally.conv_transpose(c2, quarter, c1);
  tally.activation(c1 * half * half);
  tally.conv_transpose(c1, half, 1);
  tally.floats_per_sample += 3 * static_cast<uint64_t>(config.input_size()) + 2 * latent;
}

}  // namespace

MemoryEstimate estimate_memory(const ModelConfig& config) {
  MemoryEstimate estimate;
  if (config.kind == ModelKind::kPca) {
    estimate.parameters = kFloat * (static_cast<uint64_t>(config.latent) + 1) * config.input_size();
    return estimate;
  }
  Tally tally;
  if (config.kind == ModelKind::kConv) tally_conv(config, tally);
  else tally_mlp(config, tally);
  estimate.parameters = kFloat * tally.parameters;
  estimate.gradients = estimate.parameters;
  estimate.optimizer = config.optimizer == OptimizerKind::kAdam ? 2 * estimate.parameters : estimate.parameters;
  estimate.activations = kFloat * tally.floats_per_sample * static_cast<uint64_t>(config.batch_size);
  return estimate;
}

std::string format_bytes(uint64_t bytes) {
  static const char* const kUnits[] = {"bytes", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  if (unit == 0) std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  else std::snprintf(text, sizeof text, value < 10.0 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
  return text;
}

std::string describe(const MemoryEstimate& estimate, const ModelConfig& config) {
  std::string text = "weights " + format_bytes(estimate.parameters);
  if (config.kind == ModelKind::kPca) return text;
  const char* optimizer = config.optimizer == OptimizerKind::kAdam ? "Adam's state" : "SGD's velocity";
  return text + ", their gradients " + format_bytes(estimate.gradients) + ", " + optimizer + " " +
         format_bytes(estimate.optimizer) + ", activations at batch " + std::to_string(config.batch_size) + " " +
         format_bytes(estimate.activations);
}

}  // namespace bn
