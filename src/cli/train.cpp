#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/data_files.h"
#include "cli/options.h"
#include "core/data/batch_iterator.h"
#include "core/data/dataset.h"
#include "core/models/model.h"

namespace bn_cli {

int run_train(const std::vector<std::string>& args) {
  Options options(args, {"epochs", "seed", "lr", "batch", "latent", "hidden"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck train [--epochs N] [--seed S] [--lr X] [--batch B] [--latent K] [--hidden 256,128]\n"
        "\n"
        "Trains the undercomplete MLP autoencoder (default: AE-32 of PRODUCT.md, 784-256-128-32-128-256-784,\n"
        "Adam 1e-3, batch 64, seed 0) on the MNIST-10k train split and prints the test BCE and MSE per pixel\n"
        "as one JSON line. Progress (one line per epoch) goes to stderr.");
    return 0;
  }
  bn::ModelConfig config;
  const int epochs = static_cast<int>(options.integer("epochs", 2, 1, 1000));
  config.seed = static_cast<uint64_t>(options.integer("seed", 0, 0, 1LL << 53));
  config.learning_rate = static_cast<float>(options.real("lr", 1e-3));
  config.batch_size = static_cast<int>(options.integer("batch", 64, 1, 4096));
  config.latent = static_cast<int>(options.integer("latent", 32, 1, 4096));
  config.hidden = options.integer_list("hidden", config.hidden);
  auto model = bn::make_model(config);

  auto [train, test] = bn::split_mnist10k(bn::load_dataset(data_file("mnist10k.bnds")));
  bn::BatchIterator batches(train.count(), config.batch_size, config.seed);
  std::vector<int> indices;
  const auto start = std::chrono::steady_clock::now();
  const bn::Matrix test_images = test.batch_range(0, test.count());
  while (batches.epoch() < epochs) {
    bool epoch_ended = batches.next(indices);
    model->train_step(train.batch(indices));
    if (epoch_ended)
      std::fprintf(stderr, "epoch %d: test BCE %.4f\n", batches.epoch(), model->loss(test_images));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const bn::Matrix reconstructed = model->reconstruct(test_images);
  const double mse = (reconstructed - test_images).squaredNorm() / static_cast<double>(test_images.size());
  std::printf("{\"epochs\": %d, \"seed\": %llu, \"test_bce\": %.6f, \"test_mse\": %.6f, \"seconds\": %.2f}\n", epochs,
              static_cast<unsigned long long>(config.seed), model->loss(test_images), mse, seconds);
  return 0;
}

}  // namespace bn_cli
