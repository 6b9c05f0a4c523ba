// Errors are one line of text (docs/reference.md §11): control characters of a quoted value are
// escaped.
#include <doctest/doctest.h>

#include "vshop/error.hpp"

using namespace vshop;

TEST_CASE("R-ERR-1: control characters in an error message are escaped as \\u00XX") {
  const absl::Status s = error(ErrorCode::kNotFound, "expert: no expert \"%s\"", "a\x01\nb\x7f");
  CHECK(std::string(s.message()) == "expert: no expert \"a\\u0001\\u000ab\\u007f\"");
  CHECK(error_code_of(s) == ErrorCode::kNotFound);
  CHECK(error_code_of(make_error(ErrorCode::kLimitExceeded, "x: y")) == ErrorCode::kLimitExceeded);
}
