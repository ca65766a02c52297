// bottleneck: the command-line face of the core, natively and under node.
//
//   bottleneck train [--epochs N] [--seed S] [--lr X] [--batch B] [--latent K] [--hidden 256,128]
//   bottleneck bench [--repeats N]
//
// Progress goes to stderr; results go to stdout as one JSON line.
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
      "  train   train a model on MNIST-10k and print its test metrics as JSON\n"
      "  bench   measure GEMM throughput and training-step time, as JSON\n"
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
    if (command == "bench") return bn_cli::run_bench(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bottleneck %s: %s\n", command.c_str(), e.what());
    return 1;
  }
  std::fprintf(stderr, "bottleneck: unknown command '%s'\n\n", command.c_str());
  print_usage(stderr);
  return 2;
}
