// libFuzzer: a .bnds data set's bytes, as the page's downloads and the CLI's data files are read.
#include <cstddef>
#include <cstdint>

#include "core/data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const bn::Dataset set = bn::parse_dataset(data, size, "fuzz");
    if (set.count() > 0) set.batch({0, set.count() - 1});
  } catch (const bn::DatasetError&) {
  }
  return 0;
}
