#include "core/data/own_images.h"

#include <algorithm>

#include "core/data/image_csv.h"

namespace bn {

namespace {

constexpr int kSide = 28;
constexpr int kPixels = kSide * kSide;
// How many skipped files the report names; the rest are counted.
constexpr size_t kNamedSkips = 3;

std::string file_name(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string plural(int count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

uint8_t label_from_path(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  if (slash == std::string::npos || slash == 0) return kNoLabel;
  const size_t parent = path.find_last_of("/\\", slash - 1);
  const std::string folder = path.substr(parent == std::string::npos ? 0 : parent + 1,
                                         parent == std::string::npos ? slash : slash - parent - 1);
  if (folder.size() == 1 && folder[0] >= '0' && folder[0] <= '9') return static_cast<uint8_t>(folder[0] - '0');
  return kNoLabel;
}

void OwnImages::keep(const uint8_t* pixels, uint8_t label) {
  if (count() >= max_images_) {
    ++left_out_;
    return;
  }
  pixels_.insert(pixels_.end(), pixels, pixels + kPixels);
  labels_.push_back(label);
}

void OwnImages::add_image(const std::string& path, const ImageView& image) {
  try {
    const std::vector<uint8_t> digit = mnist_style_image(image);
    keep(digit.data(), label_from_path(path));
  } catch (const DatasetError& e) {
    skip(path, e.what());
  }
}

void OwnImages::add_csv(const std::string& path, const std::string& text) {
  try {
    const CsvImages csv = parse_image_csv(text, std::max(0, max_images_ - count()));
    for (int i = 0; i < csv.count(); ++i) keep(csv.pixels.data() + static_cast<size_t>(i) * kPixels, csv.labels[i]);
    left_out_ += csv.left_out;
    skipped_rows_ += csv.skipped;
    if (csv.skipped > 0)
      skipped_.push_back(
          {file_name(path), plural(csv.skipped, "row", "rows") + " skipped; " + csv.first_problem, false});
  } catch (const DatasetError& e) {
    skip(path, e.what());
  }
}

void OwnImages::skip(const std::string& path, const std::string& reason) {
  skipped_.push_back({file_name(path), reason, true});
  ++skipped_files_;
}

Dataset OwnImages::build() const {
  if (count() == 0) throw DatasetError("none of the files gave an image: " + report());
  Dataset all;
  all.name = "yours";
  all.rows = all.cols = kSide;
  all.pixels = pixels_;
  all.labels = labels_;
  return all;
}

std::string OwnImages::report() const {
  std::string text = plural(count(), "image", "images");
  if (left_out_ > 0)
    text += " (" + std::to_string(left_out_) + " more left out: at most " + std::to_string(max_images_) + ")";
  if (skipped_.empty()) return text;
  text += "; ";
  if (skipped_files_ > 0) text += plural(skipped_files_, "file", "files") + " skipped";
  if (skipped_rows_ > 0)
    text += std::string(skipped_files_ > 0 ? ", " : "") + plural(skipped_rows_, "CSV row", "CSV rows") + " skipped";
  text += ": ";
  // A CSV with bad rows is named with its first problem; its good rows were read.
  for (size_t i = 0; i < std::min(skipped_.size(), kNamedSkips); ++i)
    text += (i ? ", " : "") + skipped_[i].file + " (" + skipped_[i].why + ")";
  if (skipped_.size() > kNamedSkips) text += ", and " + std::to_string(skipped_.size() - kNamedSkips) + " more";
  return text;
}

std::pair<Dataset, Dataset> split_own_images(const Dataset& all) {
  if (all.count() < 2)
    throw DatasetError("one image is not enough: a data set needs at least two, one to train on and one to test");
  std::vector<int> train, test;
  for (int i = 0; i < all.count(); ++i) (i % 10 == 9 ? test : train).push_back(i);
  if (test.empty()) {
    test.push_back(train.back());
    train.pop_back();
  }
  return {all.subset(train, all.name + " (train)"), all.subset(test, all.name + " (test)")};
}

}  // namespace bn
