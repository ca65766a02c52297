// A user's own picture made into a 28×28 image the way MNIST's digits were made.
//
// MNIST's digits are white ink on black, their ink box scaled to fit 20×20 (keeping the aspect
// ratio) and then placed so the centre of mass sits at the centre of the 28×28 image. A photo of a
// digit written on paper is the other way round: dark ink on a light background, anywhere in a
// frame of any size. `mnist_style_image` does what it takes to make one look like the other:
//
//   1. grey: luma of RGB; a transparent pixel counts as background;
//   2. inverted when the background (the median of the border pixels) is light;
//   3. the background level subtracted and the ink stretched to full range, faint paper texture
//      (under a tenth of the ink's range) dropped;
//   4. the ink box cropped and resized by area averaging to fit 20×20;
//   5. placed in 28×28 with its centre of mass at the centre.
//
//   bn::ImageView photo{rgba.data(), width, height, 4};
//   std::vector<uint8_t> digit = bn::mnist_style_image(photo);   // 784 bytes, or bn::DatasetError
//
// The browser decodes PNG and JPEG and the CLI uses stb_image; both hand the pixels here, so a
// folder of images gives the same data set in the page and on the command line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bn {

// Decoded pixels, row-major, `channels` bytes a pixel: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
struct ImageView {
  const uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int channels = 0;
};

// The largest picture taken, in pixels (a 16-megapixel photo); larger ones are refused, not
// allocated.
inline constexpr int64_t kMaxImportPixels = int64_t{4096} * 4096;

// Throws bn::DatasetError ("too large: 20000x20000 pixels (at most 16 megapixels)") for a picture
// over kMaxImportPixels: the page and the CLI ask with a file's header before they decode it.
void check_import_size(int width, int height);

// 28·28 bytes, white ink on black. Throws bn::DatasetError with the reason for a bad shape, an
// image too large, or one with nothing on it.
std::vector<uint8_t> mnist_style_image(const ImageView& image);

}  // namespace bn
