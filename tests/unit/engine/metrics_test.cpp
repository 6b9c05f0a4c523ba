// Dashboard analytics through the engine (R-METRIC-1): the book is fed by the engine's own
// transitions, queried by host ids, zoned by `reporting_timezone`, and kept in snapshots.
#include <doctest/doctest.h>

#include "engine/core.hpp"
#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

Instant I(std::int64_t s) { return from_epoch_ms(1778745600000 + s * 1000); }

std::string gross_of(const analytics::Metrics& m, std::string_view code) {
  for (const auto& c : m.currencies) {
    if (c.code == code) return c.gross();
  }
  return "none";
}

std::string average_of(const analytics::Metrics& m, std::string_view code) {
  for (const auto& c : m.currencies) {
    if (c.code == code) return c.average();
  }
  return "none";
}

// The hand-computed day of the R-METRIC-1 test (every offer goes to all four experts):
//   c1 (s1) requested +10 s, claimed by a1 +30 s (20 s), finished, rated 4;
//   c2 (s2) requested +100 s, claimed by r1 +125 s (25 s), finished, rated 5;
//   c3 (s3) requested +200 s, nobody claims: the wave expires +230 s and it is missed;
//   o1 89.95 EUR (s1 -> a1), o2 1500 JPY (s2 -> r1), o3 10.00 EUR (s9: no contact),
//   o4 10.05 EUR (s1 -> a1).
void hand_computed_day(Harness& h) {
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(30) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(100) + R"("cmd":"request_chat","shopper":"s2"})");
  h.ok(at(125) + R"("cmd":"claim","expert":"r1","chat":"c2"})");
  h.ok(at(200) + R"("cmd":"request_chat","shopper":"s3"})");
  h.ok(at(300) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.ok(at(310) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":4})");
  h.ok(at(320) + R"("cmd":"finish_chat","expert":"r1","chat":"c2"})");
  h.ok(at(330) + R"("cmd":"rate_chat","shopper":"s2","chat":"c2","stars":5})");
  h.ok(
      at(400) +
      R"("cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"89.95","currency":"EUR"})");
  h.ok(at(410) +
       R"("cmd":"record_purchase","order":"o2","shopper":"s2","subtotal":1500,"currency":"JPY"})");
  h.ok(
      at(415) +
      R"("cmd":"record_purchase","order":"o3","shopper":"s9","subtotal":"10.00","currency":"EUR"})");
  h.ok(
      at(420) +
      R"("cmd":"record_purchase","order":"o4","shopper":"s1","subtotal":"10.05","currency":"EUR"})");
}

}  // namespace

TEST_CASE("R-METRIC-1: a hand-computed day, per merchant, store and expert") {
  Harness h;
  hand_computed_day(h);
  CHECK(h.engine.chat("c3")->state == ChatState::kMissed);

  const auto m = h.engine.metrics(MetricsScope::merchant(), I(-3600), I(3600));
  REQUIRE(m.ok());
  CHECK(m->initiated == 3);
  CHECK(m->claimed == 2);
  CHECK(*m->claimed_ratio() == doctest::Approx(2.0 / 3));
  CHECK(m->missed == 1);
  CHECK(m->available_associates == 4);
  CHECK(m->associate_days == 4);
  CHECK(*m->chats_per_associate() == doctest::Approx(0.75));
  CHECK(m->ratings == 2);
  CHECK(*m->average_rating() == doctest::Approx(4.5));
  CHECK(m->orders == 3);
  CHECK(m->unattributed_orders == 1);
  CHECK(gross_of(*m, "EUR") == "100.00");
  CHECK(average_of(*m, "EUR") == "50.00");
  CHECK(gross_of(*m, "JPY") == "1500");
  CHECK(m->converted == 2);
  CHECK(*m->conversion_ratio() == doctest::Approx(1.0));
  // Nearest rank over {20 s, 25 s}: the median is the lower one, p90 the higher (exact for
  // whole seconds).
  CHECK(m->response_median == Duration{20'000});
  CHECK(m->response_p90 == Duration{25'000});

  const auto a1 = h.engine.metrics(MetricsScope::expert("a1"), I(-3600), I(3600));
  REQUIRE(a1.ok());
  CHECK(a1->initiated == 1);  // a1 owns c1 only (it claimed it)
  CHECK(a1->offered == 3);    // all three chats were offered to a1
  CHECK(a1->claimed == 1);
  CHECK(a1->missed == 0);
  CHECK(a1->available_associates == 1);
  CHECK(a1->rating_sum == 4);
  CHECK(a1->orders == 2);
  CHECK(gross_of(*a1, "EUR") == "100.00");
  CHECK(gross_of(*a1, "JPY") == "none");
  CHECK(a1->converted == 1);
  CHECK(a1->response_median == Duration{20'000});

  const auto rtm = h.engine.metrics(MetricsScope::store("rtm"), I(-3600), I(3600));
  REQUIRE(rtm.ok());
  CHECK(rtm->initiated == 1);  // c2; c3's first offer went to an ams expert
  CHECK(rtm->offered == 3);
  CHECK(rtm->claimed == 1);
  CHECK(rtm->available_associates == 2);
  CHECK(rtm->orders == 1);
  CHECK(gross_of(*rtm, "JPY") == "1500");
  CHECK(rtm->response_p90 == Duration{25'000});

  const auto a2 = h.engine.metrics(MetricsScope::expert("a2"), I(-3600), I(3600));
  REQUIRE(a2.ok());
  CHECK(a2->claimed == 0);
  CHECK(a2->orders == 0);
  CHECK(!a2->response_median);

  // A range without activity is empty; the series has one entry per day, empty days included.
  const auto before = h.engine.metrics(MetricsScope::merchant(), I(-3 * 86400), I(-2 * 86400));
  REQUIRE(before.ok());
  CHECK(before->initiated == 0);
  const auto series = h.engine.daily_metrics(MetricsScope::merchant(), I(-86400), I(86400));
  REQUIRE(series.ok());
  REQUIRE(series->size() == 3);
  CHECK((*series)[0].metrics.initiated == 0);
  CHECK((*series)[1].day == date::year_month_day{date::year{2026} / 5 / 14});
  CHECK((*series)[1].metrics.initiated == 3);
  CHECK((*series)[2].metrics.orders == 0);
}

TEST_CASE("R-METRIC-1: unknown scopes and bad ranges are errors naming the field") {
  Harness h;
  hand_computed_day(h);
  const auto store = h.engine.metrics(MetricsScope::store("nowhere"), I(0), I(60));
  CHECK(error_code_of(store.status()) == ErrorCode::kNotFound);
  CHECK(std::string(store.status().message()).find("store") != std::string::npos);
  const auto expert = h.engine.daily_metrics(MetricsScope::expert("zz"), I(0), I(60));
  CHECK(error_code_of(expert.status()) == ErrorCode::kNotFound);
  CHECK(std::string(expert.status().message()).find("expert") != std::string::npos);
  const auto range = h.engine.metrics(MetricsScope::merchant(), I(60), I(60));
  CHECK(error_code_of(range.status()) == ErrorCode::kInvalidArgument);
  CHECK(std::string(range.status().message()).find("to") != std::string::npos);
  // A known store without any activity has empty metrics.
  h.ok(at(500) +
       R"("cmd":"add_store","store":"empty","timezone":"UTC","hours":{"mon":["08:00-20:00"]}})");
  const auto empty = h.engine.metrics(MetricsScope::store("empty"), I(0), I(600));
  REQUIRE(empty.ok());
  CHECK(empty->initiated == 0);
}

TEST_CASE("R-METRIC-1: reporting_timezone is validated by configure; nothing changes on error") {
  Harness h;
  hand_computed_day(h);
  h.fails(at(500) + R"("cmd":"configure","reporting_timezone":"Mars/Olympus"})",
          ErrorCode::kInvalidSetting);
  CHECK(engine_detail::CoreAccess::core(h.engine).metrics.reporting_timezone() == "UTC");
  h.ok(at(500) + R"("cmd":"configure","reporting_timezone":"Asia/Tokyo"})");
  CHECK(engine_detail::CoreAccess::core(h.engine).metrics.reporting_timezone() == "Asia/Tokyo");
  CHECK(h.engine.settings().reporting_timezone == "Asia/Tokyo");
}

TEST_CASE("R-METRIC-1: reporting days follow reporting_timezone across both DST changes") {
  Harness h;
  h.ok(R"({"cmd":"configure","reporting_timezone":"Europe/Amsterdam"})");
  int n = 0;
  const auto purchase = [&](std::string_view instant) {
    h.ok(fmt::format(
        R"({{"at":"{}","cmd":"record_purchase","order":"o{}","shopper":"s","subtotal":"1.00","currency":"EUR"}})",
        instant, ++n));
  };
  const auto request = [&](std::string_view instant) {  // nobody is available: missed at once
    h.ok(fmt::format(R"({{"at":"{}","cmd":"request_chat","shopper":"s{}"}})", instant, ++n));
  };
  // Spring forward: 2026-03-29 lasts 23 h, 2026-03-28T23:00Z .. 2026-03-29T22:00Z.
  purchase("2026-03-28T22:59:59.999Z");  // 23:59:59.999 CET on the 28th
  purchase("2026-03-28T23:00:00Z");      // midnight: the 29th
  request("2026-03-29T21:59:59.999Z");   // 23:59:59.999 CEST on the 29th
  purchase("2026-03-29T22:00:00Z");      // midnight CEST: the 30th
  // Fall back: 2026-10-25 lasts 25 h, 2026-10-24T22:00Z .. 2026-10-25T23:00Z.
  request("2026-10-24T21:59:59.999Z");   // the 24th
  purchase("2026-10-24T22:00:00Z");      // the 25th
  request("2026-10-25T01:30:00Z");       // 02:30 CET, the second 02:30 of the day
  purchase("2026-10-25T22:59:59.999Z");  // 23:59:59.999 CET on the 25th
  purchase("2026-10-25T23:00:00Z");      // the 26th

  const auto day = [](int m, int d) { return date::year_month_day{date::year{2026} / m / d}; };
  const auto series =
      h.engine.daily_metrics(MetricsScope::merchant(), *parse_instant("2026-03-28T00:00:00Z"),
                             *parse_instant("2026-03-30T12:00:00Z"));
  REQUIRE(series.ok());
  REQUIRE(series->size() == 3);  // the 28th (local day of 00:00Z) .. the 30th
  CHECK((*series)[0].day == day(3, 28));
  CHECK((*series)[0].metrics.unattributed_orders == 1);
  CHECK((*series)[1].metrics.unattributed_orders == 1);
  CHECK((*series)[1].metrics.initiated == 1);
  CHECK((*series)[1].metrics.missed == 1);
  CHECK((*series)[2].metrics.unattributed_orders == 1);

  const auto autumn =
      h.engine.daily_metrics(MetricsScope::merchant(), *parse_instant("2026-10-24T12:00:00Z"),
                             *parse_instant("2026-10-26T12:00:00Z"));
  REQUIRE(autumn.ok());
  REQUIRE(autumn->size() == 3);
  CHECK((*autumn)[0].day == day(10, 24));
  CHECK((*autumn)[0].metrics.initiated == 1);
  CHECK((*autumn)[0].metrics.unattributed_orders == 0);
  CHECK((*autumn)[1].metrics.initiated == 1);
  CHECK((*autumn)[1].metrics.unattributed_orders == 2);
  CHECK((*autumn)[2].metrics.unattributed_orders == 1);
  // A range given in instants covers the whole local days it touches: one instant of the
  // 25-hour day is the whole day.
  const auto one =
      h.engine.metrics(MetricsScope::merchant(), *parse_instant("2026-10-25T12:00:00Z"),
                       *parse_instant("2026-10-25T12:00:00.001Z"));
  REQUIRE(one.ok());
  CHECK(one->unattributed_orders == 2);
}

TEST_CASE("R-METRIC-1: a blocked shopper's silent chats are not counted (R-BLOCK-1)") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(30) + R"("cmd":"block_shopper","expert":"a1","chat":"c1"})");
  h.ok(at(40) + R"("cmd":"request_chat","shopper":"s1"})");  // silent
  h.advance(400);                                            // past its claim window
  const auto m = h.engine.metrics(MetricsScope::merchant(), I(0), I(600));
  REQUIRE(m.ok());
  CHECK(m->initiated == 1);
  CHECK(m->claimed == 1);
  CHECK(m->missed == 0);
}

TEST_CASE("R-METRIC-1: transfers, left messages and automatic unavailability feed the book") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  const std::string first = h.engine.chat("c1")->pending_offers.at(0);
  h.ok(at(15) + R"("cmd":"claim","expert":")" + first + R"(","chat":"c1"})");
  const std::string target = first == "r1" ? "r2" : "r1";
  h.ok(at(20) + R"("cmd":"transfer","expert":")" + first + R"(","chat":"c1","to":")" + target +
       R"(","note":"n"})");
  h.ok(at(25) + R"("cmd":"accept_transfer","expert":")" + target + R"(","chat":"c1"})");
  h.ok(
      at(30) +
      R"("cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"5.00","currency":"EUR"})");
  const auto t = h.engine.metrics(MetricsScope::expert(target), I(0), I(60));
  REQUIRE(t.ok());
  CHECK(t->transfers_in == 1);
  CHECK(t->orders == 1);  // the sale follows the transfer (R-ATTR-1)
  CHECK(t->converted == 1);
  const auto f = h.engine.metrics(MetricsScope::expert(first), I(0), I(60));
  CHECK(f->claimed == 1);
  CHECK(f->orders == 0);

  // Everybody leaves; a chat is missed, a message left and taken later.
  for (const char* e : {"a1", "a2", "r1", "r2"})
    h.ok(at(40) + R"("cmd":"go_unavailable","expert":")" + e + R"("})");
  h.ok(at(50) + R"("cmd":"request_chat","shopper":"s2"})");
  CHECK(h.engine.chat("c2")->state == ChatState::kMissed);
  h.ok(
      at(55) +
      R"("cmd":"leave_message","chat":"c2","text":"hi","channel":"email","address":"s2@x.example"})");
  h.ok(at(86400) + R"("cmd":"go_available","expert":"a2"})");
  h.ok(at(86400 + 5) + R"("cmd":"take_left_message","expert":"a2","chat":"c2"})");
  const auto a2 = h.engine.metrics(MetricsScope::expert("a2"), I(86400), I(86460));
  REQUIRE(a2.ok());
  CHECK(a2->taken == 1);
  CHECK(a2->available_associates == 1);
  // The stores close at 18:00 UTC: a2's automatic unavailability ends the period; two days
  // later nobody was available (an open period would count on every day it spans).
  h.advance(3 * 86400 + 30);
  const auto later = h.engine.metrics(MetricsScope::merchant(), I(3 * 86400), I(3 * 86400 + 60));
  REQUIRE(later.ok());
  CHECK(later->available_associates == 0);
  const auto day1 = h.engine.metrics(MetricsScope::merchant(), I(0), I(60));
  CHECK(day1->available_associates == 4);
  CHECK(day1->missed == 1);
}

TEST_CASE("R-METRIC-1: the snapshot carries the metrics; restore + the rest equals the whole run") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(30) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  auto resumed = Engine::restore(h.engine.snapshot());
  REQUIRE(resumed.ok());
  const std::string rest[] = {
      at(60) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})",
      at(70) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":3})",
      at(80) +
          R"("cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"1.234","currency":"KWD"})",
  };
  for (const auto& line : rest) {
    h.ok(line);
    REQUIRE(resumed->apply_json(line).ok());
  }
  CHECK(resumed->snapshot() == h.engine.snapshot());
  const auto m = resumed->metrics(MetricsScope::expert("a1"), I(0), I(100));
  REQUIRE(m.ok());
  CHECK(m->claimed == 1);
  CHECK(m->rating_sum == 3);
  CHECK(gross_of(*m, "KWD") == "1.234");
  // A snapshot whose metrics are corrupted is rejected naming the field.
  std::string bad = h.engine.snapshot();
  const std::string zone = R"("metrics":{"reporting_timezone":"UTC")";
  REQUIRE(bad.find(zone) != std::string::npos);
  bad.replace(bad.find(zone), zone.size(), R"("metrics":{"reporting_timezone":"Mars/Olympus")");
  const auto broken = Engine::restore(bad);
  CHECK(error_code_of(broken.status()) == ErrorCode::kInvalidArgument);
  CHECK(std::string(broken.status().message()).find("metrics") != std::string::npos);
}

TEST_CASE("R-METRIC-1: the report over the whole run names stores and experts") {
  Harness h;
  hand_computed_day(h);
  const std::string text = h.engine.metrics_report_text();
  CHECK(text.find("Analytics 2026-05-14 .. 2026-05-14 (UTC)") == 0);
  CHECK(text.find("rtm") != std::string::npos);
  CHECK(text.find("a1") != std::string::npos);
  CHECK(text.find("100.00 EUR") != std::string::npos);
  const std::string json = h.engine.metrics_report_json();
  CHECK(json.find(R"("merchant":{"initiated":3,"claimed":2,"claimed_pct":66.7,"missed":1)") !=
        std::string::npos);
  CHECK(json.find(R"({"currency":"EUR","orders":2,"gross":"100.00","average":"50.00"})") !=
        std::string::npos);
  CHECK(json.find(R"("expert":"r1")") != std::string::npos);
}
