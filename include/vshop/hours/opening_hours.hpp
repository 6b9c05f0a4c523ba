// Opening hours of a store, evaluated exactly in the store's IANA time zone (docs/reference.md §2,
// R-HOURS-1..5).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "date/tz.h"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop::hours {

namespace detail {
struct UtcBlock;
}  // namespace detail

// A local-time interval [open, close) in minutes since local midnight. close is 1..1440
// (1440 = `24:00`); close <= open means the interval runs past midnight into the next day and
// belongs to the day it opens on (R-HOURS-1).
struct LocalInterval {
  std::int16_t open_minute = 0;
  std::int16_t close_minute = 0;
  friend bool operator==(const LocalInterval&, const LocalInterval&) = default;
};

// The hours as the merchant states them, in local wall-clock time.
struct WeeklyHours {
  std::array<std::vector<LocalInterval>, 7> weekly;  // index 0 = Monday ... 6 = Sunday
  // Dated exceptions: they replace the intervals that open on that local date (R-HOURS-2);
  // an empty list = closed all day.
  std::map<date::local_days, std::vector<LocalInterval>> exceptions;
  // Annual exceptions (OSM `Dec 25 off`, `Dec 24 10:00-14:00`): they recur every year on that
  // month and day and replace the weekly intervals opening on it; a dated exception on the same
  // date beats them. Feb 29 applies in leap years only.
  std::map<date::month_day, std::vector<LocalInterval>> annual;
  friend bool operator==(const WeeklyHours&, const WeeklyHours&) = default;
};

// An open period as UTC instants: [open, close).
struct OpenInterval {
  Instant open;
  Instant close;
  friend bool operator==(const OpenInterval&, const OpenInterval&) = default;
};

// Parses `HH:MM-HH:MM` (`24:00` allowed as a close). Fails with invalid_argument naming
// `field` and the text.
VSHOP_API absl::StatusOr<LocalInterval> parse_local_interval(std::string_view text,
                                                             std::string_view field);

// Parses a local date `YYYY-MM-DD`; fails naming `field`.
VSHOP_API absl::StatusOr<date::local_days> parse_local_date(std::string_view text,
                                                            std::string_view field);

// Parses the OpenStreetMap `opening_hours` subset of R-HOURS-5. A failure names the 0-based
// character position and the offending token.
VSHOP_API absl::StatusOr<WeeklyHours> parse_osm_opening_hours(std::string_view text);

// Formats an interval back as `HH:MM-HH:MM`.
VSHOP_API std::string format_local_interval(LocalInterval interval);

// The intervals of `hours` that open on local date `day` (R-HOURS-2): the dated exception if
// there is one, else the annual exception, else the weekday's intervals.
VSHOP_API const std::vector<LocalInterval>& intervals_opening_on(const WeeklyHours& hours,
                                                                 date::local_days day);

// The longest [from, to) that OpeningHours::open_intervals answers in one call: 1000 days
// (about 2.7 years). Intervals start on whole minutes and do not overlap, so one answer holds at
// most 720 a day: under 12 MB even in the worst case, a few KB for real stores.
inline constexpr std::chrono::days kMaxIntervalQuerySpan{1000};

// Compiled opening hours of one store: the zone is looked up once (in create), and queries are
// answered from precomputed UTC boundaries (a per-day lookup, no calendar arithmetic). The UTC
// intervals are computed per block of 128 days, lazily, the first time a query needs that block,
// and kept (up to 64 blocks per store; beyond that a block is computed for the query and
// dropped, still exact), so a query anywhere in time is correct, only slower the first time.
// Queries are const, deterministic and safe to call from several threads at once: a block is
// published once, fully built, under a mutex, and read without locking afterwards. Copies share
// the compiled hours and blocks.
// The zone of the IANA tz database named `name` (`Europe/Amsterdam`, `UTC`, `Etc/GMT+5`), or
// nullptr. Names of a zoneinfo directory that are not zones of the database's zone or link
// lists (`localtime`, `posixrules`, `posix/...`, `right/...`, paths) and the placeholder
// `Factory` (no real offset) are not zones, so no result follows the host's configuration.
VSHOP_API const date::time_zone* locate_iana_zone(std::string_view name);

class VSHOP_API OpeningHours {
 public:
  // Fails with invalid_argument naming `timezone` for an unknown IANA zone.
  static absl::StatusOr<OpeningHours> create(std::string_view timezone, WeeklyHours hours);

  // Whether the store is open at t (R-HOURS-4).
  bool is_open(Instant t) const;
  // The next opening or closing instant strictly after t, or nullopt when none within 400 days
  // (a change exactly at t + 400 days is still reported).
  std::optional<Instant> next_change(Instant t) const;
  // The open intervals intersecting [from, to), clipped to it, in order; empty when to <= from.
  // Fails with invalid_argument naming `to` when it is more than kMaxIntervalQuerySpan after
  // `from`, so that one call's time and memory stay bounded; ask span by span for more.
  absl::StatusOr<std::vector<OpenInterval>> open_intervals(Instant from, Instant to) const;

  const WeeklyHours& hours() const;
  const std::string& timezone() const;

  // Copies share the compiled, immutable hours and their blocks; the hot-slot pointers are
  // copied too (they stay valid: the shared cache owns the blocks). There is no separate move:
  // a "moved-from" object stays a valid copy.
  OpeningHours(const OpeningHours& other);
  OpeningHours& operator=(const OpeningHours& other);
  ~OpeningHours() = default;

 private:
  OpeningHours() = default;
  struct Cache;  // the zone, the hours and the UTC blocks built so far (shared by copies)
  const detail::UtcBlock& block(std::int64_t index,
                                std::unique_ptr<const detail::UtcBlock>& scratch) const;
  const detail::UtcBlock* hot_block(std::int64_t index) const;  // nullptr unless in its slot
  void publish_hot(std::int64_t index, const detail::UtcBlock* b) const;  // if taggable
  std::optional<Instant> next_change_slow(std::int64_t ms) const;
  void copy_hot_slots(const OpeningHours& other);

  // Direct-mapped by block index (8 x 128 days, ~2.8 years): the first thing every query reads,
  // kept in the object itself. Each slot is one word, the block's address (below 2^48) tagged
  // in its top 16 bits with the block index + 2^15, so that a query checks the block without
  // reading it and its next loads are the day's byte and record in the block. 0 = empty; blocks
  // whose index does not fit the tag (before year -9,500 or after 13,450) are never hot.
  static constexpr std::size_t kHotSlots = 8;
  mutable std::array<std::atomic<std::uint64_t>, kHotSlots> hot_{};
  std::shared_ptr<Cache> cache_;
  // Constant answers, so that next_change need not scan 400 days of blocks for nothing.
  bool never_open_ = false;   // no interval anywhere
  bool always_open_ = false;  // every day 00:00-24:00 (e.g. OSM `24/7`)
};

}  // namespace vshop::hours
