// The per-day records that answer is_open and next_change (src/hours/utc_block.hpp): their
// fallbacks (a day with more than six boundaries, boundaries off whole minutes, a next change
// too far ahead for 16 bits, a block too far in time for the hot slots) and a property test that
// they agree with the block's boundary list, which open_intervals reads (R-HOURS-4).
#include <random>

#include "hours/utc_block.hpp"
#include "unit/hours/hours_test_support.hpp"

namespace vshop::hours::testing {
namespace {

TEST_CASE("R-HOURS-4: a day with more than six boundaries is answered exactly") {
  WeeklyHours h;
  h.weekly[kMon] = ivs({"08:00-09:00", "10:00-11:00", "12:00-13:00", "14:00-15:00"});
  const OpeningHours oh = compile("UTC", h);
  // Monday 2026-11-23: eight boundaries, more than a record holds.
  CHECK_FALSE(oh.is_open(at("2026-11-23T09:30:00Z")));
  CHECK(oh.is_open(at("2026-11-23T12:00:00Z")));
  CHECK(oh.is_open(at("2026-11-23T14:59:59.999Z")));
  CHECK_FALSE(oh.is_open(at("2026-11-23T15:00:00Z")));
  CHECK(next_text(oh, "2026-11-23T00:00:00Z") == "2026-11-23T08:00:00Z");
  CHECK(next_text(oh, "2026-11-23T11:00:00Z") == "2026-11-23T12:00:00Z");
  CHECK(next_text(oh, "2026-11-23T15:00:00Z") == "2026-11-30T08:00:00Z");
  CHECK(next_text(oh, "2026-11-22T23:59:59Z") == "2026-11-23T08:00:00Z");  // from Sunday
}

TEST_CASE("R-HOURS-3: Africa/Monrovia at -00:44:30 (1971): boundaries off whole minutes") {
  WeeklyHours h;
  h.weekly[kTue] = ivs({"09:00-17:00"});
  const OpeningHours oh = compile("Africa/Monrovia", h);
  // Tuesday 1971-06-01 09:00 local = 09:44:30 UTC.
  CHECK_FALSE(oh.is_open(at("1971-06-01T09:44:29.999Z")));
  CHECK(oh.is_open(at("1971-06-01T09:44:30Z")));
  CHECK(oh.is_open(at("1971-06-01T17:44:29Z")));
  CHECK_FALSE(oh.is_open(at("1971-06-01T17:44:30Z")));
  CHECK(next_text(oh, "1971-06-01T09:44:00Z") == "1971-06-01T09:44:30Z");
  CHECK(next_text(oh, "1971-06-01T09:44:30Z") == "1971-06-01T17:44:30Z");
  // GMT since 1972-01-07: whole minutes again.
  CHECK(next_text(oh, "2026-11-23T12:00:00Z") == "2026-11-24T09:00:00Z");
}

TEST_CASE("R-HOURS-4: a next change 59 days ahead in the same block is found") {
  WeeklyHours h;  // block 160 covers 2026-01-27 .. 2026-06-03 (UTC)
  h.exceptions[local_date(2026, 2, 1)] = ivs({"10:00-11:00"});
  h.exceptions[local_date(2026, 4, 1)] = ivs({"10:00-11:00"});
  h.exceptions[local_date(2026, 4, 30)] = ivs({"10:00-11:00"});
  const OpeningHours oh = compile("UTC", h);
  CHECK(next_text(oh, "2026-02-01T11:00:00Z") == "2026-04-01T10:00:00Z");  // 59 days: far
  CHECK(next_text(oh, "2026-03-31T12:00:00Z") == "2026-04-01T10:00:00Z");
  CHECK(next_text(oh, "2026-04-01T11:00:00Z") == "2026-04-30T10:00:00Z");  // 29 days: inline
  CHECK(next_text(oh, "2026-04-30T11:00:00Z") == "none");
  CHECK(oh.is_open(at("2026-04-01T10:30:00Z")));
  CHECK_FALSE(oh.is_open(at("2026-03-01T10:30:00Z")));
}

TEST_CASE("R-HOURS-4: instants beyond the hot slots' reach are answered exactly") {
  WeeklyHours h;
  for (auto& day : h.weekly) day = ivs({"09:00-17:00"});
  const OpeningHours oh = compile("UTC", h);
  // Block 40,000 (year ~16,000) cannot be tagged in a hot slot: every query builds or finds it.
  const std::int64_t day_ms = 40'000 * detail::kBlockMs + 10 * detail::kDayMs;
  for (int repeat = 0; repeat < 2; ++repeat) {
    CHECK(oh.is_open(from_epoch_ms(day_ms + 10 * 3'600'000)));
    CHECK_FALSE(oh.is_open(from_epoch_ms(day_ms + 8 * 3'600'000)));
    CHECK(oh.next_change(from_epoch_ms(day_ms)) == from_epoch_ms(day_ms + 9 * 3'600'000));
  }
}

// Random weekly hours in zones with DST, half-hour and 45-minute offsets; is_open and
// next_change (from the day records) must agree with open_intervals (from the boundaries).
TEST_CASE("R-HOURS-4: day records agree with the boundary list (property)") {
  static const char* const kZones[] = {"Europe/Stockholm",    "America/New_York",
                                       "Australia/Lord_Howe", "Asia/Kathmandu",
                                       "America/Santiago",    "Africa/Monrovia"};
  std::mt19937_64 rng(20261126);
  const std::int64_t start_ms = to_epoch_ms(at("1968-01-01T00:00:00Z"));
  const std::int64_t span_ms = to_epoch_ms(at("2040-01-01T00:00:00Z")) - start_ms;
  int checked = 0;
  for (int store = 0; store < 60; ++store) {
    WeeklyHours h;
    for (auto& day : h.weekly) {
      const int n = static_cast<int>(rng() % 5);  // 0..4 intervals, up to 8 boundaries
      std::int16_t minute = static_cast<std::int16_t>(rng() % 240);
      for (int k = 0; k < n && minute < 1380; ++k) {
        const auto open = minute;
        const auto close = static_cast<std::int16_t>(
            (open + 15 + static_cast<std::int16_t>(rng() % 300)) % 1440 + 1);
        day.push_back({open, close});
        minute = static_cast<std::int16_t>(open + 330 + static_cast<std::int16_t>(rng() % 60));
      }
    }
    const OpeningHours oh = compile(kZones[rng() % std::size(kZones)], h);
    for (int q = 0; q < 40; ++q) {
      const Instant t = from_epoch_ms(start_ms + static_cast<std::int64_t>(rng() % span_ms));
      const auto list = oh.open_intervals(t - std::chrono::days{2}, t + std::chrono::days{9});
      REQUIRE(list.ok());
      bool open = false;
      std::optional<Instant> next;  // the first real boundary after t within the window
      for (const OpenInterval& iv : *list) {
        open = open || (iv.open <= t && t < iv.close);
        for (const Instant b : {iv.open, iv.close}) {
          if (b > t && b < t + std::chrono::days{9} && (!next || b < *next)) next = b;
        }
      }
      CHECK_MESSAGE(oh.is_open(t) == open, format_instant(t));
      const std::optional<Instant> change = oh.next_change(t);
      if (next) {
        CHECK_MESSAGE(change == next, format_instant(t));
      } else {
        CHECK_MESSAGE((!change || *change >= t + std::chrono::days{9}), format_instant(t));
      }
      ++checked;
    }
  }
  CHECK(checked == 60 * 40);
}

}  // namespace
}  // namespace vshop::hours::testing
