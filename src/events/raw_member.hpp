// The raw bytes of a top-level member's value, found from simdjson's structural index of a
// document it has parsed: what docs/events.md's "byte-identical" payload comparison compares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vshop::events {

// The text of the value of the first top-level member named `key` (written without escapes)
// of the object `text`, from its opening to its closing bracket, when that value is an object
// or an array; empty otherwise. `structurals` is simdjson's index of `text` after a successful
// parse.
std::string_view raw_member_container(std::string_view text, const std::uint32_t* structurals,
                                      std::size_t count, std::string_view key);

}  // namespace vshop::events
