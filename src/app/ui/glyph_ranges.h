// The characters the interface's font is loaded with. ImGui rasterises only the ranges it is given
// and draws '?' for anything else, so every character the UI shows (its own strings, the core's
// model descriptions with λ and β, the captions) must fall inside them; tests/app/glyphs_test.cpp
// checks that. DejaVu Sans, the font on both platforms, has a glyph for every code point listed.
#pragma once

#include <cstdint>
#include <string>

namespace bn_app {

// Pairs of first and last code points, ending with 0, as ImGui's AddFont* take them.
inline constexpr uint32_t kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin and Latin-1: × ± ° · é
    0x0370, 0x03FF,  // Greek: λ β ρ σ μ
    0x2010, 0x205E,  // punctuation: – — ‘ ’ “ ” • …
    0x2190, 0x21FF,  // arrows: ← → ↔
    0x2200, 0x22FF,  // mathematical operators: − ≤ ≥ ≈ √ ∞
    0x25A0, 0x25FF,  // geometric shapes: ◀ ▶ ●
    0,
};

inline bool has_glyph(uint32_t code_point) {
  for (int i = 0; kGlyphRanges[i] != 0; i += 2)
    if (code_point >= kGlyphRanges[i] && code_point <= kGlyphRanges[i + 1]) return true;
  return false;
}

// The first code point of `utf8` the font has no glyph for (a broken byte sequence counts as
// U+FFFD), or 0 when it can draw all of it.
inline uint32_t first_missing_glyph(const std::string& utf8) {
  for (size_t i = 0; i < utf8.size();) {
    const auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(utf8[k])); };
    const uint32_t lead = byte(i);
    const int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > utf8.size()) return 0xFFFD;
    uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return 0xFFFD;
      code_point = (code_point << 6) | (byte(i + k) & 0x3F);
    }
    if (code_point >= 0x20 && !has_glyph(code_point)) return code_point;
    i += static_cast<size_t>(length);
  }
  return 0;
}

}  // namespace bn_app
