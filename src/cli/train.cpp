#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "core/eval/evaluate.h"
#include "core/io/safetensors.h"

namespace bn_cli {

int run_train(const std::vector<std::string>& args) {
  std::set<std::string> names = model_option_names();
  names.insert({"dataset", "epochs", "out", "dtype"});
  Options options(args, names);
  if (options.help()) {
    std::printf(
        "usage: bottleneck train [--kind K] [--dataset D] [--epochs N] [--out FILE] [model options]\n"
        "\n"
        "Trains a model and prints its test metrics as one JSON line; progress goes to stderr.\n"
        "  --dataset D     mnist (the MNIST-10k split) | fashion                      (mnist)\n"
        "                  | a folder of PNG/JPEG/CSV files or a .csv file of your own: made\n"
        "                  28x28 as MNIST's digits were; a folder 0..9 gives the label\n"
        "  --epochs N                                                                 (20)\n"
        "  --out FILE      save the weights as safetensors, with the config in its metadata\n"
        "  --dtype T       f32 | f16 for --out                                        (f32)\n"
        "\n%s",
        kModelOptionsHelp);
    return 0;
  }
  const int threads = apply_threads(options);
  const bn::ModelConfig config = model_config_from(options);
  const int epochs = static_cast<int>(options.integer("epochs", 20, 1, 1000));
  const std::string dtype = options.text("dtype", "f32");
  if (dtype != "f32" && dtype != "f16") throw std::invalid_argument("--dtype must be f32 or f16");
  check_memory(config);
  const Split split = load_split(options.text("dataset", "mnist"));
  auto model = bn::make_model(config);

  const auto start = std::chrono::steady_clock::now();
  train_with_progress(*model, split, epochs, bn::describe(config));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const bn::Evaluation e = bn::evaluate(*model, split.test);
  const std::string out = options.text("out", "");
  if (!out.empty())
    bn::save_model(*model, out, dtype == "f16" ? bn::WeightType::kF16 : bn::WeightType::kF32,
                   {{"bottleneck.trained", split.name + ", " + std::to_string(epochs) + " epochs"}});
  JsonLine line;
  line.text("kind", bn::kind_name(config.kind)).text("dataset", split.name).number("epochs", epochs);
  line.number("seed", static_cast<double>(config.seed)).number("test_loss", e.loss.total);
  line.number("test_reconstruction", e.loss.reconstruction).number("test_penalty", e.loss.penalty);
  line.number("test_mse", e.mse).number("test_bce", e.bce).number("test_psnr", e.psnr);
  line.number("seconds", seconds, 4).number("threads", threads);
  if (!out.empty()) line.text("out", out);
  line.print();
  return 0;
}

}  // namespace bn_cli
