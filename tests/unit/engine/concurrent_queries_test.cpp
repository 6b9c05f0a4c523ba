// Const queries may run concurrently (a web backend answers widget_state and the hours queries
// from many threads): they write nothing, and the lazily built hours blocks are published
// safely. Run under ThreadSanitizer by the `tsan` preset; without it the answers are compared.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "vshop/engine/query_table.hpp"
#include "vshop/hours/opening_hours.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

constexpr int kThreads = 4;

// Instants spread over years, so that almost every query misses whatever a store remembered
// about the previous one and the hours have to build blocks far from the present.
std::vector<Instant> spread_instants(std::int64_t first_ms, int count) {
  std::vector<Instant> out;
  for (int i = 0; i < count; ++i) {
    // 37 days and a few hours apart: every weekday, hour and DST state comes up.
    out.push_back(from_epoch_ms(first_ms + i * (37LL * 86'400'000 + 5'400'000 + 60'000)));
  }
  return out;
}

// Runs `body(thread, &mismatches)` on kThreads threads at once; returns the mismatch count.
template <typename Body>
int run_threads(Body body) {
  std::atomic<int> mismatches{0};
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) {
      }  // start together: the queries overlap
      body(t, mismatches);
    });
  }
  for (std::thread& th : threads) th.join();
  return mismatches.load();
}

}  // namespace

TEST_CASE("Concurrent queries: engine const queries from 4 threads agree and do not race") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","department":"shoes"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(12) + R"("cmd":"request_chat","shopper":"s2"})");  // offers pending, timers armed
  h.ok(
      at(13) +
      R"("cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"10.00","currency":"EUR"})");
  const Engine& engine = h.engine;

  const std::vector<Instant> instants = spread_instants(1778745600000 - 400LL * 86'400'000, 48);
  WidgetQuery query;
  query.page_url = "https://shop.example/";
  query.page_type = "home";
  const WidgetRules rules;
  const Instant from = from_epoch_ms(1778745600000 - 86'400'000);
  const Instant to = from_epoch_ms(1778745600000 + 86'400'000);

  // The answers of one thread, computed first.
  std::vector<WidgetState> widget;
  for (const Instant t : instants) widget.push_back(engine.widget_state(query, rules, t));
  const auto candidates = engine.transfer_candidates("c1");
  REQUIRE(candidates.ok());
  const auto metrics = engine.metrics(MetricsScope::merchant(), from, to);
  REQUIRE(metrics.ok());
  const std::optional<Instant> deadline = engine.next_deadline();
  REQUIRE(deadline.has_value());
  const std::string snapshot = engine.snapshot();
  // The instants reach open and closed hours alike.
  CHECK(std::count(widget.begin(), widget.end(), WidgetState::kVisible) > 0);
  CHECK(std::count(widget.begin(), widget.end(), WidgetState::kVisible) <
        static_cast<std::ptrdiff_t>(widget.size()));

  const int mismatches = run_threads([&](int t, std::atomic<int>& bad) {
    const auto differ = [&bad](bool d) {
      if (d) bad.fetch_add(1);
    };
    for (std::size_t k = 0; k < instants.size(); ++k) {
      const std::size_t i = (k * 7 + static_cast<std::size_t>(t) * 13) % instants.size();
      differ(engine.widget_state(query, rules, instants[i]) != widget[i]);
      const auto c = engine.transfer_candidates("c1");
      differ(!c.ok() || c->size() != candidates->size() ||
             (!c->empty() && c->front().experts != candidates->front().experts));
      const auto x = engine.expert("a1");
      differ(!x || x->active_chats != 1 || x->store != "ams");
      const auto ch = engine.chat("c2");
      differ(!ch || ch->pending_offers != engine.chat("c2")->pending_offers);
      const auto m = engine.metrics(MetricsScope::merchant(), from, to);
      differ(!m.ok() || m->initiated != metrics->initiated || m->orders != metrics->orders);
      differ(engine.next_deadline() != deadline);
      differ(engine.open_chats("a1").size() != 1);
    }
    differ(engine.snapshot() != snapshot);
  });
  CHECK(mismatches == 0);
  CHECK(engine.snapshot() == snapshot);  // the queries changed nothing
}

TEST_CASE("Concurrent queries: one OpeningHours shared by 4 threads builds its blocks once") {
  const auto hours = hours::parse_osm_opening_hours(
      "Mo-Fr 09:00-18:00; Sa 10:00-14:00; Dec 25 off; Dec 24 10:00-13:00");
  REQUIRE(hours.ok());
  // The reference answers come from a separate object (its own blocks), so that the shared one
  // starts cold and its threads race to build and publish the same blocks.
  const auto reference = hours::OpeningHours::create("Europe/Stockholm", *hours);
  const auto shared = hours::OpeningHours::create("Europe/Stockholm", *hours);
  REQUIRE(reference.ok());
  REQUIRE(shared.ok());
  // 1990..2100: more blocks than one store keeps (64), so the per-query path runs too.
  const std::vector<Instant> instants = spread_instants(631152000000, 1080);
  constexpr std::int64_t kWeekMs = 7 * 86'400'000LL;
  std::vector<bool> open;
  std::vector<std::optional<Instant>> next;
  std::vector<std::vector<hours::OpenInterval>> week;
  for (const Instant t : instants) {
    open.push_back(reference->is_open(t));
    next.push_back(reference->next_change(t));
    week.push_back(reference->open_intervals(t, t + Duration{kWeekMs}).value());
  }
  const hours::OpeningHours copy = *shared;  // copies share the blocks: query both

  const int mismatches = run_threads([&](int t, std::atomic<int>& bad) {
    const hours::OpeningHours& oh = (t % 2 == 0) ? *shared : copy;
    for (std::size_t k = 0; k < instants.size(); ++k) {
      // Threads walk the instants in different orders, so that they meet on unbuilt blocks.
      const std::size_t i = (t % 2 == 0) ? k : instants.size() - 1 - k;
      if (oh.is_open(instants[i]) != open[i]) bad.fetch_add(1);
      if (oh.next_change(instants[i]) != next[i]) bad.fetch_add(1);
      if (oh.open_intervals(instants[i], instants[i] + Duration{kWeekMs}).value() != week[i]) {
        bad.fetch_add(1);
      }
    }
  });
  CHECK(mismatches == 0);
}

TEST_CASE("Concurrent queries: the §12 answers by name (R-WHY-1, R-QUEUE-1, R-OPEN-1, R-CTX-1)") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(12) + R"("cmd":"shopper_event","shopper":"s1","event":{"type":"ecommerce:detail",)"
                R"("products":[{"id":"P","price":1}]}})");
  h.ok(at(13) + R"("cmd":"request_chat","shopper":"s2","chat":"c2"})");
  h.ok(at(14) + purchase("o1", "s1"));
  const Engine& engine = h.engine;
  const std::vector<Instant> instants = spread_instants(1778745600000 - 400LL * 86'400'000, 24);
  // Each query with its arguments, NOW last where it takes one.
  const std::vector<std::vector<std::string>> queries = {
      {"explain_expert", "a2"},       {"queue_status", "c2"},
      {"next_opening", "Asia/Tokyo"}, {"explain_widget", R"({"page_type":"home"})"},
      {"explain_purchase", "o1"},     {"shopper_context", "c2", "a1"}};
  const auto ask = [&](const std::vector<std::string>& q, Instant t) {
    std::vector<std::string> args(q.begin() + 1, q.end());
    if (q[0] != "explain_purchase" && q[0] != "shopper_context") {
      args.push_back(format_instant(t));
    }
    auto answer = run_query(engine, q[0], args);
    return answer.ok() ? *answer : std::string(answer.status().message());
  };
  std::vector<std::string> answers;
  for (const Instant t : instants) {
    for (const auto& q : queries) answers.push_back(ask(q, t));
  }
  CHECK(std::count(answers.begin(), answers.end(), answers[0]) <
        static_cast<std::ptrdiff_t>(instants.size()));  // the instants change the answers
  const int mismatches = run_threads([&](int t, std::atomic<int>& bad) {
    for (std::size_t k = 0; k < instants.size(); ++k) {
      const std::size_t i = (k * 7 + static_cast<std::size_t>(t) * 13) % instants.size();
      for (std::size_t j = 0; j < queries.size(); ++j) {
        if (ask(queries[j], instants[i]) != answers[i * queries.size() + j]) bad.fetch_add(1);
      }
    }
  });
  CHECK(mismatches == 0);
}
