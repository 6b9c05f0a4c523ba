// The precomputed form of a store's opening hours: for a block of UTC days, the merged open
// intervals as a sorted array of boundaries plus a 16-byte record per day, so that a query reads
// one record (one cache line) instead of searching a calendar.
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
inline constexpr std::int64_t kBlockMs = kBlockDays * kDayMs;
// Local days generated beyond each side of the block. An interval opening on local day d lies
// within UTC [d - 15 h, d + 48 h + 15 h + 24 h] (offsets within ±15 h, intervals up to 24 h past
// the next midnight, a skipped day as in Pacific/Apia 2011 pushing a time by up to 24 h), so four
// days guarantee that every interval touching the block, and every interval merging with one,
// is generated.
inline constexpr std::int64_t kMarginDays = 4;

// What UtcBlock::next_after returns when the block holds no further change.
inline constexpr std::int64_t kNoChange = INT64_MIN;

// What a query needs of one UTC day, 16 bytes (four per cache line): the day's boundaries as
// minutes since the day's start, followed by the first boundary after the day, and the parity
// of the boundaries before it. A block keeps each distinct record once.
// Boundaries of real zones fall on whole minutes; a block where one does not (local mean time
// before ~1900, Africa/Monrovia until 1972), and a day with more than six boundaries, is marked
// `kSlow` and answered from UtcBlock::bounds instead.
struct DayRecord {
  static constexpr std::uint16_t kNone = 0xFFFF;  // no further boundary in the block
  static constexpr std::uint16_t kFar = 0xFFFE;   // the next one is 45+ days away: use bounds
  static constexpr std::uint16_t kParity = 1;     // flags: odd number of boundaries before
  static constexpr std::uint16_t kSlow = 2;       // flags: answer from bounds
  static constexpr std::size_t kInline = 6;
  // The k <= 6 boundaries of the day, then (at index k) the first later one (>= 1440, kFar or
  // kNone), then kNone. Counting the entries <= a minute of the day m (< 1440) counts exactly
  // the day's boundaries <= m, and upcoming[that count] is the next change.
  std::array<std::uint16_t, kInline + 1> upcoming{kNone, kNone, kNone, kNone, kNone, kNone, kNone};
  std::uint16_t flags = 0;
  friend bool operator==(const DayRecord&, const DayRecord&) = default;

  // Number of the day's boundaries <= minute m (m in [0, 1440)); requires !(flags & kSlow).
  std::size_t count_until(std::uint32_t m) const {
    std::size_t n = 0;
    for (std::size_t j = 0; j < kInline; ++j) n += static_cast<std::size_t>(upcoming[j] <= m);
    return n;
  }
};
static_assert(sizeof(DayRecord) == 16);

// Start of block `index` in epoch ms: computed, never loaded, so that a query's loads after its
// hot slot are only the day's byte and record.
constexpr std::int64_t block_start_ms(std::int64_t index) { return index * kBlockMs; }

struct alignas(64) UtcBlock {
  // What every query reads, first and line-aligned, at offsets known without reading the block:
  // the day's kind (a byte per UTC day), then the distinct records of the block's days (a few
  // per block: one per weekday and UTC offset, plus exception and transition days), so that
  // thousands of stores' queried data stays in cache.
  std::array<std::uint8_t, kBlockDays> day_kind{};
  std::array<DayRecord, kBlockDays> kinds{};  // the first kind_count are used
  std::size_t kind_count = 0;
  std::int64_t index = 0;
  std::int64_t valid_from_ms = 0;  // the block answers exactly for [valid_from_ms, valid_to_ms)
  std::int64_t valid_to_ms = 0;
  // open0, close0, open1, close1, ... in seconds since valid_from_ms (instants mapped from whole
  // local minutes are whole seconds), strictly increasing: touching intervals are merged
  // (R-HOURS-3), so t is open iff the number of boundaries <= t is odd. Boundaries outside the
  // valid range may be artifacts of the block's edges and are never reported.
  std::vector<std::int32_t> bounds;
  // first[d]: number of boundaries before UTC day d's start; first[kBlockDays]: before valid_to.
  std::array<std::uint32_t, kBlockDays + 1> first{};

  // The record of UTC day d. The first two lines of kinds (the eight most frequent) are fetched
  // while the day's byte is read, so that the dependent read usually finds its line in L1.
  const DayRecord& day(std::size_t d) const {
    __builtin_prefetch(kinds.data());
    __builtin_prefetch(kinds.data() + 4);
    return kinds[day_kind[d]];
  }
  // Number of boundaries before valid_to_ms: an index below it is a real change.
  std::size_t end() const { return first[kBlockDays]; }
  std::int64_t bound_ms(std::size_t i) const {
    return valid_from_ms + std::int64_t{bounds[i]} * 1000;
  }
  // Index of the first boundary strictly after `ms` and not before valid_from_ms. Requires
  // ms < valid_to_ms.
  std::size_t first_after(std::int64_t ms) const {
    if (ms < valid_from_ms) return first[0];
    const std::int64_t rel_ms = ms - valid_from_ms;
    const auto d = static_cast<std::size_t>(rel_ms / kDayMs);
    const auto rel_s = static_cast<std::int32_t>(rel_ms / 1000);
    std::size_t i = first[d];
    const std::size_t stop = first[d + 1];
    while (i < stop && bounds[i] <= rel_s) ++i;
    return i;
  }
  // Whether the store is open `rel_ms` after the block's start (0 <= rel_ms < kBlockMs). The
  // caller passes the offset it computed from the block index, so that the only memory read is
  // the day's record.
  bool is_open_at(std::int64_t rel_ms) const {
    const DayRecord& r = day(static_cast<std::size_t>(rel_ms / kDayMs));
    if ((r.flags & DayRecord::kSlow) != 0) return (first_after(valid_from_ms + rel_ms) & 1) != 0;
    const auto m = static_cast<std::uint32_t>((rel_ms % kDayMs) / 60'000);
    return (((r.flags & DayRecord::kParity) + r.count_until(m)) & 1) != 0;
  }
  // The first boundary strictly after `rel_ms` (as is_open_at) inside the valid range, as epoch
  // ms, or kNoChange when the block has none.
  std::int64_t next_after_at(std::int64_t rel_ms) const {
    const std::int64_t d = rel_ms / kDayMs;
    const DayRecord& r = day(static_cast<std::size_t>(d));
    if ((r.flags & DayRecord::kSlow) == 0) {
      const auto m = static_cast<std::uint32_t>((rel_ms % kDayMs) / 60'000);
      const std::uint16_t c = r.upcoming[r.count_until(m)];
      if (c == DayRecord::kNone) return kNoChange;
      if (c != DayRecord::kFar) {
        return block_start_ms(index) + d * kDayMs + std::int64_t{c} * 60'000;
      }
    }
    const std::size_t i = first_after(valid_from_ms + rel_ms);
    return i < end() ? bound_ms(i) : kNoChange;
  }
  // As next_after_at for any `ms` < valid_to_ms, also one before the block.
  std::int64_t next_after(std::int64_t ms) const {
    if (ms >= valid_from_ms) return next_after_at(ms - valid_from_ms);
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
