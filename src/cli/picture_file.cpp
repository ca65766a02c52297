#include "cli/picture_file.h"

#include <memory>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#include <stb/stb_image.h>

#include "core/data/image_header.h"
#include "core/data/image_import.h"

namespace bn_cli {

void add_picture(bn::OwnImages& own, const std::string& name, const std::string& bytes) {
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  bn::ImageHeader header;
  try {
    header = bn::read_image_header(data, bytes.size());
    bn::check_import_size(header.width, header.height);  // before anything is decoded into memory
  } catch (const bn::DatasetError& e) {
    return own.skip(name, e.what());
  }
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, static_cast<int>(bytes.size()), &width, &height, &channels, 0), stbi_image_free);
  if (!pixels) return own.skip(name, std::string("a broken PNG or JPEG image (") + stbi_failure_reason() + ")");
  own.add_image(name, {pixels.get(), width, height, channels});
}

}  // namespace bn_cli
