// Response times (request to claim) of one day and one scope, kept so that days can be merged
// for a range median / p90 without revisiting chats (R-METRIC-1).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "vshop/time.hpp"

namespace vshop::analytics {

// Resolution of response times: 100 ms buckets over 0..599.9 s, plus one overflow bucket for
// 600 s and more (a claim always lands inside claim_window <= 10 min, docs/reference.md §1).
inline constexpr int kResponseBucketMs = 100;
inline constexpr int kResponseBuckets = 6001;

// Counts per bucket of the days merged for one query (index = bucket).
using ResponseAccumulator = std::vector<std::uint64_t>;

// Bucket of a response time: floor(ms / 100); negative times count as 0, >= 600 s overflow.
int response_bucket(Duration response);

// A day's response times as (bucket, count) pairs sorted by bucket: memory is proportional to
// the distinct 100 ms buckets hit that day, so at most kResponseBuckets entries per day.
class ResponseHistogram {
 public:
  void add(Duration response) { add_bucket(response_bucket(response)); }
  // Adds `n` times to `bucket` (clamped to 0..kResponseBuckets-1).
  void add_bucket(int bucket, std::uint32_t n = 1);
  // Adds all counts of `other` (folding days together).
  void add_all(const ResponseHistogram& other);
  // Adds this day's counts to `acc` (sized to kResponseBuckets on first use).
  void merge_into(ResponseAccumulator& acc) const;
  std::uint32_t count() const { return count_; }

  // Snapshot form: the per-bucket counts as (bucket, count) pairs in bucket order.
  std::vector<std::pair<int, std::uint32_t>> buckets() const;

 private:
  struct Bin {
    std::uint16_t bucket;
    std::uint32_t n;
  };
  absl::InlinedVector<Bin, 2> bins_;  // ascending bucket
  std::uint32_t count_ = 0;
};

// Nearest-rank percentile (p in 1..100) of the merged counts: the bucket holding the
// ceil(p * n / 100)-th smallest time, reported as that bucket's lower bound. So the result is
// at most 99 ms below the exact nearest-rank time and exact for whole-second (or whole 100 ms)
// times; the overflow bucket reads 600 s. Empty accumulator: 0 (callers check n).
Duration response_percentile(const ResponseAccumulator& acc, std::uint64_t n, int p);

}  // namespace vshop::analytics
