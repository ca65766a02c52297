// Builds the one JSON object a command prints on stdout (numbers, strings and nested objects).
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace bn_cli {

class JsonLine {
 public:
  JsonLine& number(const std::string& key, double value, int digits = 6) {
    char text[64];
    if (std::isfinite(value)) std::snprintf(text, sizeof text, "%.*g", digits, value);
    else std::snprintf(text, sizeof text, "null");
    return raw(key, text);
  }
  JsonLine& text(const std::string& key, const std::string& value) {
    std::string quoted = "\"";
    for (char c : value) {
      if (c == '"' || c == '\\') quoted += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) quoted += c;
    }
    return raw(key, quoted + "\"");
  }
  JsonLine& object(const std::string& key, const JsonLine& inner) { return raw(key, inner.str()); }
  JsonLine& raw(const std::string& key, const std::string& json) {
    body_ += (body_.empty() ? "\"" : ", \"") + key + "\": " + json;
    return *this;
  }
  std::string str() const { return "{" + body_ + "}"; }
  void print() const {
    std::printf("%s\n", str().c_str());
    std::fflush(stdout);
  }

 private:
  std::string body_;
};

}  // namespace bn_cli
