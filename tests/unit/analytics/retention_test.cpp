// R-METRIC-1, bounded memory (issue 16): per-day detail is kept for metrics_retention_days and
// older days are folded, exactly, into one all-time record per scope; the snapshot carries both
// and its size stays bounded over a long span.
#include <doctest/doctest.h>

#include <string>

#include "test_support.hpp"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

using testing::at;
using testing::must;

constexpr std::uint32_t kExperts = 30;
constexpr std::uint32_t kStores = 5;

// `days` days from 2024-01-01 of a chain of 30 experts: each available every day, two chats a
// day each (one claimed after i % 97 s, one missed after an offer), a rating and an order.
void feed(MetricsBook& b, int days) {
  const Instant start = at("2024-01-01T08:00:00Z");
  ChatId chat = 0;
  for (int d = 0; d < days; ++d) {
    const Instant day = start + date::days{d};
    for (ExpertId e = 0; e < kExperts; ++e) {
      const StoreId s = e % kStores;
      const Instant t = day + std::chrono::minutes{e};
      VSHOP_OK(b.expert_available(t, e, s));
      VSHOP_OK(b.chat_requested(t, ++chat));
      VSHOP_OK(b.chat_offered(t, chat, e, s));
      VSHOP_OK(b.chat_claimed(t + std::chrono::seconds{(d + e) % 97}, chat, e, s));
      VSHOP_OK(b.chat_rated(t + std::chrono::minutes{5}, chat, e, s, 1 + (d + e) % 5));
      VSHOP_OK(
          b.order_recorded(t + std::chrono::minutes{9}, Attribution{e, s, chat}, "EUR", 1000 + d));
      VSHOP_OK(b.chat_requested(t + std::chrono::minutes{1}, ++chat));
      VSHOP_OK(b.chat_offered(t + std::chrono::minutes{1}, chat, (e + 1) % kExperts,
                              (e + 1) % kExperts % kStores));
      VSHOP_OK(b.chat_missed(t + std::chrono::minutes{2}, chat));
      VSHOP_OK(b.expert_unavailable(t + std::chrono::hours{8}, e));
    }
  }
}

void same(const Metrics& a, const Metrics& b) {
  CHECK(a.initiated == b.initiated);
  CHECK(a.claimed == b.claimed);
  CHECK(a.missed == b.missed);
  CHECK(a.offered == b.offered);
  CHECK(a.ratings == b.ratings);
  CHECK(a.rating_sum == b.rating_sum);
  CHECK(a.orders == b.orders);
  CHECK(a.converted == b.converted);
  CHECK(a.available_associates == b.available_associates);
  CHECK(a.associate_days == b.associate_days);
  REQUIRE(a.currencies.size() == b.currencies.size());
  for (std::size_t i = 0; i < a.currencies.size(); ++i) {
    CHECK(a.currencies[i].gross_minor == b.currencies[i].gross_minor);
  }
  CHECK(a.responses == b.responses);
  CHECK(a.response_median == b.response_median);
  CHECK(a.response_p90 == b.response_p90);
}

TEST_CASE("R-METRIC-1: days past the retention period fold exactly into the all-time figures") {
  MetricsBook kept, folded;
  VSHOP_OK(kept.set_retention_days(36600));
  VSHOP_OK(folded.set_retention_days(30));
  feed(kept, 120);
  feed(folded, 120);
  const auto all = kept.recorded_days();
  REQUIRE(all.has_value());
  REQUIRE(folded.recorded_days().has_value());
  CHECK(folded.recorded_days()->first == all->first);  // the folded days still count
  CHECK(folded.recorded_days()->last == all->last);
  for (Scope scope : {Scope::merchant(), Scope::store(2), Scope::expert(7)}) {
    CAPTURE(static_cast<int>(scope.kind));
    same(folded.query_days(scope, all->first, all->last),
         kept.query_days(scope, all->first, all->last));
    // A range inside the retention period is unchanged.
    const auto last = all->last;
    const auto first = date::year_month_day{date::sys_days{last} - date::days{9}};
    same(folded.query_days(scope, first, last), kept.query_days(scope, first, last));
  }
  // Teams merge folded expert series the same way.
  const ExpertId team[] = {1, 2, 3};
  same(folded.query_team_days(team, all->first, all->last),
       kept.query_team_days(team, all->first, all->last));
  // The chat log keeps the retained days' chats only.
  CHECK(folded.chat_log().size() == 30u * kExperts * 2);
  CHECK(kept.chat_log().size() == 120u * kExperts * 2);
  CHECK(folded.retention_cutoff().has_value());
}

TEST_CASE("R-METRIC-1: a long span keeps memory and the snapshot bounded, and round-trips") {
  MetricsBook short_span, long_span;
  VSHOP_OK(short_span.set_retention_days(40));
  VSHOP_OK(long_span.set_retention_days(40));
  feed(short_span, 60);
  feed(long_span, 600);
  JsonWriter a, b;
  short_span.write(a);
  long_span.write(b);
  const std::string small = a.take(), big = b.take();
  // Ten times the days, about the same snapshot: only 40 days of detail plus the folded record.
  INFO("snapshot bytes: 60 days ", small.size(), ", 600 days ", big.size());
  CHECK(big.size() < small.size() * 12 / 10);
  // Restore + the rest equals the uninterrupted run, byte for byte.
  auto restored = MetricsBook::read(big);
  REQUIRE(restored.ok());
  JsonWriter again;
  restored->write(again);
  CHECK(again.str() == big);
  const auto days = long_span.recorded_days();
  same(restored->query_days(Scope::merchant(), days->first, days->last),
       long_span.query_days(Scope::merchant(), days->first, days->last));
}

TEST_CASE("R-METRIC-1: metrics_retention_days out of range is rejected, nothing changed") {
  MetricsBook b;
  for (int bad : {0, -1, 36601}) {
    const absl::Status s = b.set_retention_days(bad);
    CHECK(error_code_of(s) == ErrorCode::kInvalidSetting);
    CHECK(std::string(s.message()).find("metrics_retention_days") != std::string::npos);
  }
  CHECK(b.retention_days() == 400);
}

}  // namespace
}  // namespace vshop::analytics
