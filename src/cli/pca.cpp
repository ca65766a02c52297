#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "core/eval/evaluate.h"
#include "core/io/safetensors.h"
#include "core/train/fit.h"

namespace bn_cli {

int run_pca(const std::vector<std::string>& args) {
  Options options(args, {"components", "dataset", "out", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck pca [--components K] [--dataset mnist|fashion] [--out FILE]\n"
        "\n"
        "Fits linear PCA with K components (32) on the training split, prints the test MSE and PSNR of\n"
        "its reconstruction as one JSON line, and with --out saves it as safetensors (\"mean\",\n"
        "\"components\"), loadable like any model.");
    return 0;
  }
  apply_threads(options);
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kPca;
  config.latent = static_cast<int>(options.integer("components", 32, 1, 784));
  const Split split = load_split(options.text("dataset", "mnist"));
  auto model = bn::make_model(config);
  bn::fit(*model, split.train, 1);
  const bn::Evaluation e = bn::evaluate(*model, split.test);
  const std::string out = options.text("out", "");
  if (!out.empty()) bn::save_model(*model, out, bn::WeightType::kF32, {{"bottleneck.trained", split.name}});
  JsonLine line;
  line.text("dataset", split.name).number("components", config.latent);
  line.number("test_mse", e.mse).number("test_psnr", e.psnr);
  if (!out.empty()) line.text("out", out);
  line.print();
  return 0;
}

}  // namespace bn_cli
