// `bottleneck export`: the pretrained weights the web app ships, one safetensors file (float16)
// per kind for a data set, trained with the quality table's recipes.
#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "cli/recipes.h"
#include "core/eval/evaluate.h"
#include "core/io/safetensors.h"

namespace bn_cli {

int run_export(const std::vector<std::string>& args) {
  Options options(args, {"dataset", "out-dir", "epoch-scale", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck export --out-dir DIR [--dataset mnist|fashion] [--epoch-scale X]\n"
        "\n"
        "Trains the app's pretrained defaults from seed 0 and writes DIR/<dataset>-<kind>.safetensors\n"
        "in float16: ae (AE-32), sparse (128-unit L1 code), denoise (Gaussian σ 0.5), vae (2-D latent,\n"
        "for the manifold), conv, and pca (32 components). Prints one JSON line per file.");
    return 0;
  }
  apply_threads(options);
  const std::string dir = options.text("out-dir", "");
  if (dir.empty()) throw std::invalid_argument("--out-dir DIR is required");
  const double scale = options.real("epoch-scale", 1.0);
  if (!(scale > 0 && scale <= 10)) throw std::invalid_argument("--epoch-scale must be in (0, 10]");
  const Split split = load_split(options.text("dataset", "mnist"));
  bn::ModelConfig pca_config;
  pca_config.kind = bn::ModelKind::kPca;
  const std::vector<Recipe> recipes = {ae32(), sparse(kSparseLambda),         denoising_gaussian(), vae(2),
                                       conv(), Recipe{"pca32", pca_config, 1}};
  for (const Recipe& recipe : recipes) {
    auto model = bn::make_model(recipe.config);
    const int epochs = std::max(1, static_cast<int>(recipe.epochs * scale + 0.5));
    train_with_progress(*model, split, epochs, split.name + " " + recipe.name);
    const std::string path = dir + "/" + split.name + "-" + bn::kind_name(recipe.config.kind) + ".safetensors";
    bn::save_model(*model, path, bn::WeightType::kF16,
                   {{"bottleneck.trained", split.name + ", " + std::to_string(epochs) + " epochs, seed 0"}});
    const bn::Evaluation e = bn::evaluate(*bn::load_model(path), split.test);  // as the app will see it
    JsonLine line;
    line.text("file", path).text("kind", bn::kind_name(recipe.config.kind)).number("epochs", epochs);
    line.number("test_loss", e.loss.total).number("test_mse", e.mse).print();
  }
  return 0;
}

}  // namespace bn_cli
