// The CLI's subcommands, one file each; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace bn_cli {

int run_train(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);
int run_pca(const std::vector<std::string>& args);
int run_probe(const std::vector<std::string>& args);
int run_anomaly(const std::vector<std::string>& args);
int run_quality(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);
int run_reconstruct(const std::vector<std::string>& args);
int run_bench(const std::vector<std::string>& args);

}  // namespace bn_cli
