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

// One UTC day of a block: where its boundaries start in `bounds`, and (for the usual day with
// at most three) the boundaries themselves as seconds since the day's start, so that is_open and
// most next_change queries read nothing else. 16 bytes: four records per cache line.
struct DayRecord {
  static constexpr std::int32_t kNone = INT32_MAX;  // padding after the day's last boundary
  static constexpr std::int32_t kMany = -1;         // in_day[0]: more than three; use `bounds`
  std::uint32_t first = 0;  // number of boundaries before the day's start
  std::array<std::int32_t, 3> in_day{kNone, kNone, kNone};
};

struct UtcBlock {
  std::int64_t index = 0;
  std::int64_t valid_from_ms = 0;  // the block answers exactly for [valid_from_ms, valid_to_ms)
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
    if (r.in_day[0] != DayRecord::kMany) {
      const auto s = static_cast<std::int32_t>((rel_ms % kDayMs) / 1000);
      return r.first + static_cast<std::size_t>(r.in_day[0] <= s) +
             static_cast<std::size_t>(r.in_day[1] <= s) +
             static_cast<std::size_t>(r.in_day[2] <= s);
    }
    const auto rel_s = static_cast<std::int32_t>(rel_ms / 1000);
    std::size_t i = r.first;
    const std::size_t stop = days[d + 1].first;
    while (i < stop && bounds[i] <= rel_s) ++i;
    return i;
  }
  // Whether the store is open at `ms`, which must lie in [valid_from_ms, valid_to_ms).
  bool is_open(std::int64_t ms) const { return (first_after(ms) & 1) != 0; }
  // The first boundary strictly after `ms` (< valid_to_ms) inside the valid range, as epoch ms,
  // or kNoChange when the block has none. Requires ms < valid_to_ms.
  std::int64_t next_after(std::int64_t ms) const {
    if (ms >= valid_from_ms) {
      const std::int64_t rel_ms = ms - valid_from_ms;
      const std::int64_t d = rel_ms / kDayMs;
      const DayRecord& r = days[static_cast<std::size_t>(d)];
      if (r.in_day[0] != DayRecord::kMany) {
        const auto s = static_cast<std::int32_t>((rel_ms % kDayMs) / 1000);
        const std::size_t n = static_cast<std::size_t>(r.in_day[0] <= s) +
                              static_cast<std::size_t>(r.in_day[1] <= s) +
                              static_cast<std::size_t>(r.in_day[2] <= s);
        // Candidates: today's remaining boundaries, then tomorrow's first (its record usually
        // shares the cache line; the block's end record holds none). Picked without branches.
        const std::int32_t tomorrow = days[static_cast<std::size_t>(d) + 1].in_day[0];
        const std::array<std::int32_t, 4> candidates = {
            r.in_day[0], r.in_day[1], r.in_day[2],
            tomorrow >= 0 && tomorrow != DayRecord::kNone ? tomorrow + kDaySeconds
                                                          : DayRecord::kNone};
        if (const std::int32_t c = candidates[n]; c != DayRecord::kNone) {
          return valid_from_ms + d * kDayMs + std::int64_t{c} * 1000;
        }
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
