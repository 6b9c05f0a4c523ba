#include "analytics/response_histogram.hpp"

#include <algorithm>

namespace vshop::analytics {

int response_bucket(Duration response) {
  const std::int64_t ms = response.count();
  if (ms <= 0) return 0;
  return static_cast<int>(std::min<std::int64_t>(ms / kResponseBucketMs, kResponseBuckets - 1));
}

void ResponseHistogram::add_bucket(int bucket, std::uint32_t n) {
  if (n == 0) return;
  const auto b = static_cast<std::uint16_t>(std::clamp(bucket, 0, kResponseBuckets - 1));
  count_ += n;
  auto it = std::lower_bound(bins_.begin(), bins_.end(), b,
                             [](const Bin& x, std::uint16_t v) { return x.bucket < v; });
  if (it != bins_.end() && it->bucket == b) {
    it->n += n;
  } else {
    bins_.insert(it, Bin{b, n});
  }
}

void ResponseHistogram::add_all(const ResponseHistogram& other) {
  for (const Bin& x : other.bins_) add_bucket(x.bucket, x.n);
}

void ResponseHistogram::merge_into(ResponseAccumulator& acc) const {
  if (acc.size() < static_cast<std::size_t>(kResponseBuckets)) acc.resize(kResponseBuckets, 0);
  for (const Bin& x : bins_) acc[x.bucket] += x.n;
}

std::vector<std::pair<int, std::uint32_t>> ResponseHistogram::buckets() const {
  std::vector<std::pair<int, std::uint32_t>> out;
  out.reserve(bins_.size());
  for (const Bin& x : bins_) out.emplace_back(x.bucket, x.n);
  return out;
}

Duration response_percentile(const ResponseAccumulator& acc, std::uint64_t n, int p) {
  if (n == 0) return Duration{0};
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const auto percent = static_cast<std::uint64_t>(p);
  const std::uint64_t rank = std::max<std::uint64_t>(1, (n * percent + 99) / 100);
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < acc.size(); ++b) {
    seen += acc[b];
    if (seen >= rank) return Duration{static_cast<std::int64_t>(b) * kResponseBucketMs};
  }
  return Duration{std::int64_t{kResponseBuckets - 1} * kResponseBucketMs};
}

}  // namespace vshop::analytics
