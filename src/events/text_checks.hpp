// Checks on free text sent by the website (category path, search terms).
#pragma once

#include <cstddef>
#include <string_view>

namespace vshop::events {

// Unicode code points in valid UTF-8 text (simdjson has already validated it).
std::size_t code_point_count(std::string_view utf8);

// The text without leading and trailing ASCII whitespace.
std::string_view trim_ascii(std::string_view text);

// True when a value looks like a templating or serialization accident: trimmed, it is
// `undefined`, `null`, `nan` or `[object Object]` in any case, or it contains `{{` or `${`.
bool looks_like_template_leak(std::string_view text);

}  // namespace vshop::events
