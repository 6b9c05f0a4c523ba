// Turning local weekly hours into merged UTC intervals for one block of days (R-HOURS-1..3).
#include "hours/utc_block.hpp"

#include <algorithm>
#include <utility>

namespace vshop::hours::detail {

std::int64_t to_utc_ms_compatible(const date::time_zone& zone, date::local_seconds local) {
  const date::local_info info = zone.get_info(local);
  return (local.time_since_epoch() - info.first.offset).count() * 1000;
}

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
      const date::local_days close_day = iv.close_minute > iv.open_minute ? day : day + date::days{1};
      const date::local_seconds close = close_day + std::chrono::minutes{iv.close_minute};
      const std::int64_t open_ms = to_utc_ms_compatible(zone, open);
      const std::int64_t close_ms = to_utc_ms_compatible(zone, close);
      // A mapped interval whose close is not after its open (e.g. inside a DST gap) is empty.
      if (close_ms > open_ms) spans.emplace_back(open_ms, close_ms);
    }
  }
  std::sort(spans.begin(), spans.end());
  block.bounds.reserve(spans.size() * 2);
  for (const auto& [open_ms, close_ms] : spans) {
    // Touching or overlapping after mapping: one interval, so no change is reported inside it.
    if (!block.bounds.empty() && open_ms <= block.bounds.back()) {
      block.bounds.back() = std::max(block.bounds.back(), close_ms);
    } else {
      block.bounds.push_back(open_ms);
      block.bounds.push_back(close_ms);
    }
  }
  return block;
}

}  // namespace vshop::hours::detail
