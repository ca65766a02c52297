// Speed is measured here, never asserted in tests: medians over repeats, in one run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/models/model.h"
#include "core/random.h"

namespace bn_cli {

namespace {

template <typename F>
double median_seconds(int repeats, F&& work) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

bn::Matrix random_matrix(bn::Random& rng, int rows, int cols) {
  bn::Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(-1.0f, 1.0f);
  return m;
}

}  // namespace

int run_bench(const std::vector<std::string>& args) {
  Options options(args, {"repeats"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck bench [--repeats N]\n"
        "\n"
        "Prints one JSON object: the median GFLOP/s of a 256x784x256 GEMM (the shape of AE-32's first layer\n"
        "for a batch of 256) and the median milliseconds of one AE-32 training step at batch 64, with the\n"
        "SIMD instruction sets Eigen uses.");
    return 0;
  }
  const int repeats = static_cast<int>(options.integer("repeats", 21, 3, 10000));
  bn::Random rng(1);
  const int m = 256, k = 784, n = 256;
  bn::Matrix a = random_matrix(rng, m, k), b = random_matrix(rng, n, k), c(m, n);
  c.noalias() = a * b.transpose();  // warm-up
  const double gemm_seconds = median_seconds(repeats, [&] { c.noalias() = a * b.transpose(); });

  auto model = bn::make_model(bn::ModelConfig{});
  bn::Matrix batch = random_matrix(rng, 64, 784).cwiseAbs();
  model->train_step(batch);
  const double step_seconds = median_seconds(repeats, [&] { model->train_step(batch); });

  std::printf(
      "{\"simd\": \"%s\", \"hardware_threads\": %u, \"gemm_256x784x256_gflops\": %.2f, "
      "\"ae32_train_step_b64_ms\": %.3f, \"repeats\": %d}\n",
      Eigen::SimdInstructionSetsInUse(), std::thread::hardware_concurrency(), 2.0 * m * k * n / gemm_seconds * 1e-9,
      step_seconds * 1e3, repeats);
  return 0;
}

}  // namespace bn_cli
