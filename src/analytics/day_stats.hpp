// One scope's (merchant, store or expert) counters for one reporting day, and the sparse,
// day-ordered series of them that MetricsBook keeps per scope.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "analytics/response_histogram.hpp"

namespace vshop::analytics {

// A reporting day: days since 1970-01-01 of the local date in the reporting time zone.
using DayKey = std::int32_t;

// Attributed orders of one currency (currency = index into MetricsBook's interned codes).
struct OrderTotal {
  std::uint16_t currency = 0;
  std::uint32_t orders = 0;
  std::int64_t gross_minor = 0;  // minor units, never negative
};

struct DayStats {
  // Chat cohort counters: keyed by the day of the request (docs/metrics.md). Each chat counts
  // for one owner store and at most one owner expert (MetricsBook, "Ownership").
  std::uint32_t initiated = 0;  // merchant: requested; store/expert: chats it owns
  std::uint32_t claimed = 0;
  std::uint32_t missed = 0;
  std::uint32_t offered = 0;   // store/expert: chats offered to it (once per chat)
  ResponseHistogram response;  // request -> claim of the claims counted in `claimed`
  // Event-day counters: keyed by the day the event happened.
  std::uint32_t taken = 0;         // left messages taken
  std::uint32_t transfers_in = 0;  // chats received by transfer (store: from another store)
  std::uint32_t converted = 0;     // chats whose first attributed order (in this scope) fell here
  std::uint32_t ratings = 0;
  std::uint32_t rating_sum = 0;
  std::uint32_t unattributed_orders = 0;  // merchant scope only
  absl::InlinedVector<OrderTotal, 1> orders;
  // Availability: experts available at some time of the day (merchant and store scopes, as a
  // bitset by expert id); the expert scope uses `self_available`.
  std::vector<std::uint64_t> available;
  bool self_available = false;

  // Records that `expert` was available at some time of this day (sets its bit).
  void mark_available(std::uint32_t expert);
  // Adds every counter of `other` (availability: the union).
  void merge(const DayStats& other);
  // Experts available this day: the bits set, plus one for an expert series' own day.
  std::uint64_t associate_days() const;
};

// Days older than the retention period folded into one record, exactly: the sums of their
// counters, the union of their availability, and the associate-days they held.
struct FoldedDays {
  DayKey first = 0;
  DayKey last = 0;
  DayStats stats;
  std::uint64_t associate_days = 0;
};

// Sparse per-day storage: a vector sorted by day. Events arrive (almost) in time order, so an
// insertion is an append or lands in the last few entries; a range is one binary search and a
// contiguous scan.
class DaySeries {
 public:
  using Entry = std::pair<DayKey, DayStats>;

  // The day's stats, inserted empty if absent.
  DayStats& at(DayKey day);
  // Entries with first <= day <= last, in day order.
  std::span<const Entry> range(DayKey first, DayKey last) const;
  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty() && folded_.empty(); }

  // Folds the days before `cutoff` into the folded record (removing them from the entries).
  void fold_before(DayKey cutoff);
  // The folded record, to count an event of a day already folded (created when absent).
  DayStats& folded_at(DayKey day);
  // The folded record, if any days were folded (a vector of at most one, for the snapshot).
  const FoldedDays* folded() const { return folded_.empty() ? nullptr : &folded_.front(); }
  std::vector<FoldedDays>& folded_storage() { return folded_; }
  // The first and last day held (folded or not); only for a non-empty series.
  DayKey first_day() const;
  DayKey last_day() const;

 private:
  std::vector<Entry> entries_;
  std::vector<FoldedDays> folded_;  // empty or one record
};

}  // namespace vshop::analytics
