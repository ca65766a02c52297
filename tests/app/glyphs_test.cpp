// Every character the interface draws has a glyph in the font (src/app/ui/glyph_ranges.h): a
// character outside the loaded ranges is drawn as '?'. Both the UI's own string literals and the
// strings that come from elsewhere (the core's model descriptions, the presets) are checked.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "app/session/dataset_catalog.h"
#include "app/session/presets.h"
#include "app/session/tabs.h"
#include "app/ui/glyph_ranges.h"
#include "core/models/model.h"

namespace {

std::string hex(uint32_t code_point) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", code_point);
  return text;
}

// The string literals of one line of C++ (escapes kept as written; comment lines skipped).
std::vector<std::string> string_literals(const std::string& line) {
  std::vector<std::string> literals;
  const size_t code = line.find_first_not_of(" \t");
  if (code == std::string::npos || line.compare(code, 2, "//") == 0) return literals;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '/' && i + 1 < line.size() && line[i + 1] == '/') break;  // a comment after the code
    if (line[i] == '\'' && i + 2 < line.size()) {
      i += line[i + 1] == '\\' ? 3 : 2;  // a character literal, which may be '"'
      continue;
    }
    if (line[i] != '"') continue;
    std::string literal;
    for (++i; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) literal += line[i++];
      literal += line[i];
    }
    literals.push_back(literal);
  }
  return literals;
}

}  // namespace

TEST_CASE("glyphs: the glyph check reads UTF-8 and names what is missing", "[glyphs]") {
  CHECK(bn_app::first_missing_glyph("AE-32: λ 0.001, β 4, σ ± 0.5 × 2 → 1 ◀ ▶ −") == 0);
  CHECK(bn_app::first_missing_glyph("日本") == 0x65E5);
  CHECK(bn_app::first_missing_glyph("ok 🙂") == 0x1F642);
  CHECK(bn_app::first_missing_glyph("\xCE") == 0xFFFD);          // cut short
  CHECK(bn_app::first_missing_glyph("\xE2\x28\xA1") == 0xFFFD);  // a bad continuation byte
}

TEST_CASE("glyphs: what the core and the session say has a glyph for every character", "[glyphs]") {
  std::vector<std::string> shown;
  for (const char* kind : {"ae", "sparse", "denoise", "vae", "conv", "pca"}) {
    bn::ModelConfig config;
    config.kind = bn::parse_kind(kind);
    if (config.kind == bn::ModelKind::kDenoising) config.noise = {bn::NoiseType::kGaussian, 0.5f};
    shown.push_back(bn::describe(config));
    config.sparsity = bn::SparsityPenalty::kKl;
    shown.push_back(bn::describe(config));
    if (config.kind != bn::ModelKind::kPca) shown.push_back(bn::make_model(config)->loss_unit());
  }
  for (const bn_app::Preset& preset : bn_app::presets()) {
    shown.push_back(preset.name);
    shown.push_back(preset.caption);
  }
  for (const bn_app::TabInfo& tab : bn_app::kTabs) shown.push_back(tab.name);
  for (const bn_app::DatasetInfo& data : bn_app::kDatasets) {
    shown.push_back(data.title);
    shown.push_back(data.items);
  }
  for (const std::string& text : shown) {
    INFO(text);
    CHECK(hex(bn_app::first_missing_glyph(text)) == hex(0));
  }
}

TEST_CASE("glyphs: every string literal in src/app and src/core has a glyph for every character", "[glyphs]") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* folder : {"src/app", "src/core"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(BOTTLENECK_SOURCE_DIR) / folder)) {
      const std::string extension = entry.path().extension().string();
      if (extension != ".cpp" && extension != ".h") continue;
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        for (const std::string& literal : string_literals(line)) {
          INFO(entry.path().string() << ":" << number << ": \"" << literal << "\"");
          CHECK(hex(bn_app::first_missing_glyph(literal)) == hex(0));
        }
      }
    }
  }
  CHECK(files > 50);
}
