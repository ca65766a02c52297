#include "app/session/state_writer.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace bn_app {

void JsonStateWriter::number(const char* key, double value) {
  if (!std::isfinite(value)) return null(key);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  value_(key, buffer);
}

void JsonStateWriter::text(const char* key, const std::string& value) {
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", c);
      quoted += escape;
      continue;
    }
    quoted += c;
  }
  value_(key, quoted + "\"");
}

void JsonStateWriter::value_(const char* key, const std::string& value) {
  if (!first_) text_ += ",";
  first_ = false;
  if (in_array_.back() == '0') text_ += "\"" + std::string(key ? key : "") + "\":";
  text_ += value;
}

void JsonStateWriter::open_(const char* key, char bracket) {
  value_(key, std::string(1, bracket));
  in_array_ += bracket == '[' ? '1' : '0';
  first_ = true;
}

void JsonStateWriter::close_(char bracket) {
  text_ += bracket;
  in_array_.pop_back();
  first_ = false;
}

void StateFingerprint::number(const char* key, double value) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  mix(key, bytes, sizeof bytes);
}

void StateFingerprint::mix(const char* key, const char* bytes, size_t size) {
  constexpr uint64_t kPrime = 1099511628211ull;  // FNV-1a's
  // The key's length and the value's, so that ("ab", "c") and ("a", "bc") differ.
  const size_t key_size = key ? std::strlen(key) : 0;
  for (size_t i = 0; i < key_size; ++i) hash_ = (hash_ ^ static_cast<unsigned char>(key[i])) * kPrime;
  hash_ = (hash_ ^ (key_size + 1)) * kPrime;
  for (size_t i = 0; i < size; ++i) hash_ = (hash_ ^ static_cast<unsigned char>(bytes[i])) * kPrime;
  hash_ = (hash_ ^ (size + 0x100)) * kPrime;
}

}  // namespace bn_app
