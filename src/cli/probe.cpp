#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"

namespace bn_cli {

int run_probe(const std::vector<std::string>& args) {
  Options options(args, {"model", "dataset", "labels", "seed", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck probe --model FILE [--dataset mnist|fashion] [--labels N] [--seed S]\n"
        "\n"
        "The few-label linear probe: softmax regression on the codes of N labelled training examples\n"
        "(N/10 per class, picked by a seeded shuffle; N = 100 by default), against the same on raw\n"
        "pixels. Prints both test accuracies as one JSON line.");
    return 0;
  }
  apply_threads(options);
  auto model = load_model_option(options);
  const std::string path = options.text("model", "");
  const Split split = load_split(options.text("dataset", "mnist"));
  const int labels = static_cast<int>(options.integer("labels", 100, 10, 60000));
  const ProbeScores scores =
      probe_scores(*model, split, labels, static_cast<uint64_t>(options.integer("seed", 0, 0, 1LL << 53)));
  JsonLine line;
  line.text("model", path).text("dataset", split.name).number("labels", labels);
  line.number("codes_accuracy", scores.codes).number("pixels_accuracy", scores.pixels);
  line.print();
  return 0;
}

}  // namespace bn_cli
