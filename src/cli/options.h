// A tiny "--name value" parser that turns every malformed value into a message naming the option.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/models/model_config.h"

namespace bn_cli {

class Options {
 public:
  // `known` lists the options that take a value; "--help" is always accepted.
  Options(const std::vector<std::string>& args, const std::set<std::string>& known) {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg == "--help" || arg == "-h") {
        help_ = true;
        continue;
      }
      if (arg.rfind("--", 0) != 0 || !known.count(arg.substr(2)))
        throw std::invalid_argument("unknown option '" + arg + "' (see --help)");
      if (i + 1 >= args.size()) throw std::invalid_argument("option " + arg + " needs a value");
      values_[arg.substr(2)] = args[++i];
    }
  }

  bool help() const { return help_; }

  std::string text(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }

  long long integer(const std::string& name, long long fallback, long long low, long long high) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    size_t used = 0;
    long long value = 0;
    try {
      value = std::stoll(it->second, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != it->second.size())
      throw std::invalid_argument("--" + name + " expects a whole number, got '" + it->second + "'");
    if (value < low || value > high)
      throw std::invalid_argument("--" + name + " must be between " + std::to_string(low) + " and " +
                                  std::to_string(high));
    return value;
  }

  double real(const std::string& name, double fallback) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    size_t used = 0;
    double value = 0;
    try {
      value = std::stod(it->second, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != it->second.size())
      throw std::invalid_argument("--" + name + " expects a number, got '" + it->second + "'");
    return value;
  }

  std::vector<int> integer_list(const std::string& name, const std::vector<int>& fallback) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    try {
      return bn::parse_widths(it->second);
    } catch (const std::invalid_argument&) {
      throw std::invalid_argument("--" + name + " expects comma-separated whole numbers, got '" + it->second + "'");
    }
  }

 private:
  std::map<std::string, std::string> values_;
  bool help_ = false;
};

}  // namespace bn_cli
