#include "core/data/image_header.h"

#include <algorithm>
#include <string>

#include "core/data/dataset.h"

namespace bn {

namespace {

uint32_t big_endian32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 |
         p[3];
}

uint16_t big_endian16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }

[[noreturn]] void damaged(const char* format, const std::string& why) {
  throw DatasetError(std::string("a damaged ") + format + " image (" + why + ")");
}

int checked_side(uint32_t side, const char* format) {
  if (side < 1 || side > 0x7fffffffu) damaged(format, "it says it is " + std::to_string(side) + " pixels wide or high");
  return static_cast<int>(side);
}

ImageHeader read_png(const uint8_t* bytes, size_t size) {
  constexpr size_t kSignature = 8;
  ImageHeader header;
  header.format = ImageFormat::kPng;
  size_t at = kSignature;
  bool first = true;
  for (;;) {
    if (size - at < 12) damaged("PNG", first ? "no IHDR chunk" : "it ends before its IEND chunk");
    const uint32_t length = big_endian32(bytes + at);
    const uint8_t* type = bytes + at + 4;
    if (length > size - at - 12) damaged("PNG", "a chunk runs past the end of the file");
    const std::string name(reinterpret_cast<const char*>(type), 4);
    if (first) {
      if (name != "IHDR" || length != 13) damaged("PNG", "it does not begin with an IHDR chunk");
      header.width = checked_side(big_endian32(type + 4), "PNG");
      header.height = checked_side(big_endian32(type + 8), "PNG");
      first = false;
    }
    at += 12 + length;
    if (name == "IEND") return header;
  }
}

bool is_frame_marker(uint8_t marker) {
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

// Which Huffman tables a JPEG has defined so far: [class][id], class 0 DC and 1 AC.
using DefinedTables = bool[2][4];

// DHT: tables of 1 class-and-id byte, 16 code counts and the codes' values, back to back.
void check_huffman_tables(const uint8_t* table, size_t length, DefinedTables& defined) {
  size_t at = 0;
  while (at < length) {
    if (length - at < 17) damaged("JPEG", "a Huffman table is cut short");
    if ((table[at] >> 4) > 1 || (table[at] & 15) > 3) damaged("JPEG", "a Huffman table has a bad class or number");
    size_t codes = 0;
    for (int i = 1; i <= 16; ++i) codes += table[at + i];
    if (codes > 256) damaged("JPEG", "a Huffman table has " + std::to_string(codes) + " codes, more than 256");
    if (codes > length - at - 17) damaged("JPEG", "a Huffman table runs past its segment");
    defined[table[at] >> 4][table[at] & 15] = true;
    at += 17 + codes;
  }
}

// SOS: each component of the scan names the tables it is decoded with, and a table never defined
// is one stb_image 2.27 decodes from uninitialised memory. A progressive DC scan uses only DC
// tables (none when it refines), an AC scan only AC ones; a sequential scan uses both.
void check_scan_tables(const uint8_t* scan, size_t length, bool progressive, const DefinedTables& defined) {
  if (length < 1) damaged("JPEG", "a scan header is cut short");
  const size_t components = scan[0];
  if (components < 1 || components > 4 || length < 1 + 2 * components + 3)
    damaged("JPEG", "a scan header is cut short");
  const uint8_t first_coefficient = scan[1 + 2 * components], refinement = scan[3 + 2 * components] >> 4;
  const bool dc = !progressive || (first_coefficient == 0 && refinement == 0);
  const bool ac = !progressive || first_coefficient > 0;
  for (size_t c = 0; c < components; ++c) {
    const uint8_t tables = scan[2 + 2 * c];
    if ((tables >> 4) > 3 || (tables & 15) > 3) damaged("JPEG", "a scan names a Huffman table that cannot exist");
    if ((dc && !defined[0][tables >> 4]) || (ac && !defined[1][tables & 15]))
      damaged("JPEG", "a scan uses a Huffman table it never defined");
  }
}

// Past a scan's header come its entropy-coded bytes, up to the next marker: 0xFF followed by
// anything but a stuffed 0x00 or a restart marker.
size_t end_of_scan(const uint8_t* bytes, size_t size, size_t at) {
  for (; at + 1 < size; ++at)
    if (bytes[at] == 0xff && bytes[at + 1] != 0x00 && !(bytes[at + 1] >= 0xd0 && bytes[at + 1] <= 0xd7)) return at;
  return size;
}

// Every segment up to EOI, scans included: a progressive JPEG defines Huffman tables between its
// scans, and stb_image reads those too.
ImageHeader read_jpeg(const uint8_t* bytes, size_t size) {
  ImageHeader header;
  header.format = ImageFormat::kJpeg;
  bool have_frame = false, have_scan = false, progressive = false;
  DefinedTables defined = {};
  size_t at = 2;
  for (;;) {
    while (at + 1 < size && bytes[at] == 0xff && bytes[at + 1] == 0xff) ++at;  // fill bytes
    if (size - at < 2) {
      if (have_scan) return header;  // cut short in its image data: the decoder says what it can
      damaged("JPEG", "it ends before its image data");
    }
    if (bytes[at] != 0xff) damaged("JPEG", "a segment does not start with a marker");
    const uint8_t marker = bytes[at + 1];
    at += 2;
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;  // markers without a length
    if (marker == 0xd9) {
      if (!have_scan) damaged("JPEG", "it has no image data");
      return header;
    }
    if (marker == 0xd8) damaged("JPEG", "it starts twice");
    if (size - at < 2) damaged("JPEG", "a segment is cut short");
    const size_t length = big_endian16(bytes + at);
    if (length < 2 || length > size - at) damaged("JPEG", "a segment runs past the end of the file");
    const uint8_t* body = bytes + at + 2;
    const size_t body_length = length - 2;
    if (marker == 0xc4) check_huffman_tables(body, body_length, defined);
    if (is_frame_marker(marker)) {
      if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2)
        throw DatasetError("a JPEG image in an arithmetic-coded, lossless or hierarchical form, which cannot be read");
      if (have_frame) damaged("JPEG", "it has two frames");
      if (body_length < 6) damaged("JPEG", "its frame header is cut short");
      header.height = checked_side(big_endian16(body + 1), "JPEG");
      header.width = checked_side(big_endian16(body + 3), "JPEG");
      have_frame = true;
      progressive = marker == 0xc2;
    }
    at += length;
    if (marker == 0xda) {
      if (!have_frame) damaged("JPEG", "its image data comes before its frame header");
      check_scan_tables(body, body_length, progressive, defined);
      have_scan = true;
      at = end_of_scan(bytes, size, at);
    }
  }
}

}  // namespace

ImageHeader read_image_header(const uint8_t* bytes, size_t size) {
  static const uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (size >= 8 && std::equal(kPngSignature, kPngSignature + 8, bytes)) return read_png(bytes, size);
  if (size >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff) return read_jpeg(bytes, size);
  throw DatasetError("not a readable PNG or JPEG image");
}

}  // namespace bn
