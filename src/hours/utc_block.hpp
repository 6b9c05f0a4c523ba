// The precomputed form of a store's opening hours: for a block of UTC days, the merged open
// intervals as a sorted array of boundaries, so that a query is one binary search.
#pragma once

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
  // open0, close0, open1, close1, ... in epoch ms, strictly increasing (touching intervals are
  // merged, R-HOURS-3), so t is open iff the number of boundaries <= t is odd. Boundaries outside
  // the valid range may be artifacts of the block's edges and are never reported.
  std::vector<std::int64_t> bounds;
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
