// Where the tests find the converted data sets (.deps/data, filled by ./build.sh deps).
#pragma once

#include <cstdlib>
#include <string>

namespace bn_test {

inline std::string data_path(const std::string& file) {
  const char* dir = std::getenv("BOTTLENECK_DATA");
  return std::string(dir && *dir ? dir : BOTTLENECK_DEFAULT_DATA_DIR) + "/" + file;
}

}  // namespace bn_test
