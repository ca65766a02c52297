// "Yours": a data set made of the files a user brings, PNG and JPEG pictures (already decoded by
// the platform) and CSVs, gathered one file at a time. A file that cannot be used is skipped with
// its reason, and the rest still count. The page (dropped files, folders and zips) and the CLI
// (`--dataset path`) both build it here, so the same files give the same data set.
//
//   bn::OwnImages own;
//   own.add_image("3/photo.png", {rgba, width, height, 4});  // labelled 3: its folder is "3"
//   own.add_csv("more.csv", text);
//   own.skip("notes.txt", "not a PNG, JPEG or CSV file");
//   bn::Dataset all = own.build();                          // throws when nothing could be used
//   auto [train, test] = bn::split_own_images(all);
//   std::string said = own.report();   // "20 images; 1 skipped: broken.png (not an image)"
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/image_import.h"

namespace bn {

// More than this many images are left out (and counted): 20,000 images are 15.7 MB.
inline constexpr int kMaxOwnImages = 20000;

// The label a file's folder gives it: a folder named "0" to "9" holds that digit's images
// ("train/7/a.png" is a 7). Anything else is unlabelled (kNoLabel).
uint8_t label_from_path(const std::string& path);

class OwnImages {
 public:
  explicit OwnImages(int max_images = kMaxOwnImages) : max_images_(max_images) {}

  // Converts the picture (see image_import.h); a bad one is skipped with the reason.
  void add_image(const std::string& path, const ImageView& image);
  // Every row of the CSV (see image_csv.h); bad rows are skipped, a file with none good is.
  void add_csv(const std::string& path, const std::string& text);
  // A file the platform could not read or decode.
  void skip(const std::string& path, const std::string& reason);

  int count() const { return static_cast<int>(labels_.size()); }
  int skipped_files() const { return skipped_files_; }
  int skipped_rows() const { return skipped_rows_; }
  // The images as a data set named "yours". Throws bn::DatasetError, with the reasons files were
  // skipped, when there is not one image.
  Dataset build() const;
  // What came in and what did not: "20 images; 2 skipped: a.png (too large: ...), b.txt (...)".
  std::string report() const;

 private:
  void keep(const uint8_t* pixels, uint8_t label);

  int max_images_;
  std::vector<uint8_t> pixels_;
  std::vector<uint8_t> labels_;
  struct Skip {
    std::string file;
    std::string why;
    bool whole_file;  // false: a CSV with bad rows, whose good rows were read
  };
  std::vector<Skip> skipped_;
  int skipped_files_ = 0;
  int skipped_rows_ = 0;
  int left_out_ = 0;  // good images beyond max_images_
};

// Every tenth image (index % 10 == 9) is for testing, as in PRODUCT.md's MNIST-10k split; with
// fewer than ten, the last one is. Throws bn::DatasetError for fewer than two images.
std::pair<Dataset, Dataset> split_own_images(const Dataset& all);

}  // namespace bn
