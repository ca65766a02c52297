// bottleneck: the command-line face of the core, natively and under node.
//
//   bottleneck train --kind ae|sparse|denoise|vae|conv --dataset mnist|fashion --epochs N --out FILE
//   bottleneck eval --model FILE --dataset D        bottleneck pca --components K
//   bottleneck probe --model FILE --labels 100      bottleneck anomaly --model FILE
//   bottleneck quality                              bottleneck export --out-dir DIR
//   bottleneck bench
//
// Progress goes to stderr; results go to stdout as JSON. Every command has --help.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

void print_usage(FILE* out) {
  std::fputs(
      "usage: bottleneck <command> [options]\n"
      "\n"
      "commands:\n"
      "  train     train a model (any kind) and print its test metrics; --out saves it\n"
      "  eval      test metrics of a saved model (with --noise: denoising PSNR)\n"
      "  pca       fit PCA with K components and print its test error\n"
      "  probe     few-label linear probe: codes against raw pixels\n"
      "  anomaly   AUROC of reconstruction error, the other data set as anomalies\n"
      "  quality   the whole reference quality table, as one JSON object (~30 min)\n"
      "  export    train the web app's pretrained weights (float16 safetensors)\n"
      "  reconstruct  run a saved model on images from a file (the PyTorch interop check)\n"
      "  bench     measure GEMM throughput and training-step time\n"
      "\n"
      "Run 'bottleneck <command> --help' for a command's options.\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    print_usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "train") return bn_cli::run_train(args);
    if (command == "eval") return bn_cli::run_eval(args);
    if (command == "pca") return bn_cli::run_pca(args);
    if (command == "probe") return bn_cli::run_probe(args);
    if (command == "anomaly") return bn_cli::run_anomaly(args);
    if (command == "quality") return bn_cli::run_quality(args);
    if (command == "export") return bn_cli::run_export(args);
    if (command == "reconstruct") return bn_cli::run_reconstruct(args);
    if (command == "bench") return bn_cli::run_bench(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bottleneck %s: %s\n", command.c_str(), e.what());
    return 1;
  }
  std::fprintf(stderr, "bottleneck: unknown command '%s'\n\n", command.c_str());
  print_usage(stderr);
  return 2;
}
