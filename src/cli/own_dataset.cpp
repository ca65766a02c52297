#include "cli/own_dataset.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/picture_file.h"
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

// A picture or CSV this large is not one of a data set of 28x28 images: refused before it is read.
constexpr std::uintmax_t kLargestFile = std::uintmax_t{256} << 20;

std::string read_bytes(const fs::path& path) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > kLargestFile) throw bn::DatasetError("over 256 MB, too large to be one picture or CSV");
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
  add_picture(own, name, bytes);
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
