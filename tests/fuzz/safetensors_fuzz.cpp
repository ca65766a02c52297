// libFuzzer: a model file's bytes, as `bottleneck eval --model`, Load model... and the JavaScript
// API's loadModel read them: the config (from the metadata or the tensors' shapes), the tensors,
// and the whole model. Any input may be refused, with bn::SafetensorsError or std::invalid_argument;
// nothing may crash, read out of bounds, overflow or allocate far beyond the input's size.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  try {
    bn::read_tensors(bytes, "fuzz");
  } catch (const std::exception&) {
  }
  try {
    bn::read_file_config(bytes, "fuzz");
    bn::load_model_bytes(bytes, "fuzz");
  } catch (const std::exception&) {
  }
  return 0;
}
