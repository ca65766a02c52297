#include "cli/own_dataset.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#include <stb/stb_image.h>

#include "core/data/own_images.h"

namespace bn_cli {

namespace fs = std::filesystem;

namespace {

enum class FileKind { kImage, kCsv, kOther };

FileKind kind_of(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (extension == ".png" || extension == ".jpg" || extension == ".jpeg") return FileKind::kImage;
  if (extension == ".csv") return FileKind::kCsv;
  return FileKind::kOther;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw bn::DatasetError("cannot be opened");
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

void add_file(bn::OwnImages& own, const fs::path& path, const std::string& name) {
  const FileKind kind = kind_of(path);
  if (kind == FileKind::kOther) return own.skip(name, "not a PNG, JPEG or CSV file");
  std::string bytes;
  try {
    bytes = read_bytes(path);
  } catch (const bn::DatasetError& e) {
    return own.skip(name, e.what());
  }
  if (kind == FileKind::kCsv) return own.add_csv(name, bytes);
  int width = 0, height = 0, channels = 0;
  // Dimensions first: a huge picture is refused before it is decoded into memory.
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int size = static_cast<int>(std::min<size_t>(bytes.size(), 1u << 30));
  if (!stbi_info_from_memory(data, size, &width, &height, &channels))
    return own.skip(name, std::string("not a readable PNG or JPEG image (") + stbi_failure_reason() + ")");
  if (static_cast<int64_t>(width) * height > bn::kMaxImportPixels)
    return own.add_image(name, {data, width, height, 1});  // refused, with the size, by the conversion
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load_from_memory(data, size, &width, &height, &channels, 0),
                                                   stbi_image_free);
  if (!pixels) return own.skip(name, std::string("a broken PNG or JPEG image (") + stbi_failure_reason() + ")");
  own.add_image(name, {pixels.get(), width, height, channels});
}

}  // namespace

Split load_own_split(const std::string& path) {
  const fs::path root(path);
  std::error_code error;
  bn::OwnImages own;
  if (fs::is_directory(root, error)) {
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
      const bool hidden = it->path().filename().string().rfind('.', 0) == 0;
      if (hidden && it->is_directory()) it.disable_recursion_pending();
      if (!hidden && it->is_regular_file()) files.push_back(it->path());
    }
    if (error) throw bn::DatasetError(path + ": cannot be read (" + error.message() + ")");
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) add_file(own, file, fs::relative(file, root).generic_string());
  } else if (fs::is_regular_file(root, error)) {
    add_file(own, root, root.filename().string());
  } else {
    throw std::invalid_argument("unknown dataset '" + path +
                                "' (expected mnist, fashion, or a folder or .csv file of your own)");
  }
  const bn::Dataset all = own.build();
  auto [train, test] = bn::split_own_images(all);
  std::fprintf(stderr, "yours (%s): %s; %d to train on, %d to test\n", path.c_str(), own.report().c_str(),
               train.count(), test.count());
  return {"yours", std::move(train), std::move(test)};
}

}  // namespace bn_cli
