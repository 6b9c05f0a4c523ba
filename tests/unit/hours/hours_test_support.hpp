// Small helpers for the opening-hours tests: instants from text, hours from `HH:MM-HH:MM`
// strings, intervals back as text so that failures print readably.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doctest/doctest.h"
#include "vshop/error.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/time.hpp"

namespace vshop::hours::testing {

enum Day { kMon = 0, kTue, kWed, kThu, kFri, kSat, kSun };

inline Instant at(std::string_view text) {
  const absl::StatusOr<Instant> t = parse_rfc3339(text);
  REQUIRE_MESSAGE(t.ok(), std::string(text));
  return *t;
}

inline std::vector<LocalInterval> ivs(std::initializer_list<std::string_view> texts) {
  std::vector<LocalInterval> out;
  for (std::string_view text : texts) {
    const absl::StatusOr<LocalInterval> iv = parse_local_interval(text, "test");
    REQUIRE_MESSAGE(iv.ok(), std::string(text));
    out.push_back(*iv);
  }
  return out;
}

inline date::local_days local_date(int y, unsigned m, unsigned d) {
  return date::local_days{date::year{y} / date::month{m} / date::day{d}};
}

inline OpeningHours compile(std::string_view zone, WeeklyHours hours) {
  absl::StatusOr<OpeningHours> oh = OpeningHours::create(zone, std::move(hours));
  REQUIRE_MESSAGE(oh.ok(), std::string(oh.status().message()));
  return *oh;
}

// Intervals as "open/close" RFC 3339 text.
inline std::vector<std::string> text(const std::vector<OpenInterval>& list) {
  std::vector<std::string> out;
  for (const OpenInterval& iv : list) {
    out.push_back(format_instant(iv.open) + "/" + format_instant(iv.close));
  }
  return out;
}

inline std::vector<std::string> text(const absl::StatusOr<std::vector<OpenInterval>>& list) {
  REQUIRE_MESSAGE(list.ok(), std::string(list.status().message()));
  return text(*list);
}

inline std::string next_text(const OpeningHours& oh, std::string_view t) {
  const std::optional<Instant> next = oh.next_change(at(t));
  return next ? format_instant(*next) : "none";
}

}  // namespace vshop::hours::testing
