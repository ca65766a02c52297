// PNG and JPEG headers read before decoding (issue 29): the size of a picture before it is
// decoded, and the structure stb_image 2.27 trusts (a chunk larger than the file; a Huffman table
// of more than 256 codes, which writes past the table in a 9-byte file).
#include "core/data/image_header.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/data/dataset.h"

namespace {

using Bytes = std::vector<uint8_t>;

void put32(Bytes& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}
void put16(Bytes& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}

// A chunk: length, type, data and a CRC (zero: the header reader does not check it, the decoder does).
void chunk(Bytes& out, const std::string& type, const Bytes& data, uint32_t claimed_length = 0xffffffffu) {
  put32(out, claimed_length == 0xffffffffu ? static_cast<uint32_t>(data.size()) : claimed_length);
  out.insert(out.end(), type.begin(), type.end());
  out.insert(out.end(), data.begin(), data.end());
  put32(out, 0);
}

Bytes png(uint32_t width, uint32_t height, uint32_t idat_claim = 0xffffffffu, bool iend = true) {
  Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes ihdr;
  put32(ihdr, width);
  put32(ihdr, height);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});
  chunk(out, "IHDR", ihdr);
  chunk(out, "IDAT", {1, 2, 3}, idat_claim);
  if (iend) chunk(out, "IEND", {});
  return out;
}

// SOI, a DC and (unless `ac_table` is false) an AC Huffman table of `codes` codes each, a frame of
// width x height, and a scan of one component that uses both tables.
Bytes jpeg(uint16_t width, uint16_t height, int codes = 12, uint8_t frame = 0xc0, bool ac_table = true) {
  Bytes out = {0xff, 0xd8};
  Bytes tables;
  for (uint8_t table_class : {0x00, 0x10}) {
    if (table_class == 0x10 && !ac_table) continue;
    tables.push_back(table_class);
    for (int i = 0, left = codes; i < 16; ++i, left -= std::min(left, 255))
      tables.push_back(static_cast<uint8_t>(std::min(left, 255)));
    for (int i = 0; i < std::min(codes, 256); ++i) tables.push_back(static_cast<uint8_t>(i));
  }
  out.insert(out.end(), {0xff, 0xc4});
  put16(out, static_cast<uint16_t>(tables.size() + 2));
  out.insert(out.end(), tables.begin(), tables.end());
  out.insert(out.end(), {0xff, frame});
  put16(out, 11);
  out.push_back(8);
  put16(out, height);
  put16(out, width);
  out.insert(out.end(), {1, 1, 0x11, 0});
  out.insert(out.end(), {0xff, 0xda, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0});
  out.insert(out.end(), {0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0xff, 0xd9});  // data, a restart, EOI
  return out;
}

bn::ImageHeader header_of(const Bytes& bytes) { return bn::read_image_header(bytes.data(), bytes.size()); }

}  // namespace

TEST_CASE("image header: a PNG's and a JPEG's size, before decoding", "[data][hostile]") {
  const bn::ImageHeader p = header_of(png(20000, 30));
  CHECK(p.format == bn::ImageFormat::kPng);
  CHECK(p.width == 20000);
  CHECK(p.height == 30);
  const bn::ImageHeader j = header_of(jpeg(640, 480));
  CHECK(j.format == bn::ImageFormat::kJpeg);
  CHECK(j.width == 640);
  CHECK(j.height == 480);
  CHECK(j.pixels() == 640 * 480);
  CHECK(header_of(jpeg(8, 8, 12, 0xc2)).width == 8);  // progressive
}

TEST_CASE("image header: damaged and hostile files are refused with the reason", "[data][hostile]") {
  auto refused = [](const Bytes& bytes, const std::string& why) {
    CHECK_THROWS_WITH(header_of(bytes), Catch::Contains(why));
  };
  refused({}, "not a readable PNG or JPEG");
  refused({'G', 'I', 'F', '8', '9', 'a'}, "not a readable PNG or JPEG");
  refused(png(10, 10, 1u << 30), "a chunk runs past the end of the file");  // stb would reserve 1 GB
  refused(png(10, 10, 0xfffffff0u), "a chunk runs past the end of the file");
  refused(png(10, 10, 0xffffffffu, false), "ends before its IEND");
  refused(png(0, 10), "0 pixels");
  refused(png(0x80000000u, 1), "pixels wide or high");
  refused(jpeg(0, 10), "0 pixels");
  refused(jpeg(10, 10, 300), "300 codes, more than 256");
  refused(jpeg(10, 10, 12, 0xc9), "arithmetic-coded");
  refused(jpeg(10, 10, 12, 0xc0, false), "a scan uses a Huffman table it never defined");
  CHECK(header_of(jpeg(10, 10, 12, 0xc2, false)).width == 10);  // a progressive DC scan needs no AC table
  // The 9-byte file that made stb_image 2.27 write past its Huffman table.
  refused({0xff, 0xd8, 0xff, 0xc4, 0x00, 0x07, 0x00, 0xff, 0xff}, "damaged JPEG");
  refused({0xff, 0xd8, 0xff, 0xc4, 0x00, 0x05, 0x00, 0xff, 0xff}, "a Huffman table is cut short");
  Bytes truncated = jpeg(10, 10);
  truncated.resize(truncated.size() - 22);
  refused(truncated, "damaged JPEG");
  refused({0xff, 0xd8, 0xff, 0xd9}, "no image data");
}

TEST_CASE("image header: every cut of a good file is refused or read, never read past", "[data][hostile]") {
  for (const Bytes& whole : {png(7, 9), jpeg(7, 9)})
    for (size_t size = 0; size <= whole.size(); ++size) {
      const Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(size));
      try {
        const bn::ImageHeader header = header_of(cut);
        CHECK(header.width == 7);
      } catch (const bn::DatasetError&) {
      }
    }
}

// Every input that once crashed the picture fuzz target (tests/fuzz/regressions) is refused here,
// before stb_image sees it.
TEST_CASE("image header: the fuzzer's crashes are refused", "[data][hostile]") {
  namespace fs = std::filesystem;
  const fs::path regressions = fs::path(BOTTLENECK_SOURCE_DIR) / "tests/fuzz/regressions/image_import_fuzz";
  int files = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(regressions)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK_THROWS_AS(header_of(bytes), bn::DatasetError);
    ++files;
  }
  CHECK(files >= 1);
}
