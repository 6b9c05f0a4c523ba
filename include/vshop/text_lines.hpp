// What a blank line of JSON Lines input is, for every reader of it (commands, journals,
// tracking events): blank lines are skipped but counted in line numbers.
#pragma once

#include <string_view>

#include "vshop/export.hpp"

namespace vshop {

// True for a line (without its `\n`) that is empty or holds only spaces, tabs and carriage
// returns: the JSON whitespace that can appear within a line. Any other byte (`\f`, `\v`, ...)
// makes the line a document, reported if it is not valid JSON.
VSHOP_API bool is_blank_line(std::string_view line);

}  // namespace vshop
