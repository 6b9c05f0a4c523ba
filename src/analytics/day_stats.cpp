#include "analytics/day_stats.hpp"

#include <algorithm>
#include <bit>

namespace vshop::analytics {

void DayStats::mark_available(std::uint32_t expert) {
  const std::size_t word = expert / 64;
  if (available.size() <= word) available.resize(word + 1, 0);
  available[word] |= std::uint64_t{1} << (expert % 64);
}

void DayStats::merge(const DayStats& o) {
  initiated += o.initiated;
  claimed += o.claimed;
  missed += o.missed;
  offered += o.offered;
  response.add_all(o.response);
  taken += o.taken;
  transfers_in += o.transfers_in;
  converted += o.converted;
  ratings += o.ratings;
  rating_sum += o.rating_sum;
  unattributed_orders += o.unattributed_orders;
  for (const OrderTotal& t : o.orders) {
    auto it = std::find_if(orders.begin(), orders.end(),
                           [&](const OrderTotal& x) { return x.currency == t.currency; });
    if (it == orders.end()) {
      orders.push_back(t);
    } else {
      it->orders += t.orders;
      it->gross_minor += t.gross_minor;
    }
  }
  if (available.size() < o.available.size()) available.resize(o.available.size(), 0);
  for (std::size_t w = 0; w < o.available.size(); ++w) available[w] |= o.available[w];
  self_available = self_available || o.self_available;
}

std::uint64_t DayStats::associate_days() const {
  std::uint64_t n = self_available ? 1 : 0;
  for (std::uint64_t w : available) n += static_cast<std::uint64_t>(std::popcount(w));
  return n;
}

void DaySeries::fold_before(DayKey cutoff) {
  auto end = std::lower_bound(entries_.begin(), entries_.end(), cutoff,
                              [](const Entry& e, DayKey d) { return e.first < d; });
  if (end == entries_.begin()) return;
  for (auto it = entries_.begin(); it != end; ++it) {
    folded_at(it->first).merge(it->second);
    folded_.front().associate_days += it->second.associate_days();
  }
  entries_.erase(entries_.begin(), end);
}

DayStats& DaySeries::folded_at(DayKey day) {
  if (folded_.empty()) {
    folded_.emplace_back();
    folded_.front().first = day;
    folded_.front().last = day;
  } else {
    folded_.front().first = std::min(folded_.front().first, day);
    folded_.front().last = std::max(folded_.front().last, day);
  }
  return folded_.front().stats;
}

DayKey DaySeries::first_day() const {
  return folded_.empty() ? entries_.front().first : folded_.front().first;
}

DayKey DaySeries::last_day() const {
  return entries_.empty() ? folded_.front().last : entries_.back().first;
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
