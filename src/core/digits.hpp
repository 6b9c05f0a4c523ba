// Fixed-width decimal digit scanning shared by every fixed-format text parser in the core
// (RFC 3339 instants, local dates, HH:MM clock times).
#pragma once

#include <cstddef>
#include <string_view>

namespace vshop {

// Reads exactly `n` decimal digits at `pos`; -1 when they are not all digits or run past the end.
inline int scan_fixed_digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace vshop
