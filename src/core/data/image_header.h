// What a PNG or JPEG file says it is, read from its bytes before anything decodes it: its format
// and size, and whether its structure holds together. The CLI runs it before stb_image and the
// page before the browser's decoder, so a picture of 20000x20000 pixels is refused with its size
// instead of taking gigabytes, and a damaged file is refused with the reason.
//
//   bn::ImageHeader header = bn::read_image_header(bytes.data(), bytes.size());  // or bn::DatasetError
//   if (header.pixels() > bn::kMaxImportPixels) ...
//
// The checks are structural, not a decoder's:
//   PNG   the signature, IHDR first (13 bytes), and every chunk's length inside the file, up to
//         IEND: a chunk claiming a gigabyte in a 102-byte file would make a decoder reserve it.
//   JPEG  every segment from SOI to EOI, scans included, each inside the file; the frame's size from its
//         SOF (baseline, extended or progressive Huffman; arithmetic, lossless and hierarchical
//         JPEGs are refused, as stb_image cannot read them); every Huffman table's code counts
//         summing to at most 256, and every scan using only tables defined before it: the two
//         checks stb_image 2.27 (Debian 12's) lacks. Without them a 9-byte file writes past a
//         table, and a scan decodes with a table of uninitialised memory.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bn {

enum class ImageFormat { kPng, kJpeg };

struct ImageHeader {
  ImageFormat format = ImageFormat::kPng;
  int width = 0;
  int height = 0;
  int64_t pixels() const { return static_cast<int64_t>(width) * height; }
};

// Throws bn::DatasetError: "not a readable PNG or JPEG image", "a damaged PNG image (a chunk runs past the
// end of the file)", ...
ImageHeader read_image_header(const uint8_t* bytes, size_t size);

}  // namespace bn
