#include "analytics/day_stats.hpp"

#include <algorithm>

namespace vshop::analytics {

void DayStats::mark_available(std::uint32_t expert) {
  const std::size_t word = expert / 64;
  if (available.size() <= word) available.resize(word + 1, 0);
  available[word] |= std::uint64_t{1} << (expert % 64);
}

DayStats& DaySeries::at(DayKey day) {
  // Fast path: the newest day, or a new day after it.
  if (!entries_.empty() && entries_.back().first == day) return entries_.back().second;
  if (entries_.empty() || entries_.back().first < day) {
    entries_.emplace_back(day, DayStats{});
    return entries_.back().second;
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), day,
                             [](const Entry& e, DayKey d) { return e.first < d; });
  if (it != entries_.end() && it->first == day) return it->second;
  return entries_.emplace(it, day, DayStats{})->second;
}

std::span<const DaySeries::Entry> DaySeries::range(DayKey first, DayKey last) const {
  if (first > last) return {};
  auto lo = std::lower_bound(entries_.begin(), entries_.end(), first,
                             [](const Entry& e, DayKey d) { return e.first < d; });
  auto hi = std::upper_bound(entries_.begin(), entries_.end(), last,
                             [](DayKey d, const Entry& e) { return d < e.first; });
  if (lo >= hi) return {};
  return {&*lo, static_cast<std::size_t>(hi - lo)};
}

}  // namespace vshop::analytics
