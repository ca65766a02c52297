#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"

namespace bn_cli {

int run_eval(const std::vector<std::string>& args) {
  Options options(args, {"model", "dataset", "noise", "noise-level", "noise-seed", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck eval --model FILE [--dataset mnist|fashion] [--noise T --noise-level X]\n"
        "\n"
        "Loads a safetensors model (its config is in the file) and prints its test metrics as one JSON\n"
        "line: the model's own loss and its parts, reconstruction MSE, BCE and PSNR, the share of active\n"
        "code units, and with --noise the PSNR of the corrupted input and of the model's output.\n"
        "  --noise-seed S   the corruption's seed (7)");
    return 0;
  }
  apply_threads(options);
  auto model = load_model_option(options);
  const std::string path = options.text("model", "");
  const Split split = load_split(options.text("dataset", "mnist"));
  const bn::Evaluation e = bn::evaluate(*model, split.test);
  JsonLine line;
  line.text("model", path).text("kind", bn::kind_name(model->config().kind)).text("dataset", split.name);
  line.text("loss_unit", model->loss_unit()).number("test_loss", e.loss.total);
  line.number("test_reconstruction", e.loss.reconstruction).number("test_penalty", e.loss.penalty);
  line.number("test_mse", e.mse).number("test_bce", e.bce).number("test_psnr", e.psnr);
  const bn::Matrix test_images = split.test.batch_range(0, split.test.count());
  line.number("active_units", bn::active_fraction(bn::encode_all(*model, test_images)));
  const std::string noise = options.text("noise", "none");
  if (noise != "none") {
    const bn::Noise corruption{bn::parse_noise_type(noise), static_cast<float>(options.real("noise-level", 0.5))};
    bn::validate(corruption);
    const bn::DenoisingResult d = bn::evaluate_denoising(
        *model, split.test, corruption, static_cast<uint64_t>(options.integer("noise-seed", 7, 0, 1LL << 53)));
    line.number("noisy_psnr", d.noisy_psnr).number("output_psnr", d.output_psnr);
  }
  line.print();
  return 0;
}

}  // namespace bn_cli
