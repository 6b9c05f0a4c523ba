// JSON text of a string value, escaped exactly as vshop's own canonical JSON (docs/reference.md
// §11), for hosts and the CLI that print lines beside vshop's output.
#pragma once

#include <string>
#include <string_view>

#include "vshop/export.hpp"

namespace vshop {

// Appends `value` as a JSON string literal (with quotes; `"`, `\\` and control characters
// escaped, non-ASCII kept as raw UTF-8) to `out`.
VSHOP_API void append_json_string(std::string& out, std::string_view value);

// The same, as a new string: json_quote("a\"b") == "\"a\\\"b\"".
VSHOP_API std::string json_quote(std::string_view value);

}  // namespace vshop
