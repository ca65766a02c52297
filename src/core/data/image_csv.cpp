#include "core/data/image_csv.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/data/dataset.h"

namespace bn {

namespace {

constexpr int kPixels = 28 * 28;

// One line's fields, as views into the text (which stays alive while they are used).
struct Field {
  const char* begin;
  const char* end;
};

std::vector<Field> split_fields(const char* begin, const char* end, char separator) {
  std::vector<Field> fields;
  const char* start = begin;
  for (const char* p = begin; p <= end; ++p)
    if (p == end || *p == separator) {
      fields.push_back({start, p});
      start = p + 1;
    }
  return fields;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '\''; }

std::string trimmed(Field field) {
  while (field.begin < field.end && is_blank(*field.begin)) ++field.begin;
  while (field.end > field.begin && is_blank(field.end[-1])) --field.end;
  return std::string(field.begin, field.end);
}

// A finite number filling the whole field (spaces and quotes around it allowed).
std::optional<float> number_in(Field field) {
  while (field.begin < field.end && is_blank(*field.begin)) ++field.begin;
  while (field.end > field.begin && is_blank(field.end[-1])) --field.end;
  if (field.begin == field.end) return std::nullopt;
  char buffer[64];
  const size_t length = static_cast<size_t>(field.end - field.begin);
  if (length >= sizeof buffer) return std::nullopt;
  std::copy(field.begin, field.end, buffer);
  buffer[length] = '\0';
  char* used = nullptr;
  const float value = std::strtof(buffer, &used);
  if (used != buffer + length || !std::isfinite(value)) return std::nullopt;
  return value;
}

char separator_of(const char* begin, const char* end) {
  const char* comma = std::find(begin, end, ',');
  if (comma != end) return ',';
  if (std::find(begin, end, ';') != end) return ';';
  if (std::find(begin, end, '\t') != end) return '\t';
  return ',';
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

CsvImages parse_image_csv(const std::string& text, int max_images) {
  CsvImages out;
  const char* const text_end = text.data() + text.size();
  char separator = 0;
  int label_column = -1;  // from the header; -1: decided by each row's width
  int header_width = 0;   // 0: no header
  bool fractions = true;  // no value above 1 yet: the file is in 0–1
  std::vector<float> values(kPixels);
  int row = 0;
  auto problem = [&](const std::string& why) {
    ++out.skipped;
    if (out.first_problem.empty()) out.first_problem = "row " + std::to_string(row) + ": " + why;
  };

  for (const char* line = text.data(); line < text_end;) {
    const char* line_end = std::find(line, text_end, '\n');
    const char* next = line_end == text_end ? text_end : line_end + 1;
    ++row;
    const bool blank = std::all_of(line, line_end, [](char c) { return is_blank(c); });
    if (blank) {
      line = next;
      continue;
    }
    if (!separator) separator = separator_of(line, line_end);
    const std::vector<Field> fields = split_fields(line, line_end, separator);
    const int width = static_cast<int>(fields.size());

    const bool first_line = out.count() == 0 && out.skipped == 0 && header_width == 0;
    if (first_line && std::any_of(fields.begin(), fields.end(), [](Field f) { return !number_in(f); })) {
      if (width != kPixels && width != kPixels + 1)
        throw DatasetError("its header has " + std::to_string(width) +
                           " columns; a CSV of images has 784 pixel columns and an optional label column");
      header_width = width;
      if (width == kPixels + 1) {
        label_column = 0;
        for (int i = 0; i < width; ++i)
          if (lower(trimmed(fields[static_cast<size_t>(i)])) == "label") label_column = i;
      }
      line = next;
      continue;
    }

    line = next;
    if ((header_width && width != header_width) || (width != kPixels && width != kPixels + 1)) {
      problem(std::to_string(width) + " values; a row has 784 pixels and an optional label");
      continue;
    }
    const int label_at = width == kPixels ? -1 : (label_column >= 0 ? label_column : 0);
    uint8_t label = kNoLabel;
    bool good = true;
    int pixel = 0;
    for (int i = 0; i < width && good; ++i) {
      const std::optional<float> value = number_in(fields[static_cast<size_t>(i)]);
      if (!value) {
        problem("'" + trimmed(fields[static_cast<size_t>(i)]) + "' is not a number");
        good = false;
      } else if (i == label_at) {
        if (*value < 0 || *value > 254 || *value != std::floor(*value)) {
          problem("the label " + trimmed(fields[static_cast<size_t>(i)]) + " is not a whole number from 0 to 254");
          good = false;
        } else {
          label = static_cast<uint8_t>(*value);
        }
      } else if (*value < 0 || *value > 255) {
        problem("the pixel value " + trimmed(fields[static_cast<size_t>(i)]) + " is outside 0–255");
        good = false;
      } else {
        values[static_cast<size_t>(pixel++)] = *value;
      }
    }
    if (!good) continue;
    if (out.count() >= max_images) {
      ++out.left_out;
      continue;
    }
    const bool above_one = std::any_of(values.begin(), values.end(), [](float v) { return v > 1.0f; });
    if (fractions && above_one) {
      // The rows read so far were taken as 0–1; in a 0–255 file their values (all 0 or 1) are
      // nearly black, which is what rounding them again gives.
      for (uint8_t& p : out.pixels) p = p >= 128 ? 1 : 0;
      fractions = false;
    }
    const float scale = fractions ? 255.0f : 1.0f;
    for (float v : values) out.pixels.push_back(static_cast<uint8_t>(std::lround(std::min(v * scale, 255.0f))));
    out.labels.push_back(label);
  }
  if (out.count() == 0) {
    if (!out.first_problem.empty()) throw DatasetError("no row could be read (" + out.first_problem + ")");
    throw DatasetError("it has no rows of pixels");
  }
  return out;
}

}  // namespace bn
