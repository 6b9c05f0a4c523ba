// The precomputed form of a store's opening hours: for a block of UTC days, the merged open
// intervals as a sorted array of boundaries plus a per-day record, so that a query reads one
// record (one cache line) instead of searching a calendar.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "date/tz.h"
#include "vshop/hours/opening_hours.hpp"

namespace vshop::hours::detail {

// Blocks tile the UTC time line: block k answers for [k, k+1) * kBlockDays days since the epoch.
inline constexpr std::int64_t kBlockDays = 128;
inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::int32_t kDaySeconds = 86'400;
inline constexpr std::int64_t kBlockMs = kBlockDays * kDayMs;
// Local days generated beyond each side of the block. An interval opening on local day d lies
// within UTC [d - 15 h, d + 48 h + 15 h + 24 h] (offsets within ±15 h, intervals up to 24 h past
// the next midnight, a skipped day as in Pacific/Apia 2011 pushing a time by up to 24 h), so four
// days guarantee that every interval touching the block, and every interval merging with one,
// is generated.
inline constexpr std::int64_t kMarginDays = 4;

// What UtcBlock::next_after returns when the block holds no further change.
inline constexpr std::int64_t kNoChange = INT64_MIN;

// One UTC day of a block: where its boundaries start in `bounds` and, for the usual day with at
// most six, the day's boundaries (seconds since the day's start) followed by the first boundary
// after the day, so that is_open and next_change read this record and nothing else. 32 bytes:
// two records per cache line.
struct DayRecord {
  static constexpr std::int32_t kNone = INT32_MAX;  // no (further) boundary in the block
  static constexpr std::int32_t kMany = -1;         // upcoming[0]: more than six; use `bounds`
  static constexpr std::size_t kInline = 6;
  std::uint32_t first = 0;  // number of boundaries before the day's start
  // The k <= 6 boundaries of the day, then (at index k) the first later one (>= 86400, or kNone
  // when the block has none), then kNone. Counting the entries <= a time of day s (< 86400)
  // counts exactly the day's boundaries <= s, and upcoming[that count] is the next change.
  std::array<std::int32_t, kInline + 1> upcoming{kNone, kNone, kNone, kNone, kNone, kNone, kNone};

  // Number of the day's boundaries <= s (s in [0, 86400)); requires upcoming[0] != kMany.
  std::size_t count_until(std::int32_t s) const {
    std::size_t n = 0;
    for (std::size_t j = 0; j < kInline; ++j) n += static_cast<std::size_t>(upcoming[j] <= s);
    return n;
  }
};

// What a query needs of a day, without its position in `bounds`: the parity of the boundaries
// before it and its `upcoming` entries. Most days of a block repeat one of a few kinds (one per
// weekday, per UTC offset, per exception), so a block keeps each distinct kind once and a byte
// per day: the data a query touches stays small enough to live in cache for many stores.
struct DayKind {
  std::array<std::int32_t, DayRecord::kInline + 1> upcoming{};
  std::uint32_t parity = 0;  // (number of boundaries before the day) & 1
  friend bool operator==(const DayKind&, const DayKind&) = default;
};

struct UtcBlock {
  // The fields read by every query come first: index, start, the kinds and the day -> kind map.
  std::int64_t index = 0;
  std::int64_t valid_from_ms = 0;  // the block answers exactly for [valid_from_ms, valid_to_ms)
  std::vector<DayKind> kinds;      // at most kBlockDays distinct kinds
  std::array<std::uint8_t, kBlockDays> day_kind{};
  std::int64_t valid_to_ms = 0;
  // open0, close0, open1, close1, ... in seconds since valid_from_ms (instants mapped from whole
  // local minutes are whole seconds), strictly increasing: touching intervals are merged
  // (R-HOURS-3), so t is open iff the number of boundaries <= t is odd. Boundaries outside the
  // valid range may be artifacts of the block's edges and are never reported.
  std::vector<std::int32_t> bounds;
  // days[d] for each UTC day of the block; days[kBlockDays].first = boundaries before valid_to.
  std::array<DayRecord, kBlockDays + 1> days{};

  // Number of boundaries before valid_to_ms: an index below it is a real change.
  std::size_t end() const { return days[kBlockDays].first; }
  std::int64_t bound_ms(std::size_t i) const {
    return valid_from_ms + std::int64_t{bounds[i]} * 1000;
  }
  // Index of the first boundary strictly after `ms` and not before valid_from_ms. Requires
  // ms < valid_to_ms.
  std::size_t first_after(std::int64_t ms) const {
    if (ms < valid_from_ms) return days[0].first;
    const std::int64_t rel_ms = ms - valid_from_ms;
    const auto d = static_cast<std::size_t>(rel_ms / kDayMs);
    const DayRecord& r = days[d];
    if (r.upcoming[0] != DayRecord::kMany) {
      return r.first + r.count_until(static_cast<std::int32_t>((rel_ms % kDayMs) / 1000));
    }
    const auto rel_s = static_cast<std::int32_t>(rel_ms / 1000);
    std::size_t i = r.first;
    const std::size_t stop = days[d + 1].first;
    while (i < stop && bounds[i] <= rel_s) ++i;
    return i;
  }
  // Whether the store is open at `ms`, which must lie in [valid_from_ms, valid_to_ms).
  bool is_open(std::int64_t ms) const {
    const std::int64_t rel_ms = ms - valid_from_ms;
    const DayKind& k = kinds[day_kind[static_cast<std::size_t>(rel_ms / kDayMs)]];
    if (k.upcoming[0] != DayRecord::kMany) {
      std::size_t n = k.parity;
      const auto s = static_cast<std::int32_t>((rel_ms % kDayMs) / 1000);
      for (std::size_t j = 0; j < DayRecord::kInline; ++j) {
        n += static_cast<std::size_t>(k.upcoming[j] <= s);
      }
      return (n & 1) != 0;
    }
    return (first_after(ms) & 1) != 0;
  }
  // The first boundary strictly after `ms` (< valid_to_ms) inside the valid range, as epoch ms,
  // or kNoChange when the block has none. Requires ms < valid_to_ms.
  std::int64_t next_after(std::int64_t ms) const {
    if (ms >= valid_from_ms) {
      const std::int64_t rel_ms = ms - valid_from_ms;
      const std::int64_t d = rel_ms / kDayMs;
      const DayKind& k = kinds[day_kind[static_cast<std::size_t>(d)]];
      if (k.upcoming[0] != DayRecord::kMany) {
        const auto s = static_cast<std::int32_t>((rel_ms % kDayMs) / 1000);
        std::size_t n = 0;
        for (std::size_t j = 0; j < DayRecord::kInline; ++j) {
          n += static_cast<std::size_t>(k.upcoming[j] <= s);
        }
        const std::int32_t c = k.upcoming[n];
        if (c == DayRecord::kNone) return kNoChange;
        return valid_from_ms + d * kDayMs + std::int64_t{c} * 1000;
      }
    }
    const std::size_t i = first_after(ms);
    return i < end() ? bound_ms(i) : kNoChange;
  }
};

// Floor division of epoch ms into a block index.
constexpr std::int64_t block_index(std::int64_t ms) {
  return ms >= 0 ? ms / kBlockMs : -((-ms + kBlockMs - 1) / kBlockMs);
}

// Maps a local wall-clock time to an instant with the "compatible" rule of R-HOURS-3: unique ->
// that instant; repeated -> the earlier instant; skipped -> moved forward by the gap, i.e.
// computed with the offset in force before the transition. In every case that is the offset of
// local_info::first (date/tz's choose::earliest would instead give the transition itself).
std::int64_t to_utc_ms_compatible(const date::time_zone& zone, date::local_seconds local);

// Computes block `index` of the store's hours.
UtcBlock build_block(const date::time_zone& zone, const WeeklyHours& hours, std::int64_t index);

}  // namespace vshop::hours::detail
