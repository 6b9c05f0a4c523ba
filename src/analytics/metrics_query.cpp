// MetricsBook: queries. A range is a run of reporting days; every metric is a merge of the
// per-day summaries of the scope, so the cost is O(days with data in range), never O(chats).
#include <algorithm>
#include <bit>

#include "analytics/metrics_book.hpp"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

// Bound on a `daily` series (ten years of days), so an absurd range cannot exhaust memory.
constexpr DayKey kMaxDailyDays = 3660;

}  // namespace

DayKey MetricsBook::key_of(date::year_month_day ymd) {
  return static_cast<DayKey>(date::local_days{ymd}.time_since_epoch().count());
}

date::year_month_day MetricsBook::date_of(DayKey day) {
  return date::year_month_day{date::local_days{date::days{day}}};
}

Metrics MetricsBook::aggregate(Scope scope, DayKey first, DayKey last) const {
  const DaySeries* s = series(scope);
  if (s == nullptr) return Metrics{};
  return aggregate_series({&s, 1}, scope.kind, first, last);
}

Metrics MetricsBook::aggregate_series(std::span<const DaySeries* const> all, Scope::Kind kind,
                                      DayKey first, DayKey last) const {
  Metrics m;
  ResponseAccumulator acc;
  std::vector<std::uint64_t> available;
  struct Sum {
    std::uint64_t orders = 0;
    std::int64_t gross = 0;
  };
  std::vector<Sum> sums(currencies_.size());
  for (const DaySeries* s : all) {
    bool self_available = false;
    // Folded days count only for a range that covers all of them (an all-time query).
    const FoldedDays* folded = s->folded();
    const bool with_folded = folded != nullptr && first <= folded->first && last >= folded->last;
    std::vector<std::pair<DayKey, const DayStats*>> days;
    if (with_folded) days.emplace_back(folded->first, &folded->stats);
    for (const auto& [day, d] : s->range(first, last)) days.emplace_back(day, &d);
    for (const auto& [day, dp] : days) {
      const DayStats& d = *dp;
      m.initiated += d.initiated;
      m.claimed += d.claimed;
      m.missed += d.missed;
      m.offered += d.offered;
      m.taken += d.taken;
      m.transfers_in += d.transfers_in;
      m.converted += d.converted;
      m.ratings += d.ratings;
      m.rating_sum += d.rating_sum;
      m.unattributed_orders += d.unattributed_orders;
      if (d.response.count() != 0) {
        m.responses += d.response.count();
        d.response.merge_into(acc);
      }
      if (available.size() < d.available.size()) available.resize(d.available.size(), 0);
      for (std::size_t w = 0; w < d.available.size(); ++w) available[w] |= d.available[w];
      m.associate_days += &d == (with_folded ? &folded->stats : nullptr) ? folded->associate_days
                                                                         : d.associate_days();
      self_available = self_available || d.self_available;
      for (const OrderTotal& o : d.orders) {
        sums[o.currency].orders += o.orders;
        sums[o.currency].gross += o.gross_minor;  // bounded by the merchant total (no overflow)
      }
    }
    if (self_available) ++m.available_associates;  // expert series: one associate each
  }
  if (kind != Scope::Kind::kExpert && kind != Scope::Kind::kTeam) {
    for (std::uint64_t w : available) m.available_associates += std::popcount(w);
  }
  for (std::size_t c = 0; c < sums.size(); ++c) {
    if (sums[c].orders == 0) continue;
    m.orders += sums[c].orders;
    const CurrencyInfo& info = currencies_[c];
    m.currencies.push_back(
        CurrencyMetrics{info.code, info.exponent, sums[c].orders, sums[c].gross});
  }
  std::sort(m.currencies.begin(), m.currencies.end(),
            [](const CurrencyMetrics& a, const CurrencyMetrics& b) { return a.code < b.code; });
  if (m.responses != 0) {
    m.response_median = response_percentile(acc, m.responses, 50);
    m.response_p90 = response_percentile(acc, m.responses, 90);
  }
  return m;
}

Metrics MetricsBook::query_team_days(std::span<const ExpertId> members, date::year_month_day first,
                                     date::year_month_day last) const {
  std::vector<const DaySeries*> all;
  for (ExpertId e : members) {
    if (const DaySeries* s = series(Scope::expert(e)); s != nullptr) all.push_back(s);
  }
  return aggregate_series(all, Scope::Kind::kTeam, key_of(first), key_of(last));
}

absl::StatusOr<Metrics> MetricsBook::query(Scope scope, Instant from, Instant to) const {
  if (to <= from) {
    return error(ErrorCode::kInvalidArgument, "to: %s is not after from %s", format_instant(to),
                 format_instant(from));
  }
  return aggregate(scope, day_of_const(from), day_of_const(to - Duration{1}));
}

Metrics MetricsBook::query_days(Scope scope, date::year_month_day first,
                                date::year_month_day last) const {
  return aggregate(scope, key_of(first), key_of(last));
}

absl::StatusOr<std::vector<DailyMetrics>> MetricsBook::daily(Scope scope, Instant from,
                                                             Instant to) const {
  if (to <= from) {
    return error(ErrorCode::kInvalidArgument, "to: %s is not after from %s", format_instant(to),
                 format_instant(from));
  }
  const DayKey first = day_of_const(from);
  const DayKey last = day_of_const(to - Duration{1});
  if (last - first >= kMaxDailyDays) {
    return error(ErrorCode::kInvalidArgument, "to: %s is more than %d days after from %s",
                 format_instant(to), kMaxDailyDays, format_instant(from));
  }
  std::vector<DailyMetrics> out;
  out.reserve(static_cast<std::size_t>(last - first + 1));
  for (DayKey d = first; d <= last; ++d) {
    out.push_back(DailyMetrics{date::year_month_day{date::local_days{date::days{d}}},
                               aggregate(scope, d, d)});
  }
  return out;
}

std::optional<DateRange> MetricsBook::recorded_days() const {
  std::optional<std::pair<DayKey, DayKey>> span;
  auto widen = [&span](const DaySeries& s) {
    if (s.empty()) return;
    const DayKey first = s.first_day(), last = s.last_day();
    if (!span) {
      span.emplace(first, last);
    } else {
      span->first = std::min(span->first, first);
      span->second = std::max(span->second, last);
    }
  };
  widen(merchant_);
  for (const DaySeries& s : stores_) widen(s);
  for (const DaySeries& s : experts_) widen(s);
  if (!span) return std::nullopt;
  auto ymd = [](DayKey d) { return date::year_month_day{date::local_days{date::days{d}}}; };
  return DateRange{ymd(span->first), ymd(span->second)};
}

std::vector<StoreId> MetricsBook::stores() const {
  std::vector<StoreId> out;
  for (std::size_t i = 0; i < stores_.size(); ++i) {
    if (!stores_[i].empty()) out.push_back(static_cast<StoreId>(i));
  }
  return out;
}

std::vector<ExpertId> MetricsBook::experts() const {
  std::vector<ExpertId> out;
  for (std::size_t i = 0; i < experts_.size(); ++i) {
    if (!experts_[i].empty()) out.push_back(static_cast<ExpertId>(i));
  }
  return out;
}

date::year_month_day MetricsBook::local_date(Instant t) const {
  return date::year_month_day{date::local_days{date::days{day_of_const(t)}}};
}

}  // namespace vshop::analytics
