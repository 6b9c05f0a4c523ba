// Response times (request to claim) of one day and one scope, kept so that days can be merged
// for a range median / p90 without revisiting chats (R-METRIC-1).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "vshop/time.hpp"

namespace vshop::analytics {

// Resolution of merged response times: whole seconds, 0..599 s, plus one overflow bucket for
// 600 s and more (a claim always lands inside claim_window <= 10 min, docs/reference.md §1).
inline constexpr int kResponseBuckets = 601;
using ResponseAccumulator = std::array<std::uint32_t, kResponseBuckets>;

// Second bucket of a response time (negative times count as 0 s, >= 600 s as the overflow).
int response_bucket(Duration response);

// A day's response times. Sparse days (an expert claims a few chats a day) keep one entry per
// claim; a day with many claims switches to a dense per-second count array, so memory stays
// proportional to min(claims, 601) per day.
class ResponseHistogram {
 public:
  ResponseHistogram() = default;
  ResponseHistogram(ResponseHistogram&&) noexcept = default;
  ResponseHistogram& operator=(ResponseHistogram&&) noexcept = default;
  ResponseHistogram(const ResponseHistogram& other);
  ResponseHistogram& operator=(const ResponseHistogram& other);

  void add(Duration response) { add_bucket(response_bucket(response)); }
  void add_bucket(int bucket, std::uint32_t n = 1);
  // Adds this day's counts to `acc`.
  void merge_into(ResponseAccumulator& acc) const;
  std::uint32_t count() const { return count_; }

  // Snapshot form: the per-bucket counts as (bucket, count) pairs in bucket order.
  std::vector<std::pair<int, std::uint32_t>> buckets() const;

 private:
  static constexpr std::size_t kSparseLimit = 48;
  // One bucket index per claim while small (the first 4 without a heap allocation: most
  // expert-days), then kResponseBuckets counts.
  absl::InlinedVector<std::uint16_t, 4> sparse_;
  std::unique_ptr<std::uint32_t[]> dense_;
  std::uint32_t count_ = 0;
};

// Nearest-rank percentile (p in 1..100) of the merged counts: the bucket holding the
// ceil(p * n / 100)-th smallest time, reported as that bucket's midpoint (b s + 500 ms; the
// overflow bucket as 600 s). Exact to within ±500 ms. Empty accumulator: 0 (callers check n).
Duration response_percentile(const ResponseAccumulator& acc, std::uint64_t n, int p);

}  // namespace vshop::analytics
