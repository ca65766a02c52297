// The JSON nesting guard (issue 29): a safetensors header nested thousands deep overflowed the
// CLI's stack and threw an uncatchable RangeError in the page.
#include "core/io/json_nesting.h"

#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

TEST_CASE("JSON nesting: counts arrays and objects, not brackets in strings", "[io][hostile]") {
  CHECK_NOTHROW(bn::check_json_nesting(R"({"a": {"shape": [1, 2]}})", 3, "it"));
  CHECK_THROWS_WITH(bn::check_json_nesting(R"({"a": {"shape": [[1]]}})", 3, "it"),
                    "it nests arrays and objects more than 3 deep");
  CHECK_NOTHROW(bn::check_json_nesting(R"({"a": "[[[[[[[[\"[[[[["})", 1, "it"));
  CHECK_NOTHROW(bn::check_json_nesting(R"(["\\", "[[[[["])", 1, "it"));
  CHECK_NOTHROW(bn::check_json_nesting("]]]]}}}}[", 1, "it"));  // invalid, but for the parser to say
}

TEST_CASE("JSON nesting: a megabyte of brackets is refused in one pass", "[io][hostile]") {
  const std::string deep(1 << 20, '[');
  CHECK_THROWS_AS(bn::check_json_nesting(deep, bn::kMaxJsonNesting, "it"), std::invalid_argument);
  std::string wide;
  for (int i = 0; i < 100000; ++i) wide += "[],";
  CHECK_NOTHROW(bn::check_json_nesting("[" + wide + "[]]", 2, "it"));
}
