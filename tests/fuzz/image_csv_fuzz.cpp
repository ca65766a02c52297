// libFuzzer: a CSV of images, as "Your images" and `--dataset file.csv` read it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/data/dataset.h"
#include "core/data/image_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    bn::parse_image_csv(std::string(reinterpret_cast<const char*>(data), size), 50);
  } catch (const bn::DatasetError&) {
  }
  return 0;
}
