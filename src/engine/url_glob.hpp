// R-DISPLAY-2: URL allow/deny patterns are globs over the whole URL.
#pragma once

#include <string_view>

namespace vshop::engine_detail {

// Whether `pattern` matches all of `text`: `*` matches any run of characters (none included),
// `?` one character, anything else itself (case-sensitive). Linear in |text| per star, so a
// hostile pattern cannot make a query hang: O(|pattern| * |text|) at worst.
bool glob_matches(std::string_view pattern, std::string_view text);

}  // namespace vshop::engine_detail
