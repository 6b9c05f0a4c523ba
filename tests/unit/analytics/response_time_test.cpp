// R-METRIC-1: response time median and p90 merged from per-day histograms stay within the
// documented resolution (±500 ms) of the exact nearest-rank values.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "test_support.hpp"

namespace vshop::analytics {
namespace {

using testing::at;
using testing::must;

std::int64_t exact_rank(std::vector<std::int64_t> v, int p) {
  std::sort(v.begin(), v.end());
  const auto percent = static_cast<std::size_t>(p);
  const std::size_t rank = std::max<std::size_t>(1, (v.size() * percent + 99) / 100);
  return v[rank - 1];
}

TEST_CASE("R-METRIC-1: response time median and p90 are exact within 500 ms over merged days") {
  // Deterministic pseudo-random response times (LCG), 0..600 s, over 20 days; expert 0 gets
  // few claims a day (sparse days), the merchant many (dense days).
  std::uint64_t state = 12345;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  MetricsBook b;
  std::vector<std::int64_t> all, expert0, days3to7;
  const Instant start = at("2026-02-01T08:00:00Z");
  ChatId chat = 0;
  for (int day = 0; day < 20; ++day) {
    for (int i = 0; i < 120; ++i) {
      const Instant req = start + date::days{day} + std::chrono::seconds{i * 60};
      const std::int64_t response_ms = static_cast<std::int64_t>(next(600000));
      const ExpertId e = static_cast<ExpertId>(next(10));
      VSHOP_OK(b.chat_requested(req, ++chat));
      VSHOP_OK(b.chat_claimed(req + Duration{response_ms}, chat, e, 0));
      all.push_back(response_ms);
      if (e == 0) expert0.push_back(response_ms);
      if (day >= 3 && day <= 7) days3to7.push_back(response_ms);
    }
  }
  auto check = [](const Metrics& m, const std::vector<std::int64_t>& values) {
    REQUIRE(m.responses == values.size());
    CHECK(std::llabs(m.response_median->count() - exact_rank(values, 50)) <= 500);
    CHECK(std::llabs(m.response_p90->count() - exact_rank(values, 90)) <= 500);
  };
  check(must(b.query(Scope::merchant(), at("2026-02-01T00:00:00Z"), at("2026-02-21T00:00:00Z"))),
        all);
  check(must(b.query(Scope::expert(0), at("2026-02-01T00:00:00Z"), at("2026-02-21T00:00:00Z"))),
        expert0);
  check(must(b.query(Scope::merchant(), at("2026-02-04T00:00:00Z"), at("2026-02-09T00:00:00Z"))),
        days3to7);
}

TEST_CASE("R-METRIC-1: response percentiles use the nearest rank of whole-second buckets") {
  ResponseAccumulator acc{};
  ResponseHistogram h;
  for (int s : {1, 2, 3, 4, 100}) h.add(std::chrono::seconds{s});
  h.add(Duration{600000});  // at claim_window's bound: the overflow bucket
  h.add(Duration{-5});      // clock skew counts as 0 s
  h.merge_into(acc);
  CHECK(h.count() == 7);
  // Sorted buckets: 0 1 2 3 4 100 600; rank(50%) = 4 -> 3 s; rank(90%) = 7 -> 600 s.
  CHECK(response_percentile(acc, 7, 50).count() == 3500);
  CHECK(response_percentile(acc, 7, 90).count() == 600000);
  CHECK(response_percentile(acc, 7, 1).count() == 500);
}

}  // namespace
}  // namespace vshop::analytics
