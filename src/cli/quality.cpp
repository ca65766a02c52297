// `bottleneck quality`: the whole reference table of issue 3, trained from scratch, as one JSON
// object {"mnist": {...}, "fashion": {...}} on stdout. Progress goes to stderr.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "cli/recipes.h"
#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"
#include "core/io/safetensors.h"
#include "core/models/model.h"

namespace bn_cli {

namespace {

struct Context {
  const Split& split;
  double epoch_scale;
  std::string save_dir;
};

std::unique_ptr<bn::Model> train_recipe(const Context& context, const Recipe& recipe) {
  auto model = bn::make_model(recipe.config);
  const int epochs = std::max(1, static_cast<int>(recipe.epochs * context.epoch_scale + 0.5));
  train_with_progress(*model, context.split, epochs, context.split.name + " " + recipe.name);
  if (!context.save_dir.empty())
    bn::save_model(*model, context.save_dir + "/" + context.split.name + "-" + recipe.name + ".safetensors",
                   bn::WeightType::kF32,
                   {{"bottleneck.trained", context.split.name + ", " + std::to_string(epochs) + " epochs"}});
  return model;
}

JsonLine quality_rows(const Context& context, const Split& other) {
  const Split& split = context.split;
  const bn::Matrix test_images = split.test.batch_range(0, split.test.count());
  JsonLine row;

  auto ae = train_recipe(context, ae32());
  row.number("ae32_mse", bn::evaluate(*ae, split.test).mse);
  row.number("auroc", anomaly_auroc(*ae, split, other));
  const ProbeScores probe = probe_scores(*ae, split, 100, 0);
  row.number("probe100_codes", probe.codes).number("probe100_pixels", probe.pixels);
  ae.reset();

  bn::ModelConfig pca_config;
  pca_config.kind = bn::ModelKind::kPca;
  auto pca = bn::make_model(pca_config);
  train_with_progress(*pca, split, 1, split.name + " pca32");
  row.number("pca32_mse", bn::evaluate(*pca, split.test).mse);
  pca.reset();

  for (const Recipe& recipe : {denoising_gaussian(), denoising_mask()}) {
    auto dae = train_recipe(context, recipe);
    const bn::DenoisingResult d = bn::evaluate_denoising(*dae, split.test, recipe.config.noise, 7);
    row.number(recipe.name + "_psnr", d.output_psnr).number(recipe.name + "_noisy_psnr", d.noisy_psnr);
  }

  for (int latent : {16, 2}) {
    auto model = train_recipe(context, vae(latent));
    const bn::Evaluation e = bn::evaluate(*model, split.test);
    const std::string key = "vae" + std::to_string(latent);
    row.number(key + "_neg_elbo", e.loss.total).number(key + "_reconstruction", e.loss.reconstruction);
    row.number(key + "_kl", e.loss.penalty);
  }

  row.number("conv_mse", bn::evaluate(*train_recipe(context, conv()), split.test).mse);

  for (float lambda : {kSparseLambda, 0.0f}) {
    auto model = train_recipe(context, sparse(lambda));
    const float mse = bn::evaluate(*model, split.test).mse;
    if (lambda > 0) {
      row.number("sparse_active", bn::active_fraction(bn::encode_all(*model, test_images)));
      row.number("sparse_mse", mse).number("sparse_lambda", lambda);
    } else {
      row.number("sparse0_active", bn::active_fraction(bn::encode_all(*model, test_images)));
      row.number("sparse0_mse", mse);
    }
  }
  return row;
}

}  // namespace

int run_quality(const std::vector<std::string>& args) {
  Options options(args, {"dataset", "epoch-scale", "save-dir", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck quality [--dataset mnist|fashion|both] [--epoch-scale X] [--save-dir DIR]\n"
        "\n"
        "Trains every recipe of the reference quality table from scratch (seed 0, Adam 1e-3, batch 64;\n"
        "20 epochs, VAE 30, conv 10) and prints {\"mnist\": {...}, \"fashion\": {...}} with the keys\n"
        "ae32_mse, pca32_mse, dae_gauss_psnr, dae_mask_psnr, vae16_neg_elbo, vae2_neg_elbo, conv_mse,\n"
        "auroc, probe100_codes, probe100_pixels, sparse_active, sparse_mse and sparse0_mse (and a few\n"
        "more). About half an hour on two cores.\n"
        "  --epoch-scale X   multiply every recipe's epochs (for a quick look; 1 = the real table)\n"
        "  --save-dir DIR    also save every trained model there as safetensors");
    return 0;
  }
  const int threads = apply_threads(options);
  const std::string which = options.text("dataset", "both");
  if (which != "mnist" && which != "fashion" && which != "both")
    throw std::invalid_argument("--dataset must be mnist, fashion or both");
  const double scale = options.real("epoch-scale", 1.0);
  if (!(scale > 0 && scale <= 10)) throw std::invalid_argument("--epoch-scale must be in (0, 10]");
  const auto start = std::chrono::steady_clock::now();
  const Split mnist = load_split("mnist");
  const Split fashion = load_split("fashion");
  JsonLine table;
  if (which != "fashion") table.object("mnist", quality_rows({mnist, scale, options.text("save-dir", "")}, fashion));
  if (which != "mnist") table.object("fashion", quality_rows({fashion, scale, options.text("save-dir", "")}, mnist));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  table.number("seconds", seconds, 5).number("threads", threads).number("epoch_scale", scale);
  table.print();
  return 0;
}

}  // namespace bn_cli
