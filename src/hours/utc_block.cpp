// Turning local weekly hours into merged UTC intervals for one block of days (R-HOURS-1..3).
#include "hours/utc_block.hpp"

#include <algorithm>
#include <utility>

namespace vshop::hours::detail {

std::int64_t to_utc_ms_compatible(const date::time_zone& zone, date::local_seconds local) {
  const date::local_info info = zone.get_info(local);
  return (local.time_since_epoch() - info.first.offset).count() * 1000;
}

namespace {

// The record of UTC day `day` of `block`, whose bounds and first[] are filled.
DayRecord make_day_record(const UtcBlock& block, std::size_t day, bool whole_minutes) {
  DayRecord r;
  const std::size_t first = block.first[day];
  const std::size_t next_first = block.first[day + 1];
  const std::size_t count = next_first - first;
  r.flags = (first & 1U) != 0 ? DayRecord::kParity : std::uint16_t{0};
  if (!whole_minutes || count > DayRecord::kInline) {
    r.flags |= DayRecord::kSlow;
    return r;
  }
  const std::int64_t day_s = static_cast<std::int64_t>(day) * (kDayMs / 1000);
  for (std::size_t j = 0; j < count; ++j) {
    r.upcoming[j] = static_cast<std::uint16_t>((block.bounds[first + j] - day_s) / 60);
  }
  // The first boundary after the day, if it is a real change of this block.
  if (next_first < block.end()) {
    const std::int64_t minutes = (block.bounds[next_first] - day_s) / 60;
    r.upcoming[count] =
        minutes < DayRecord::kFar ? static_cast<std::uint16_t>(minutes) : DayRecord::kFar;
  }
  return r;
}

// Fills the block's distinct records, the most frequent first (the lines a query prefetches),
// and each day's index among them.
void dedupe_records(UtcBlock& block, bool whole_minutes) {
  std::array<DayRecord, kBlockDays> records;
  std::array<std::uint8_t, kBlockDays> distinct_index{};
  std::vector<std::pair<int, std::size_t>> uses;  // (-days using it, first index) per record
  std::size_t count = 0;
  for (std::size_t day = 0; day < static_cast<std::size_t>(kBlockDays); ++day) {
    const DayRecord r = make_day_record(block, day, whole_minutes);
    const auto used = records.begin() + static_cast<std::ptrdiff_t>(count);
    const auto it = std::find(records.begin(), used, r);
    if (it == used) {
      records[count++] = r;
      uses.emplace_back(0, uses.size());
    }
    const auto k = static_cast<std::size_t>(it - records.begin());
    distinct_index[day] = static_cast<std::uint8_t>(k);
    --uses[k].first;
  }
  std::sort(uses.begin(), uses.end());
  std::array<std::uint8_t, kBlockDays> rank{};
  for (std::size_t i = 0; i < count; ++i) {
    block.kinds[i] = records[uses[i].second];
    rank[uses[i].second] = static_cast<std::uint8_t>(i);
  }
  block.kind_count = count;
  for (std::size_t day = 0; day < static_cast<std::size_t>(kBlockDays); ++day) {
    block.day_kind[day] = rank[distinct_index[day]];
  }
}

}  // namespace

UtcBlock build_block(const date::time_zone& zone, const WeeklyHours& hours, std::int64_t index) {
  UtcBlock block;
  block.index = index;
  block.valid_from_ms = index * kBlockMs;
  block.valid_to_ms = (index + 1) * kBlockMs;

  const date::local_days first{date::days{index * kBlockDays - kMarginDays}};
  const date::local_days last{date::days{(index + 1) * kBlockDays + kMarginDays}};
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  spans.reserve(static_cast<std::size_t>((last - first).count()) * 2);
  for (date::local_days day = first; day < last; day += date::days{1}) {
    for (const LocalInterval& iv : intervals_opening_on(hours, day)) {
      const date::local_seconds open = day + std::chrono::minutes{iv.open_minute};
      // close <= open: the interval runs past midnight and belongs to the day it opens on.
      const date::local_days close_day =
          iv.close_minute > iv.open_minute ? day : day + date::days{1};
      const date::local_seconds close = close_day + std::chrono::minutes{iv.close_minute};
      const std::int64_t open_ms = to_utc_ms_compatible(zone, open);
      const std::int64_t close_ms = to_utc_ms_compatible(zone, close);
      // A mapped interval whose close is not after its open (e.g. inside a DST gap) is empty.
      if (close_ms > open_ms) spans.emplace_back(open_ms, close_ms);
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::int64_t> bounds_ms;
  bounds_ms.reserve(spans.size() * 2);
  for (const auto& [open_ms, close_ms] : spans) {
    // Touching or overlapping after mapping: one interval, so no change is reported inside it.
    if (!bounds_ms.empty() && open_ms <= bounds_ms.back()) {
      bounds_ms.back() = std::max(bounds_ms.back(), close_ms);
    } else {
      bounds_ms.push_back(open_ms);
      bounds_ms.push_back(close_ms);
    }
  }
  block.bounds.reserve(bounds_ms.size());
  for (const std::int64_t ms : bounds_ms) {
    // Whole seconds (offsets are whole seconds), within a few hundred days of valid_from.
    block.bounds.push_back(static_cast<std::int32_t>((ms - block.valid_from_ms) / 1000));
  }
  std::size_t i = 0;
  for (std::size_t day = 0; day <= static_cast<std::size_t>(kBlockDays); ++day) {
    const std::int64_t day_start_s = static_cast<std::int64_t>(day) * (kDayMs / 1000);
    while (i < block.bounds.size() && block.bounds[i] < day_start_s) ++i;
    block.first[day] = static_cast<std::uint32_t>(i);
  }
  // Whole minutes everywhere (offsets of real zones since ~1972): the records can hold minutes.
  const bool whole_minutes = std::all_of(block.bounds.begin(), block.bounds.end(),
                                         [](std::int32_t b) { return b % 60 == 0; });
  dedupe_records(block, whole_minutes);
  return block;
}

}  // namespace vshop::hours::detail
