// Small scanners shared by the `HH:MM-HH:MM` parser and the OSM `opening_hours` parser, so that
// both accept exactly the same clock times.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/digits.hpp"
#include "vshop/hours/opening_hours.hpp"

namespace vshop::hours {

using vshop::scan_fixed_digits;

// Reads `HH:MM` at `pos` (exactly two digits each) and advances `pos` past it. Returns minutes
// since midnight, or -1 with `why` filled. `24:00` is accepted only when `allow_24`.
inline int scan_clock_time(std::string_view s, std::size_t& pos, bool allow_24, std::string& why) {
  const int h = scan_fixed_digits(s, pos, 2);
  if (h < 0 || pos + 2 >= s.size() || s[pos + 2] != ':') {
    why = "expected HH:MM";
    return -1;
  }
  const int m = scan_fixed_digits(s, pos + 3, 2);
  if (m < 0) {
    why = "expected HH:MM";
    return -1;
  }
  if (m > 59) {
    why = "minute " + std::to_string(m) + " out of range";
    return -1;
  }
  if (h > 24 || (h == 24 && (m != 0 || !allow_24))) {
    why = allow_24 ? "hour " + std::to_string(h) + " out of range 00..24"
                   : "hour " + std::to_string(h) + " out of range 00..23";
    return -1;
  }
  pos += 5;
  return h * 60 + m;
}

// Builds an interval from minutes; a close of 0 (`00:00`) is stored as 1440 (`24:00`).
LocalInterval make_local_interval(int open_minute, int close_minute);

}  // namespace vshop::hours
