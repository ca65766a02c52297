// Images as CSV text, one image a row, the way Kaggle's "mnist_train.csv" and numpy.savetxt write
// them.
//
//   784 values a row: the pixels, row by row, 0–255, or 0–1 when no value in the file exceeds 1.
//   785 values a row: a label (a whole number 0–254) and the pixels. Without a header the label is
//   the first column; with a header it is the column named "label", or else the first.
//   A header row (any field that is not a number) is optional. Commas separate values; a file
//   with none in its first line may use semicolons or tabs.
//
//   bn::CsvImages csv = bn::parse_image_csv(text, 20000);
//   csv.pixels;   // csv.count() · 784 bytes, white ink on black as in MNIST
//   csv.skipped;  // rows that could not be read; csv.first_problem says why the first one was not
//
// A bad row is skipped and the rest are read; a file with no usable row throws bn::DatasetError.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bn {

struct CsvImages {
  std::vector<uint8_t> pixels;  // count() · 784
  std::vector<uint8_t> labels;  // count(); kNoLabel for rows without a label column
  int skipped = 0;              // rows that could not be read
  int left_out = 0;             // good rows beyond `max_images`
  std::string first_problem;    // "row 12: 783 values; a row has 784 pixels and an optional label"
  int count() const { return static_cast<int>(labels.size()); }
};

// Reads at most `max_images` images. Throws bn::DatasetError when not one row can be used.
CsvImages parse_image_csv(const std::string& text, int max_images);

}  // namespace bn
