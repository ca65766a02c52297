// Speed is measured here, never asserted in tests: medians over repeats, in one run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "cli/options.h"
#include "core/data/batch_iterator.h"
#include "core/eval/evaluate.h"
#include "core/models/model.h"
#include "core/parallel/thread_pool.h"
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

// Median, min and max of `repeats` timings of `steps` training steps on successive MNIST batches, as
// samples per second, after a warm-up (first-touch allocations, the pool's workers).
JsonLine training_rate(const bn::ModelConfig& config, const bn::Dataset& train, int threads, int steps, int repeats) {
  bn::set_compute_threads(threads);
  auto model = bn::make_model(config);
  bn::BatchIterator batches(train.count(), config.batch_size, 1);
  std::vector<int> indices;
  auto run = [&](int count) {
    for (int i = 0; i < count; ++i) {
      batches.next(indices);
      model->train_step(train.batch(indices));
    }
  };
  run(5);
  std::vector<double> rates;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run(steps);
    rates.push_back(config.batch_size * steps /
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(rates.begin(), rates.end());
  JsonLine line;
  line.number("median", rates[rates.size() / 2], 5).number("min", rates.front(), 5).number("max", rates.back(), 5);
  return line;
}

// PRODUCT.md's AE-32 from a fresh model (seed 0) on MNIST-10k until its test MSE reaches `target`:
// the wall-clock seconds, the test set measured every tenth of an epoch (which counts: a user
// waits for it too).
JsonLine time_to_quality(const Split& split, int threads, double target, double limit_seconds) {
  bn::set_compute_threads(threads);
  const bn::ModelConfig config;
  auto model = bn::make_model(config);
  bn::BatchIterator batches(split.train.count(), config.batch_size, config.seed);
  const int check_every = std::max(1, batches.batches_per_epoch() / 10);
  std::vector<int> indices;
  const auto start = std::chrono::steady_clock::now();
  double seconds = 0, mse = 1;
  long steps = 0;
  while (seconds < limit_seconds) {
    batches.next(indices);
    model->train_step(split.train.batch(indices));
    if (++steps % check_every != 0) continue;
    mse = bn::evaluate(*model, split.test).mse;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (mse <= target) break;
  }
  JsonLine line;
  line.number("seconds", mse <= target ? seconds : NAN, 4).number("target_mse", target).number("test_mse", mse);
  line.number("epochs", static_cast<double>(steps) / batches.batches_per_epoch(), 4).number("threads", threads);
  return line;
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
        "SIMD instruction sets Eigen uses; training samples per second (median, min, max) of AE-32, the VAE\n"
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
    for (int threads : {1, 2})
      by_threads.object(std::to_string(threads), training_rate(config, split.train, threads, steps, rate_repeats));
    rates.object(name, by_threads);
  }
  out.object("train_samples_per_s", rates);
  if (quick) out.raw("time_to_quality", "null");
  else out.object("time_to_quality", time_to_quality(split, 2, 0.0142, 120.0));
  out.print();
  return 0;
}

}  // namespace bn_cli
