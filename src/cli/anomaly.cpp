#include <cstdio>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"

namespace bn_cli {

int run_anomaly(const std::vector<std::string>& args) {
  Options options(args, {"model", "dataset", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck anomaly --model FILE [--dataset mnist|fashion]\n"
        "\n"
        "Anomaly detection by reconstruction error: the data set's test images are normal, the other\n"
        "data set's test images (Fashion-MNIST for MNIST, and the reverse) are anomalies. Prints the\n"
        "AUROC of per-image MSE as one JSON line.");
    return 0;
  }
  apply_threads(options);
  auto model = load_model_option(options);
  const std::string path = options.text("model", "");
  const Split split = load_split(options.text("dataset", "mnist"));
  const Split other = load_split(other_dataset(split.name));
  JsonLine line;
  line.text("model", path).text("dataset", split.name).text("anomalies", other.name);
  line.number("auroc", anomaly_auroc(*model, split, other));
  line.print();
  return 0;
}

}  // namespace bn_cli
