// The precomputed form of a store's opening hours: for a block of UTC days, the merged open
// intervals as a sorted array of boundaries, so that a query is one binary search.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "date/tz.h"
#include "vshop/hours/opening_hours.hpp"

namespace vshop::hours::detail {

// Blocks tile the UTC time line: block k answers for [k, k+1) * kBlockDays days since the epoch.
inline constexpr std::int64_t kBlockDays = 128;
inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::int64_t kBlockMs = kBlockDays * kDayMs;
// Local days generated beyond each side of the block. An interval opening on local day d lies
// within UTC [d - 15 h, d + 48 h + 15 h + 24 h] (offsets within ±15 h, intervals up to 24 h past
// the next midnight, a skipped day as in Pacific/Apia 2011 pushing a time by up to 24 h), so four
// days guarantee that every interval touching the block, and every interval merging with one,
// is generated.
inline constexpr std::int64_t kMarginDays = 4;

struct UtcBlock {
  std::int64_t index = 0;
  std::int64_t valid_from_ms = 0;  // the block answers exactly for [valid_from_ms, valid_to_ms)
  std::int64_t valid_to_ms = 0;
  // open0, close0, open1, close1, ... in seconds since valid_from_ms (instants mapped from whole
  // local minutes are whole seconds), strictly increasing: touching intervals are merged
  // (R-HOURS-3), so t is open iff the number of boundaries <= t is odd. Boundaries outside the
  // valid range may be artifacts of the block's edges and are never reported.
  // Declared before day_start so that the header a query reads first shares one cache line.
  std::vector<std::int32_t> bounds;
  // day_start[d] = number of boundaries before UTC day d of the block; day_start[kBlockDays] =
  // number before valid_to_ms. A query reads one entry and scans the few boundaries of its day
  // instead of binary-searching the whole block: fewer cache lines touched.
  std::array<std::uint32_t, kBlockDays + 1> day_start{};

  std::int64_t bound_ms(std::size_t i) const {
    return valid_from_ms + std::int64_t{bounds[i]} * 1000;
  }
  // Index of the first boundary strictly after `ms` and not before valid_from_ms; it is a real
  // change iff it is < day_start[kBlockDays]. Requires ms < valid_to_ms.
  std::size_t first_after(std::int64_t ms) const {
    if (ms < valid_from_ms) return day_start[0];
    const std::int64_t rel_ms = ms - valid_from_ms;
    const auto day = static_cast<std::size_t>(rel_ms / kDayMs);
    const auto rel_s = static_cast<std::int32_t>(rel_ms / 1000);
    std::size_t i = day_start[day];
    const std::size_t end = day_start[day + 1];
    while (i < end && bounds[i] <= rel_s) ++i;
    return i;
  }
  // Whether the store is open at `ms`, which must lie in [valid_from_ms, valid_to_ms).
  bool is_open(std::int64_t ms) const { return (first_after(ms) & 1) != 0; }
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
