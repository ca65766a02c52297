// Speed is measured here, never asserted in tests: medians over repeats, in one run.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "cli/options.h"
#include "core/models/model.h"
#include "core/parallel/gemm.h"
#include "core/parallel/thread_pool.h"
#include "core/random.h"
#include "core/train/training_speed.h"

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

// AE-32's products at batch 64 (as web/bench_worker.js): the forward ones, x·Wᵀ, and the backward
// ones, dy·W and dyᵀ·x.
const std::pair<const char*, bn::GemmShape> kAe32Shapes[] = {
    {"64x784x256", {64, 784, 256, false, true}},
    {"64x256x128", {64, 256, 128, false, true}},
    {"64x128x32", {64, 128, 32, false, true}},
    {"backward dx 64x256x784", {64, 256, 784, false, false}},
    {"backward dW 256x64x784", {256, 64, 784, true, false}},
    {"backward dW 128x64x256", {128, 64, 256, true, false}},
};

// Median GFLOP/s of one kernel at AE-32's shapes on the compute pool as it is set.
JsonLine gemm_rates(bn::GemmKernel product, int repeats) {
  JsonLine line;
  for (const auto& [name, shape] : kAe32Shapes)
    line.number(name, bn::measure_gemm_rate(product, shape, repeats, 5e7).median, 4);
  return line;
}

JsonLine rate_json(const bn::RateSummary& rate) {
  JsonLine line;
  line.number("median", rate.median, 5).number("min", rate.min, 5).number("max", rate.max, 5);
  return line.number("repeats", rate.repeats);
}

}  // namespace

int run_bench(const std::vector<std::string>& args) {
  Options options(args, {"repeats", "quick"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck bench [--repeats N] [--quick 1]\n"
        "\n"
        "Prints one JSON object: the median GFLOP/s of a 256x784x256 GEMM (the shape of AE-32's first layer\n"
        "for a batch of 256) and the median milliseconds of one AE-32 training step at batch 64, with the\n"
        "SIMD instruction sets Eigen uses; the GFLOP/s of Eigen's and the packed GEMM at AE-32's six shapes\n"
        "(batch 64) on 1 and 2 threads; training samples per second (median, min, max) of AE-32, the VAE\n"
        "with latent 16 and the conv AE on MNIST-10k, on 1 and 2 threads; and the seconds AE-32 takes from\n"
        "a fresh model to a test MSE of 0.0142 on 2 threads (PyTorch's 20-epoch result plus 3%; not with\n"
        "--quick 1).");
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

  JsonLine out;
  out.text("simd", Eigen::SimdInstructionSetsInUse()).number("hardware_threads", std::thread::hardware_concurrency());
  out.number("gemm_256x784x256_gflops", 2.0 * m * k * n / gemm_seconds * 1e-9, 4);
  out.number("ae32_train_step_b64_ms", step_seconds * 1e3, 4).number("repeats", repeats);

  const bool quick = options.integer("quick", 0, 0, 1) == 1;
  // bn::gemm is Eigen's natively and the packed kernel in WebAssembly: both, on 1 and 2 threads.
  JsonLine kernels;
  for (const auto& [kernel, product] : {std::pair{"eigen", &bn::eigen_gemm}, {"packed", &bn::packed_gemm}}) {
    JsonLine by_threads;
    for (int threads : {1, 2}) {
      bn::set_compute_threads(threads);
      by_threads.object(std::to_string(threads), gemm_rates(product, quick ? 5 : repeats));
    }
    kernels.object(kernel, by_threads);
  }
  out.object("gemm_gflops", kernels);
  const Split split = load_split("mnist");
  bn::ModelConfig vae16;
  vae16.kind = bn::ModelKind::kVae;
  vae16.latent = 16;
  bn::ModelConfig conv;
  conv.kind = bn::ModelKind::kConv;
  const int steps = quick ? 20 : 60, rate_repeats = quick ? 5 : 7;
  JsonLine rates;
  for (const auto& [name, config] :
       {std::pair<const char*, bn::ModelConfig>{"ae32", bn::ModelConfig{}}, {"vae16", vae16}, {"conv", conv}}) {
    JsonLine by_threads;
    for (int threads : {1, 2}) {
      bn::set_compute_threads(threads);
      by_threads.object(std::to_string(threads),
                        rate_json(bn::measure_training_rate(config, split.train, steps, rate_repeats)));
    }
    rates.object(name, by_threads);
  }
  out.object("train_samples_per_s", rates);
  if (quick) {
    out.raw("time_to_quality", "null");
  } else {
    // PRODUCT.md's AE-32 from seed 0, on 2 threads.
    bn::set_compute_threads(2);
    const double target = 0.0142;
    const bn::QualityTime time = bn::measure_time_to_quality(bn::ModelConfig{}, split.train, split.test, target, 120.0);
    JsonLine line;
    line.number("seconds", time.reached ? time.seconds : NAN, 4).number("target_mse", target);
    line.number("test_mse", time.test_mse).number("epochs", time.epochs, 4).number("threads", 2);
    line.number("measurements", time.measurements).number("measurement_seconds", time.measurement_seconds, 4);
    out.object("time_to_quality", line);
  }
  out.print();
  return 0;
}

}  // namespace bn_cli
