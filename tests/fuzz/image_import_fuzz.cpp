// libFuzzer: a picture file's bytes, as the CLI takes them into "yours" (src/cli/picture_file.cpp:
// the header check, stb_image, then the MNIST-style conversion), and as the page asks of them
// before the browser decodes them (bn::read_image_header).
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/picture_file.h"
#include "core/data/image_header.h"
#include "core/data/own_images.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    bn::read_image_header(data, size);
  } catch (const bn::DatasetError&) {
  }
  bn::OwnImages own;
  bn_cli::add_picture(own, "fuzz.png", std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
