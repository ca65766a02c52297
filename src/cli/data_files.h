// Where the CLI finds the converted data sets: $BOTTLENECK_DATA, else the build's .deps/data.
#pragma once

#include <cstdlib>
#include <string>

namespace bn_cli {

inline std::string data_file(const std::string& name) {
  const char* dir = std::getenv("BOTTLENECK_DATA");
  return std::string(dir && *dir ? dir : BOTTLENECK_DEFAULT_DATA_DIR) + "/" + name;
}

}  // namespace bn_cli
