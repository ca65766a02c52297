#include "core/io/json_nesting.h"

#include <stdexcept>

namespace bn {

void check_json_nesting(std::string_view text, int most, const std::string& what) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > most)
        throw std::invalid_argument(what + " nests arrays and objects more than " + std::to_string(most) + " deep");
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace bn
