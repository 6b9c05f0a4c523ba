// Where a document simdjson rejected goes wrong: the 0-based byte offset named by the critical
// issue (R-EVT-3). simdjson reports what failed but not where, so each failure kind is located
// with the cheapest sufficient means: a UTF-8 scan, a count of simdjson's own structural
// characters, a string-literal scan, or simdjson On-Demand walking to the failing token. None of
// these builds values; they run only after a failed parse, so they cost nothing on good input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simdjson.h"

namespace vshop::events {

// Offset of the first byte that does not belong to a valid UTF-8 sequence (size if none).
std::size_t first_invalid_utf8(std::string_view text);

// Offset of the first `{` or `[` that opens nesting level `max_depth + 1`, from simdjson's
// structural index (which already excludes brackets inside strings); nullopt-like `text.size()`
// when there is none.
std::size_t first_too_deep_bracket(std::string_view text, const std::uint32_t* structurals,
                                   std::size_t count, std::size_t max_depth);

// How many bytes of `text` are `{` or `[` (an upper bound of the structural ones).
std::size_t count_opening_brackets(std::string_view text);

// Offset of the first raw control character inside a string literal, or of the opening quote
// of a string that never closes; `text.size()` when neither.
std::size_t first_string_fault(std::string_view text);

// Numbers simdjson refuses although they are well-formed JSON: beyond double range (`1e400`,
// "not a number" per docs/events.md) or integers beyond 64 bits that a double holds. Rewrites each
// such token in place, same length, padded with spaces: an out-of-range one becomes `false`
// (a non-number value), a large integer its nearest double. Returns the offset of the first
// malformed number token, or `text.size()` when every number token was well-formed.
std::size_t repair_numbers(std::string& text, const std::uint32_t* structurals, std::size_t count,
                           bool& changed);

// Walks the whole document with simdjson On-Demand (`parser` is reused between calls) and
// returns the offset of the token where it fails (or of trailing content); `text.size()` when
// it finds nothing. It reads a copy followed by spaces, so the offset does not depend on the
// bytes after `text`. Its nesting must not exceed `max_depth` (On-Demand asserts rather than
// fails on that).
std::size_t locate_with_on_demand(simdjson::ondemand::parser& parser, std::string_view text,
                                  std::size_t max_depth);

}  // namespace vshop::events
