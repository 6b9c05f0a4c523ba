#include "analytics/response_histogram.hpp"

#include <algorithm>

namespace vshop::analytics {

int response_bucket(Duration response) {
  const std::int64_t ms = response.count();
  if (ms <= 0) return 0;
  return static_cast<int>(std::min<std::int64_t>(ms / 1000, kResponseBuckets - 1));
}

ResponseHistogram::ResponseHistogram(const ResponseHistogram& other)
    : sparse_(other.sparse_), count_(other.count_) {
  if (other.dense_) {
    dense_ = std::make_unique<std::uint32_t[]>(kResponseBuckets);
    std::copy_n(other.dense_.get(), kResponseBuckets, dense_.get());
  }
}

ResponseHistogram& ResponseHistogram::operator=(const ResponseHistogram& other) {
  if (this != &other) *this = ResponseHistogram(other);
  return *this;
}

void ResponseHistogram::add_bucket(int bucket, std::uint32_t n) {
  if (n == 0) return;
  bucket = std::clamp(bucket, 0, kResponseBuckets - 1);
  count_ += n;
  if (!dense_ && sparse_.size() + n <= kSparseLimit) {
    sparse_.insert(sparse_.end(), n, static_cast<std::uint16_t>(bucket));
    return;
  }
  if (!dense_) {
    // Past this size a fixed array is both smaller per claim and faster to merge.
    dense_ = std::make_unique<std::uint32_t[]>(kResponseBuckets);  // zeroed
    for (std::uint16_t b : sparse_) ++dense_[b];
    sparse_.clear();
    sparse_.shrink_to_fit();
  }
  dense_[static_cast<std::size_t>(bucket)] += n;
}

void ResponseHistogram::merge_into(ResponseAccumulator& acc) const {
  if (dense_) {
    const std::uint32_t* counts = dense_.get();
    for (std::size_t i = 0; i < acc.size(); ++i) acc[i] += counts[i];
  } else {
    for (std::uint16_t b : sparse_) ++acc[b];
  }
}

std::vector<std::pair<int, std::uint32_t>> ResponseHistogram::buckets() const {
  ResponseAccumulator acc{};
  merge_into(acc);
  std::vector<std::pair<int, std::uint32_t>> out;
  for (int i = 0; i < kResponseBuckets; ++i) {
    const std::uint32_t n = acc[static_cast<std::size_t>(i)];
    if (n != 0) out.emplace_back(i, n);
  }
  return out;
}

Duration response_percentile(const ResponseAccumulator& acc, std::uint64_t n, int p) {
  if (n == 0) return Duration{0};
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const auto percent = static_cast<std::uint64_t>(p);
  const std::uint64_t rank = std::max<std::uint64_t>(1, (n * percent + 99) / 100);
  std::uint64_t seen = 0;
  for (int b = 0; b < kResponseBuckets; ++b) {
    seen += acc[static_cast<std::size_t>(b)];
    if (seen >= rank) {
      if (b == kResponseBuckets - 1) return Duration{std::int64_t{b} * 1000};
      return Duration{std::int64_t{b} * 1000 + 500};
    }
  }
  return Duration{std::int64_t{kResponseBuckets - 1} * 1000};
}

}  // namespace vshop::analytics
