// R-METRIC-1 on a hand-computed day: three experts in two stores, five chats, ratings, orders in
// SEK, JPY (0 decimals) and KWD (3 decimals).
#include <doctest/doctest.h>

#include "scenario.hpp"
#include "test_support.hpp"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

using testing::at;
using testing::must;
using namespace testing::ids;
using testing::scenario;

const CurrencyMetrics& currency(const Metrics& m, std::string_view code) {
  for (const auto& c : m.currencies) {
    if (c.code == code) return c;
  }
  FAIL("no currency " << code);
  return m.currencies.front();
}

TEST_CASE("R-METRIC-1: merchant metrics of a hand-computed day") {
  const MetricsBook b = scenario();
  const Metrics m =
      must(b.query(Scope::merchant(), at("2026-03-10T00:00:00Z"), at("2026-03-11T00:00:00Z")));
  CHECK(m.initiated == 5);
  CHECK(m.claimed == 3);
  CHECK(format_ratio(m.claimed, m.initiated, 1, true) == "60.0");
  CHECK(m.missed == 2);
  CHECK(m.taken == 1);
  CHECK(m.available_associates == 3);
  CHECK(m.associate_days == 3);
  CHECK(format_ratio(m.initiated, m.associate_days, 2, false) == "1.67");
  CHECK(m.ratings == 3);
  CHECK(format_ratio(m.rating_sum, m.ratings, 2, false) == "4.00");
  CHECK(m.orders == 4);
  CHECK(m.unattributed_orders == 1);
  REQUIRE(m.currencies.size() == 3);  // sorted by code
  CHECK(m.currencies[0].code == "JPY");
  CHECK(m.currencies[1].code == "KWD");
  CHECK(m.currencies[2].code == "SEK");
  CHECK(currency(m, "SEK").orders == 2);
  CHECK(currency(m, "SEK").gross() == "1334.50");
  CHECK(currency(m, "SEK").average() == "667.25");
  CHECK(currency(m, "JPY").gross() == "5000");
  CHECK(currency(m, "JPY").average() == "5000");
  CHECK(currency(m, "KWD").gross() == "1.234");
  // Conversion: converted chats c1, c2, c4 over engaged chats (3 claimed + 1 taken).
  CHECK(m.converted == 3);
  CHECK(m.engaged() == 4);
  CHECK(format_ratio(m.converted, m.engaged(), 1, true) == "75.0");
  // Response times 5 s, 12 s, 30.5 s: nearest-rank median = 12 s, p90 = 30.5 s, exact (the
  // lower bounds of their 100 ms buckets).
  CHECK(m.responses == 3);
  REQUIRE(m.response_median.has_value());
  CHECK(m.response_median->count() == 12000);
  CHECK(m.response_p90->count() == 30500);
  // The day before holds nothing.
  const Metrics empty =
      must(b.query(Scope::merchant(), at("2026-03-09T00:00:00Z"), at("2026-03-10T00:00:00Z")));
  CHECK(empty.initiated == 0);
  CHECK(empty.available_associates == 0);
  CHECK_FALSE(empty.response_median.has_value());
  CHECK_FALSE(empty.claimed_ratio().has_value());
}

TEST_CASE("R-METRIC-1: each chat is owned by one store and at most one expert") {
  const MetricsBook b = scenario();
  const Instant from = at("2026-03-10T00:00:00Z"), to = at("2026-03-11T00:00:00Z");
  // Owners: c1 S0/E0 (claimed), c2 S0/E1 (claimed), c3 S0/E0 (missed, offered to S1 first,
  // then taken by E0), c4 S1/E2 (offered to S0 first, claimed by E2), c5 no store (no offer).
  const Metrics s0 = must(b.query(Scope::store(S0), from, to));
  CHECK(s0.initiated == 3);
  CHECK(s0.claimed == 2);
  CHECK(s0.missed == 1);
  CHECK(s0.offered == 3);  // c1, c2, c4 were offered to S0's experts
  CHECK(s0.taken == 1);
  CHECK(s0.available_associates == 2);
  CHECK(s0.associate_days == 2);
  CHECK(s0.orders == 3);
  CHECK(s0.converted == 2);
  CHECK(s0.engaged() == 3);
  CHECK(format_ratio(s0.rating_sum, s0.ratings, 2, false) == "4.50");
  CHECK(currency(s0, "SEK").gross() == "1334.50");
  CHECK(s0.unattributed_orders == 0);

  const Metrics s1 = must(b.query(Scope::store(S1), from, to));
  CHECK(s1.initiated == 1);
  CHECK(s1.claimed == 1);
  CHECK(s1.missed == 0);
  CHECK(s1.offered == 3);  // c1, c3, c4
  CHECK(s1.available_associates == 1);
  REQUIRE(s1.currencies.size() == 1);
  CHECK(s1.currencies[0].gross() == "1.234");

  // Store rows plus the merchant-only chat (c5) add up to the merchant row.
  const Metrics m = must(b.query(Scope::merchant(), from, to));
  CHECK(s0.initiated + s1.initiated + 1 == m.initiated);
  CHECK(s0.claimed + s1.claimed == m.claimed);
  CHECK(s0.missed + s1.missed + 1 == m.missed);

  const Metrics e0 = must(b.query(Scope::expert(E0), from, to));
  CHECK(e0.initiated == 2);
  CHECK(e0.claimed == 1);
  CHECK(e0.missed == 1);
  CHECK(e0.offered == 2);
  CHECK(e0.taken == 1);
  CHECK(e0.orders == 2);
  CHECK(e0.converted == 1);
  CHECK(e0.available_associates == 1);
  CHECK(e0.response_median->count() == 12000);
  CHECK(format_ratio(e0.rating_sum, e0.ratings, 1, false) == "5.0");

  const Metrics e1 = must(b.query(Scope::expert(E1), from, to));
  CHECK(e1.initiated == 1);
  CHECK(e1.offered == 3);
  CHECK(format_ratio(e1.claimed, e1.offered, 1, true) == "33.3");  // offers claimed %

  const Metrics e2 = must(b.query(Scope::expert(E2), from, to));
  CHECK(e2.initiated == 1);
  CHECK(e2.claimed == 1);
  CHECK(e2.missed == 0);
  CHECK(e2.offered == 3);
  CHECK(e2.response_p90->count() == 5000);
  CHECK(e0.claimed + e1.claimed + e2.claimed == m.claimed);

  CHECK(b.stores() == std::vector<StoreId>{S0, S1});
  CHECK(b.experts() == std::vector<ExpertId>{E0, E1, E2});
  // A scope without any record is empty, not an error.
  CHECK(must(b.query(Scope::expert(77), from, to)).initiated == 0);
}

TEST_CASE("R-METRIC-1: money is exact per currency and the average rounds half up") {
  MetricsBook b;
  const Instant t = at("2026-05-01T12:00:00Z");
  VSHOP_OK(b.order_recorded(t, Attribution{0, 0, 1}, "KWD", 1234));
  VSHOP_OK(b.order_recorded(t, Attribution{0, 0, 2}, "KWD", 1235));
  VSHOP_OK(b.order_recorded(t, Attribution{0, 0, 3}, "JPY", 7));
  VSHOP_OK(b.order_recorded(t, Attribution{0, 0, 4}, "JPY", 8));
  VSHOP_OK(b.order_recorded(t, Attribution{0, 0, 5}, "EUR", 1));
  VSHOP_OK(b.order_recorded(t, Attribution{0, 0, 6}, "EUR", 0));
  const Metrics m = must(b.query(Scope::merchant(), t, t + Duration{1}));
  CHECK(currency(m, "KWD").gross() == "2.469");
  CHECK(currency(m, "KWD").average() == "1.235");  // 1.2345 -> 1.235
  CHECK(currency(m, "JPY").gross() == "15");
  CHECK(currency(m, "JPY").average() == "8");  // 7.5 -> 8
  CHECK(currency(m, "EUR").gross() == "0.01");
  CHECK(currency(m, "EUR").average() == "0.01");  // 0.005 -> 0.01
  CHECK(m.converted == 6);
  CHECK(format_minor_units(5, 3) == "0.005");
  CHECK(format_minor_units(9223372036854775807, 2) == "92233720368547758.07");
}

TEST_CASE("R-METRIC-1: inconsistent input is rejected with the field named, nothing changed") {
  MetricsBook b = scenario();
  const Instant from = at("2026-03-10T00:00:00Z"), to = at("2026-03-11T00:00:00Z");
  const Metrics before = must(b.query(Scope::merchant(), from, to));
  const Instant t = at("2026-03-10T18:00:00Z");
  auto check = [](const absl::Status& s, ErrorCode code, std::string_view field) {
    CHECK(error_code_of(s) == code);
    CHECK(std::string(s.message()).find(field) != std::string::npos);
  };
  check(b.chat_rated(t, 1, E0, S0, 6), ErrorCode::kInvalidArgument, "stars");
  check(b.chat_rated(t, 1, E0, S0, 0), ErrorCode::kInvalidArgument, "stars");
  check(b.order_recorded(t, Attribution{E0, S0, 1}, "sek", 100), ErrorCode::kInvalidArgument,
        "currency");
  check(b.order_recorded(t, Attribution{E0, S0, 1}, "SEK", -1), ErrorCode::kInvalidArgument,
        "subtotal");
  check(b.order_recorded(t, Attribution{E0, S0, 1}, "SEK", INT64_MAX), ErrorCode::kInvalidArgument,
        "subtotal");
  check(b.chat_claimed(t, 99, E0, S0), ErrorCode::kNotFound, "chat");
  check(b.chat_missed(t, 99), ErrorCode::kNotFound, "chat");
  check(b.chat_offered(t, 99, E0, S0), ErrorCode::kNotFound, "chat");
  check(b.chat_offered(t, 99, kMaxInternedId, S0), ErrorCode::kInvalidArgument, "expert");
  VSHOP_OK(b.chat_requested(at("2026-03-10T18:00:00Z"), 50));
  check(b.chat_requested(t, 50), ErrorCode::kAlreadyExists, "chat");
  check(b.chat_claimed(at("2026-03-10T17:59:59Z"), 50, E0, S0), ErrorCode::kInvalidArgument, "at");
  check(b.query(Scope::merchant(), to, from).status(), ErrorCode::kInvalidArgument, "to");
  check(b.chat_claimed(at("2026-03-10T17:00:00Z"), at("2026-03-10T18:00:05Z"), 50, E0, S0),
        ErrorCode::kInvalidArgument, "requested_at");
  const Metrics after = must(b.query(Scope::merchant(), from, to));
  CHECK(after.initiated == before.initiated + 1);  // only the accepted request of c50
  CHECK(after.claimed == before.claimed);
  CHECK(after.ratings == before.ratings);
  CHECK(after.orders == before.orders);
  CHECK(currency(after, "SEK").gross() == currency(before, "SEK").gross());
}

TEST_CASE("R-METRIC-1: a claim counts on the request's day (cohort), orders on their own day") {
  MetricsBook b;
  VSHOP_OK(b.chat_requested(at("2026-03-10T23:59:50Z"), 1));
  VSHOP_OK(b.chat_offered(at("2026-03-10T23:59:50Z"), 1, 0, 0));
  VSHOP_OK(b.chat_claimed(at("2026-03-10T23:59:50Z"), at("2026-03-11T00:00:10Z"), 1, 0, 0));
  VSHOP_OK(b.order_recorded(at("2026-03-11T09:00:00Z"), Attribution{0, 0, 1}, "EUR", 500));
  auto day = [&](const char* from, const char* to) {
    return must(b.query(Scope::merchant(), at(from), at(to)));
  };
  const Metrics d10 = day("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
  const Metrics d11 = day("2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z");
  CHECK(d10.initiated == 1);
  CHECK(d10.claimed == 1);
  CHECK(d10.response_median->count() == 20000);  // exactly 20 s
  CHECK(d10.orders == 0);
  CHECK(d11.claimed == 0);
  CHECK(d11.orders == 1);
  CHECK(d11.converted == 1);
  // A range inside a day covers the whole reporting day.
  CHECK(day("2026-03-10T12:00:00Z", "2026-03-10T12:00:01Z").claimed == 1);
}

TEST_CASE("R-METRIC-1: chats per available associate is per day, averaged over the range") {
  MetricsBook b;
  // E0 available across three days without events in between; E1 one day only; E2 at S1.
  VSHOP_OK(b.expert_available(at("2026-04-01T08:00:00Z"), 0, 0));
  VSHOP_OK(b.expert_available(at("2026-04-01T09:00:00Z"), 1, 0));
  VSHOP_OK(b.expert_unavailable(at("2026-04-01T17:00:00Z"), 1));
  VSHOP_OK(b.expert_available(at("2026-04-02T09:00:00Z"), 2, 1));
  VSHOP_OK(b.expert_unavailable(at("2026-04-02T10:00:00Z"), 2));
  for (ChatId c = 1; c <= 6; ++c) VSHOP_OK(b.chat_requested(at("2026-04-03T12:00:00Z"), c));
  VSHOP_OK(b.expert_unavailable(at("2026-04-03T18:00:00Z"), 0));
  auto q = [&](Scope s, const char* from, const char* to) {
    return must(b.query(s, at(from), at(to)));
  };
  const char* apr1 = "2026-04-01T00:00:00Z";
  const char* apr2 = "2026-04-02T00:00:00Z";
  const char* apr3 = "2026-04-03T00:00:00Z";
  const char* apr4 = "2026-04-04T00:00:00Z";
  CHECK(q(Scope::merchant(), apr1, apr4).available_associates == 3);
  CHECK(q(Scope::merchant(), apr2, apr3).available_associates == 2);
  const Metrics d3 = q(Scope::merchant(), apr3, apr4);
  CHECK(d3.available_associates == 1);  // only E0, still available from April 1st
  CHECK(d3.chats_per_associate() == doctest::Approx(6.0));
  // Over the three days: 6 chats over 5 associate-days (E0 3 days, E1 and E2 one each), the
  // daily figure averaged over the range, not 6 chats over 3 distinct associates.
  const Metrics all = q(Scope::merchant(), apr1, apr4);
  CHECK(all.associate_days == 5);
  CHECK(format_ratio(all.initiated, all.associate_days, 1, false) == "1.2");
  CHECK(q(Scope::store(0), apr1, apr4).available_associates == 2);
  CHECK(q(Scope::store(1), apr1, apr4).available_associates == 1);
  CHECK(q(Scope::expert(2), apr3, apr4).available_associates == 0);
  CHECK(q(Scope::expert(0), apr2, apr3).available_associates == 1);
}

TEST_CASE("R-METRIC-1: a transfer keeps the claim with the claimer and engages the target") {
  MetricsBook b;
  const Instant t0 = at("2026-03-12T10:00:00Z");
  VSHOP_OK(b.chat_requested(t0, 1));
  VSHOP_OK(b.chat_offered(t0, 1, E0, S0));
  VSHOP_OK(b.chat_claimed(t0 + std::chrono::seconds{3}, 1, E0, S0));
  // E0 (S0) hands the chat to E2 (S1); the shopper then buys: attributed to E2 (R-ATTR-1).
  VSHOP_OK(b.chat_transferred(t0 + std::chrono::minutes{5}, 1, E0, S0, E2, S1));
  // A transfer inside one store engages the target expert, not the store a second time.
  VSHOP_OK(b.chat_transferred(t0 + std::chrono::minutes{6}, 1, E2, S1, E1, S1));
  VSHOP_OK(b.order_recorded(t0 + std::chrono::hours{1}, Attribution{E1, S1, 1}, "EUR", 4200));
  const Instant from = at("2026-03-12T00:00:00Z"), to = at("2026-03-13T00:00:00Z");
  const Metrics e0 = must(b.query(Scope::expert(E0), from, to));
  CHECK(e0.claimed == 1);
  CHECK(e0.response_median->count() == 3000);
  CHECK(e0.orders == 0);
  CHECK(e0.converted == 0);
  const Metrics e2 = must(b.query(Scope::expert(E2), from, to));
  CHECK(e2.claimed == 0);
  CHECK(e2.transfers_in == 1);
  const Metrics e1 = must(b.query(Scope::expert(E1), from, to));
  CHECK(e1.transfers_in == 1);
  CHECK(e1.engaged() == 1);
  CHECK(e1.converted == 1);
  CHECK(format_ratio(e1.converted, e1.engaged(), 1, true) == "100.0");
  const Metrics s1 = must(b.query(Scope::store(S1), from, to));
  CHECK(s1.transfers_in == 1);
  CHECK(s1.engaged() == 1);
  CHECK(s1.orders == 1);
  const Metrics m = must(b.query(Scope::merchant(), from, to));
  CHECK(m.transfers_in == 0);
  CHECK(m.engaged() == 1);
  CHECK(m.converted == 1);
}

std::string snapshot(const MetricsBook& b) {
  JsonWriter w;
  b.write(w);
  return w.take();
}

TEST_CASE("R-METRIC-1: the book's snapshot round-trips byte for byte and keeps counting") {
  MetricsBook original = scenario();
  // Open state: a chat awaiting a claim and an expert still available.
  VSHOP_OK(original.set_reporting_timezone("Asia/Tokyo"));
  VSHOP_OK(original.expert_available(at("2026-03-10T20:00:00Z"), E1, S0));
  VSHOP_OK(original.chat_requested(at("2026-03-10T20:00:00Z"), 9));
  VSHOP_OK(original.chat_offered(at("2026-03-10T20:00:00Z"), 9, E1, S0));
  const std::string bytes = snapshot(original);
  auto restored = MetricsBook::read(bytes);
  REQUIRE(restored.ok());
  CHECK(snapshot(*restored) == bytes);
  CHECK(restored->reporting_timezone() == "Asia/Tokyo");
  // Both continue identically: the pending claim, a second order of a converted chat.
  for (MetricsBook* b : {&original, &*restored}) {
    VSHOP_OK(b->chat_claimed(at("2026-03-10T20:00:07Z"), 9, E1, S0));
    VSHOP_OK(b->order_recorded(at("2026-03-11T01:00:00Z"), Attribution{E0, S0, 1}, "SEK", 1));
    b->advance(at("2026-03-12T05:00:00Z"));
  }
  CHECK(snapshot(*restored) == snapshot(original));
  const Metrics m = must(
      restored->query(Scope::expert(E1), at("2026-03-01T00:00:00Z"), at("2026-03-20T00:00:00Z")));
  const Metrics o = must(
      original.query(Scope::expert(E1), at("2026-03-01T00:00:00Z"), at("2026-03-20T00:00:00Z")));
  CHECK(m.claimed == 2);
  CHECK(m.claimed == o.claimed);
  CHECK(m.converted == o.converted);
  CHECK(m.response_p90 == o.response_p90);
  // E1 stayed available (open period) through the advance to March 12th (Tokyo).
  CHECK(
      restored->query_days(Scope::expert(E1), date::year{2026} / 3 / 12, date::year{2026} / 3 / 12)
          .available_associates == 1);
}

TEST_CASE("R-METRIC-1: a malformed analytics snapshot is rejected naming the field") {
  for (std::string_view bad : {"", "not json", "{}", "[]"}) {
    CHECK(error_code_of(MetricsBook::read(bad).status()) == ErrorCode::kInvalidArgument);
  }
  const std::string good = snapshot(scenario());
  auto replace = [&](std::string_view from, std::string_view to) {
    std::string s = good;
    const auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    s.replace(pos, from.size(), to);
    return MetricsBook::read(s).status();
  };
  auto names = [](const absl::Status& s, std::string_view field) {
    CHECK(error_code_of(s) != ErrorCode::kOk);
    CHECK(std::string(s.message()).find(field) != std::string::npos);
  };
  names(replace("\"UTC\"", "\"Nowhere/City\""), "reporting_timezone");
  names(replace(R"({"bucket":120,)", R"({"bucket":6001,)"), "response_100ms");
  names(replace("\"SEK\"", "\"ZZZ\""), "currencies");
  names(replace("\"initiated\":5", "\"initiated\":-5"), "initiated");
}

TEST_CASE("R-METRIC-1: a corrupted snapshot is rejected or read consistently, never a crash") {
  MetricsBook b = scenario();
  VSHOP_OK(b.chat_requested(at("2026-03-10T20:00:00Z"), 9));
  VSHOP_OK(b.chat_offered(at("2026-03-10T20:00:00Z"), 9, E1, S0));
  VSHOP_OK(b.expert_available(at("2026-03-10T20:00:00Z"), E1, S0));
  const std::string good = snapshot(b);
  int accepted = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (char c : {'0', '9', '-', '"', ']', 'x'}) {
      if (good[i] == c) continue;
      std::string bad = good;
      bad[i] = c;
      auto read = MetricsBook::read(bad);
      if (!read.ok()) continue;
      ++accepted;
      // Whatever was accepted is a consistent book: its own snapshot reads back identically.
      const std::string again = snapshot(*read);
      auto reread = MetricsBook::read(again);
      REQUIRE(reread.ok());
      CHECK(snapshot(*reread) == again);
    }
  }
  CHECK(accepted > 0);  // digit changes inside counters stay valid
}

}  // namespace
}  // namespace vshop::analytics
