#include "cli/experiments.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>

#include "cli/own_dataset.h"
#include "core/eval/evaluate.h"
#include "core/eval/linear_probe.h"
#include "core/eval/metrics.h"
#include "core/io/safetensors.h"
#include "core/models/memory_estimate.h"
#include "core/parallel/thread_pool.h"
#include "core/train/fit.h"

namespace bn_cli {

namespace {

std::string data_file(const std::string& name) {
  const char* dir = std::getenv("BOTTLENECK_DATA");
  return std::string(dir && *dir ? dir : BOTTLENECK_DEFAULT_DATA_DIR) + "/" + name;
}

}  // namespace

Split load_split(const std::string& name) {
  if (name == "mnist") {
    auto [train, test] = bn::split_mnist10k(bn::load_dataset(data_file("mnist10k.bnds")));
    return {name, std::move(train), std::move(test)};
  }
  if (name == "fashion")
    return {name, bn::load_dataset(data_file("fashion-train.bnds")), bn::load_dataset(data_file("fashion-test.bnds"))};
  return load_own_split(name);
}

std::string other_dataset(const std::string& name) { return name == "mnist" ? "fashion" : "mnist"; }

const char* const kModelOptionsHelp =
    "model options (defaults: AE-32 of PRODUCT.md):\n"
    "  --kind K            ae | sparse | denoise | vae | conv | pca                 (ae)\n"
    "  --hidden 256,128    encoder widths; the decoder mirrors them\n"
    "  --latent N          code size                                                (32)\n"
    "  --channels 16,32    conv: the two convolutions' channels\n"
    "  --activation A      relu | leaky_relu | tanh | sigmoid                       (relu)\n"
    "  --loss L            bce | mse                                                (bce)\n"
    "  --beta B            vae: weight of the KL term                               (1)\n"
    "  --sparsity P        sparse: l1 | kl                                          (l1)\n"
    "  --lambda X          sparse: penalty weight                                   (0.001)\n"
    "  --rho R             sparse, kl: target mean activation                       (0.05)\n"
    "  --noise T           none | gaussian | salt_pepper | mask | blur  (denoise: gaussian)\n"
    "  --noise-level X     σ, p, block side or blur σ                     (denoise: 0.5)\n"
    "  --optimizer O       adam | sgd                                               (adam)\n"
    "  --lr X              learning rate                                            (0.001)\n"
    "  --momentum M        sgd momentum                                             (0.9)\n"
    "  --batch N           batch size                                               (64)\n"
    "  --init I            torch | he | glorot                                      (torch)\n"
    "  --seed S            initialisation, shuffling and noise                      (0)\n"
    "  --threads N         compute threads                                (every core)\n";

const std::set<std::string>& model_option_names() {
  static const std::set<std::string> names = {
      "kind",  "hidden",      "latent",    "channels", "activation", "loss",  "beta", "sparsity", "lambda", "rho",
      "noise", "noise-level", "optimizer", "lr",       "momentum",   "batch", "init", "seed",     "threads"};
  return names;
}

bn::ModelConfig model_config_from(const Options& options, bn::ModelConfig c) {
  c.kind = bn::parse_kind(options.text("kind", bn::kind_name(c.kind)));
  c.hidden = options.integer_list("hidden", c.hidden);
  c.latent = static_cast<int>(options.integer("latent", c.latent, 1, 4096));
  c.channels = options.integer_list("channels", c.channels);
  c.activation = bn::parse_activation(options.text("activation", bn::activation_name(c.activation)));
  c.loss = bn::parse_loss(options.text("loss", bn::loss_name(c.loss)));
  c.beta = static_cast<float>(options.real("beta", c.beta));
  c.sparsity = bn::parse_sparsity(options.text("sparsity", bn::sparsity_name(c.sparsity)));
  c.lambda = static_cast<float>(options.real("lambda", c.lambda));
  c.rho = static_cast<float>(options.real("rho", c.rho));
  if (c.kind == bn::ModelKind::kDenoising && c.noise.type == bn::NoiseType::kNone)
    c.noise = bn::typical_noise(bn::NoiseType::kGaussian);
  c.noise.type = bn::parse_noise_type(options.text("noise", bn::noise_type_name(c.noise.type)));
  c.noise.level = static_cast<float>(options.real("noise-level", c.noise.level));
  c.optimizer = bn::parse_optimizer(options.text("optimizer", bn::optimizer_name(c.optimizer)));
  c.learning_rate = static_cast<float>(options.real("lr", c.learning_rate));
  c.momentum = static_cast<float>(options.real("momentum", c.momentum));
  c.batch_size = static_cast<int>(options.integer("batch", c.batch_size, 1, 4096));
  c.init = bn::parse_init(options.text("init", bn::init_name(c.init)));
  c.seed = static_cast<uint64_t>(options.integer("seed", static_cast<long long>(c.seed), 0, 1LL << 53));
  bn::validate(c);
  return c;
}

void check_memory(const bn::ModelConfig& config) {
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return;  // unknown: nothing to compare with
  const uint64_t budget = static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size) / 4 * 3;
  const bn::MemoryEstimate estimate = bn::estimate_memory(config);
  if (estimate.total() > budget)
    throw std::invalid_argument("the model (" + bn::describe(config) + ") needs about " +
                                bn::format_bytes(estimate.total()) + " (" + bn::describe(estimate, config) +
                                "), more than the " + bn::format_bytes(budget) +
                                " this machine can give it (three quarters of its memory)");
}

std::unique_ptr<bn::Model> load_model_option(const Options& options) {
  const std::string path = options.text("model", "");
  if (path.empty()) throw std::invalid_argument("--model FILE is required");
  const std::vector<uint8_t> bytes = bn::read_file_bytes(path);
  const bn::FileConfig file = bn::read_file_config(bytes, path);
  if (!file.assumed.empty())
    std::fprintf(stderr, "%s: no Bottleneck config in its metadata; from its tensors: %s; assumed: %s\n", path.c_str(),
                 bn::describe(file.config).c_str(), file.assumed.c_str());
  check_memory(file.config);
  return bn::load_model_bytes(bytes, path);
}

int apply_threads(const Options& options) {
  const long long cores = std::max(1u, std::thread::hardware_concurrency());
  bn::set_compute_threads(static_cast<int>(options.integer("threads", cores, 1, 16)));
  return bn::compute_threads();
}

void train_with_progress(bn::Model& model, const Split& split, int epochs, const std::string& label) {
  const auto start = std::chrono::steady_clock::now();
  const bn::Matrix probe = split.test.batch_range(0, std::min(1000, split.test.count()));
  bn::fit(model, split.train, epochs, [&](int epoch) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "%s: epoch %d/%d, test loss %.4f (%s), %.0f s\n", label.c_str(), epoch, epochs,
                 model.loss(probe), model.loss_unit().c_str(), seconds);
  });
}

double anomaly_auroc(bn::Model& model, const Split& split, const Split& other) {
  const bn::Matrix normal = split.test.batch_range(0, split.test.count());
  const bn::Matrix anomalous = other.test.batch_range(0, other.test.count());
  return bn::auroc(bn::per_image_mse(bn::reconstruct_all(model, normal), normal),
                   bn::per_image_mse(bn::reconstruct_all(model, anomalous), anomalous));
}

ProbeScores probe_scores(bn::Model& model, const Split& split, int labels, uint64_t seed) {
  const std::vector<int> picked = bn::pick_labelled(split.train.labels, labels, seed);
  const bn::Dataset labelled = split.train.subset(picked, "labelled");
  const bn::Matrix train_pixels = labelled.batch_range(0, labelled.count());
  const bn::Matrix test_pixels = split.test.batch_range(0, split.test.count());
  ProbeScores scores;
  scores.codes = bn::linear_probe(bn::encode_all(model, train_pixels), labelled.labels,
                                  bn::encode_all(model, test_pixels), split.test.labels)
                     .accuracy;
  scores.pixels = bn::linear_probe(train_pixels, labelled.labels, test_pixels, split.test.labels).accuracy;
  return scores;
}

}  // namespace bn_cli
