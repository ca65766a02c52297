// A guard for JSON from outside: how deeply it nests, checked by one flat pass before a parser
// that recurses (nlohmann's values copy and free themselves recursively) ever sees it. A
// safetensors header nests three levels and our model config two, so a file nested hundreds of
// levels deep is hostile, not a model: it is refused with the depth, instead of overflowing the
// stack (a crash natively, an uncatchable RangeError in WebAssembly that leaks the heap).
//
//   bn::check_json_nesting(text, bn::kMaxJsonNesting, "the header");   // throws std::invalid_argument
#pragma once

#include <string>
#include <string_view>

namespace bn {

inline constexpr int kMaxJsonNesting = 16;

// Throws std::invalid_argument ("the header nests arrays and objects more than 16 deep") when an
// array or object opens inside more than `most` others; brackets inside strings do not count.
// Says nothing of whether the text is valid JSON: the parser that follows does.
void check_json_nesting(std::string_view text, int most, const std::string& what);

}  // namespace bn
