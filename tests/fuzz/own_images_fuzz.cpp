// libFuzzer: decoded pixels of any size and channel count into the MNIST-style conversion, as the
// page hands over what the browser decoded (width, height, channels, then the pixels).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/image_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const int width = 1 + data[0] % 64, height = 1 + data[1] % 64, channels = 1 + data[2] % 4;
  std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * channels);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = 3 + i < size ? data[3 + i] : 0;
  try {
    bn::mnist_style_image({pixels.data(), width, height, channels});
  } catch (const bn::DatasetError&) {
  }
  return 0;
}
