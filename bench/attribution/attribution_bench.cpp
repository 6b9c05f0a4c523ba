// R-ATTR-1 / R-METRIC-1 benchmarks (issue 6):
//  - 10M purchases against 1M shoppers' histories, decided by the attribution ContactBook (the
//    histories are built through the book directly: 5 contacts per shopper over 90 days).
//    Peer: keeping every contact per shopper and scanning the history for the latest one
//    within the window (what "keep the chat log" would cost), measured in the same run.
//  - The whole engine path: record_purchase commands through Engine::apply (string ids, order
//    set, effect, metrics book) against 20k shoppers whose chats went through the engine.
//  - The 90-day metrics query on that engine (merchant, one store, one expert).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "attribution/attribution.hpp"
#include "fmt/format.h"
#include "vshop/engine/engine.hpp"

namespace {

using namespace vshop;

constexpr std::uint32_t kShoppers = 1'000'000;
constexpr int kContactsPerShopper = 5;
constexpr std::uint32_t kExperts = 1000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kStartMs = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr std::int64_t kHistoryMs = 90 * kDayMs;
constexpr int kPurchases = 10'000'000;
constexpr int kWindowDays = 7;

struct Lcg {
  std::uint64_t s = 42;
  std::uint32_t next(std::uint32_t bound) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((s >> 11) % bound);  // 53 bits: bounds up to 2^32
  }
};

struct FullHistory {                 // the peer's memory: every contact, per shopper
  std::vector<std::uint32_t> begin;  // kShoppers + 1 offsets into `contacts`
  std::vector<attribution::Contact> contacts;
};

struct Histories {
  attribution::ContactBook book;
  FullHistory full;
  std::vector<std::uint32_t> purchase_shopper;  // kPurchases random shoppers
  std::vector<std::int64_t> purchase_ms;        // ascending, in the 7 days after the history
};

const Histories& histories() {
  static const std::unique_ptr<Histories> h = [] {
    auto out = std::make_unique<Histories>();
    Lcg rng;
    out->full.begin.reserve(kShoppers + 1);
    out->full.contacts.reserve(std::size_t{kShoppers} * kContactsPerShopper);
    for (std::uint32_t s = 0; s < kShoppers; ++s) {
      out->full.begin.push_back(static_cast<std::uint32_t>(out->full.contacts.size()));
      // Contacts in time order, as the engine reports them, all within the 90 days before the
      // purchases (which follow in the next 7 days, 7-day window).
      std::int64_t t = kStartMs + 60 * kDayMs + rng.next(static_cast<std::uint32_t>(22 * kDayMs));
      for (int c = 0; c < kContactsPerShopper; ++c) {
        const attribution::Contact contact{rng.next(kExperts), s * kContactsPerShopper + c,
                                           from_epoch_ms(t)};
        out->book.touch(s, contact.expert, contact.chat, contact.at);
        out->full.contacts.push_back(contact);
        t += rng.next(static_cast<std::uint32_t>(2 * kDayMs));
      }
    }
    out->full.begin.push_back(static_cast<std::uint32_t>(out->full.contacts.size()));
    const std::int64_t first = kStartMs + kHistoryMs;
    for (int i = 0; i < kPurchases; ++i) {
      out->purchase_shopper.push_back(rng.next(kShoppers));
      out->purchase_ms.push_back(first + (7 * kDayMs) * i / kPurchases);
    }
    return out;
  }();
  return *h;
}

// 10M purchases per iteration; items = attributions decided.
void BM_ContactBook_10M_Purchases_1M_Shoppers(benchmark::State& state) {
  const Histories& h = histories();
  std::int64_t attributed = 0;
  for (auto _ : state) {
    attributed = 0;
    for (int i = 0; i < kPurchases; ++i) {
      const auto d =
          h.book.decide(h.purchase_shopper[static_cast<std::size_t>(i)],
                        from_epoch_ms(h.purchase_ms[static_cast<std::size_t>(i)]), kWindowDays);
      attributed += d.outcome == attribution::Outcome::kAttributed;
    }
    benchmark::DoNotOptimize(attributed);
  }
  state.SetItemsProcessed(state.iterations() * kPurchases);
  state.counters["attributed_pct"] = 100.0 * static_cast<double>(attributed) / kPurchases;
  state.counters["book_MiB"] = static_cast<double>(h.book.bytes()) / (1 << 20);
}
BENCHMARK(BM_ContactBook_10M_Purchases_1M_Shoppers)->Unit(benchmark::kMillisecond)->Iterations(2);

// Peer: the latest contact at or before the purchase, found by scanning the shopper's history.
void BM_Peer_HistoryScan_10M_Purchases_1M_Shoppers(benchmark::State& state) {
  const Histories& h = histories();
  const Duration window = std::chrono::hours(24) * kWindowDays;
  std::int64_t attributed = 0;
  for (auto _ : state) {
    attributed = 0;
    for (int i = 0; i < kPurchases; ++i) {
      const std::uint32_t s = h.purchase_shopper[static_cast<std::size_t>(i)];
      const Instant at = from_epoch_ms(h.purchase_ms[static_cast<std::size_t>(i)]);
      const attribution::Contact* best = nullptr;
      for (std::uint32_t c = h.full.begin[s]; c < h.full.begin[s + 1]; ++c) {
        const auto& contact = h.full.contacts[c];
        if (contact.at <= at && (best == nullptr || contact.at >= best->at)) best = &contact;
      }
      attributed += best != nullptr && at - best->at <= window;
    }
    benchmark::DoNotOptimize(attributed);
  }
  state.SetItemsProcessed(state.iterations() * kPurchases);
  state.counters["attributed_pct"] = 100.0 * static_cast<double>(attributed) / kPurchases;
  state.counters["history_MiB"] =
      static_cast<double>(h.full.contacts.capacity() * sizeof(attribution::Contact) +
                          h.full.begin.capacity() * sizeof(std::uint32_t)) /
      (1 << 20);
}
BENCHMARK(BM_Peer_HistoryScan_10M_Purchases_1M_Shoppers)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

// --- through the engine ----------------------------------------------------------------------

constexpr int kEngineShoppers = 20'000;
constexpr int kEngineDays = 120;
constexpr int kEngineExperts = 40;
constexpr int kEngineStores = 4;

void must(const absl::Status& s) {
  if (!s.ok()) throw std::runtime_error(std::string(s.message()));
}

// An engine whose history went through its commands: 4 always-open stores, 40 experts, one
// chat per shopper spread over 120 days (request, claim, finish; every third rated).
struct EngineHistory {
  Engine engine;
  std::int64_t end_ms = 0;
  std::vector<std::string> shoppers;
};

EngineHistory& engine_history() {
  static const std::unique_ptr<EngineHistory> h = [] {
    auto out = std::make_unique<EngineHistory>();
    Engine& e = out->engine;
    e.set_journaling(false);
    const std::string week =
        R"({"mon":["00:00-24:00"],"tue":["00:00-24:00"],"wed":["00:00-24:00"],"thu":["00:00-24:00"],)"
        R"("fri":["00:00-24:00"],"sat":["00:00-24:00"],"sun":["00:00-24:00"]})";
    must(e.apply_json(
        fmt::format(R"({{"at":{},"cmd":"configure","invite_code":"BENCH01","max_active_chats":20,)"
                    R"("attribution_window_days":30,"reporting_timezone":"Europe/Amsterdam"}})",
                    kStartMs)));
    for (int s = 0; s < kEngineStores; ++s) {
      must(e.apply_json(fmt::format(
          R"({{"cmd":"add_store","store":"s{}","timezone":"UTC","hours":{}}})", s, week)));
    }
    for (int x = 0; x < kEngineExperts; ++x) {
      must(e.apply_json(fmt::format(
          R"({{"cmd":"register_expert","expert":"e{}","email":"e{}@x.example","invite_code":"BENCH01","name":"E"}})",
          x, x)));
      must(e.apply_json(fmt::format(R"({{"cmd":"approve_expert","expert":"e{}","store":"s{}"}})", x,
                                    x % kEngineStores)));
      must(e.apply_json(fmt::format(R"({{"cmd":"go_available","expert":"e{}"}})", x)));
    }
    const std::int64_t step = kEngineDays * kDayMs / kEngineShoppers;
    for (int k = 0; k < kEngineShoppers; ++k) {
      out->shoppers.push_back(absl::StrCat("p", k));
      const std::int64_t t = kStartMs + 1000 + k * step;
      auto chat = e.request_chat(from_epoch_ms(t), out->shoppers.back());
      must(chat.status());
      const std::string expert = e.chat(*chat)->pending_offers.at(0);
      must(e.claim(from_epoch_ms(t + 5'000 + k % 40'000), expert, *chat));
      must(e.finish_chat(from_epoch_ms(t + 120'000), expert, *chat));
      if (k % 3 == 0) {
        must(e.apply_json(
            fmt::format(R"({{"at":{},"cmd":"rate_chat","shopper":"{}","chat":"{}","stars":{}}})",
                        t + 130'000, out->shoppers.back(), *chat, 1 + k % 5)));
      }
      (void)e.drain_effects();
    }
    out->end_ms = kStartMs + kEngineDays * kDayMs;
    must(e.advance(from_epoch_ms(out->end_ms)));
    (void)e.drain_effects();
    return out;
  }();
  return *h;
}

void BM_Engine_MetricsQuery_90Days(benchmark::State& state) {
  EngineHistory& h = engine_history();
  const MetricsScope scopes[] = {MetricsScope::merchant(), MetricsScope::store("s1"),
                                 MetricsScope::expert("e7")};
  const MetricsScope& scope = scopes[state.range(0)];
  const Instant to = from_epoch_ms(h.end_ms), from = from_epoch_ms(h.end_ms - 90 * kDayMs);
  std::uint64_t initiated = 0;
  for (auto _ : state) {
    auto m = h.engine.metrics(scope, from, to);
    initiated = m->initiated;
    benchmark::DoNotOptimize(m);
  }
  state.counters["initiated"] = static_cast<double>(initiated);
  state.SetLabel(state.range(0) == 0 ? "merchant" : state.range(0) == 1 ? "store" : "expert");
}
BENCHMARK(BM_Engine_MetricsQuery_90Days)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

// record_purchase through Engine::apply: order-id set, shopper lookup, contact book, effect,
// metrics book. Items = purchases.
void BM_Engine_RecordPurchase(benchmark::State& state) {
  EngineHistory& h = engine_history();
  Lcg rng;
  static std::int64_t order = 0;  // unique across repetitions
  Command c;
  c.kind = CommandKind::kRecordPurchase;
  c.subtotal = "19.90";
  c.currency = "EUR";
  std::vector<Effect> effects;
  for (auto _ : state) {
    ++order;
    c.at = from_epoch_ms(h.end_ms + order);
    c.order = absl::StrCat("b", order);
    c.shopper = h.shoppers[rng.next(kEngineShoppers)];
    if (!h.engine.apply(c).ok()) state.SkipWithError("purchase rejected");
    if ((order & 4095) == 0) {
      effects.clear();
      h.engine.drain_effects(effects);
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Engine_RecordPurchase);

}  // namespace

BENCHMARK_MAIN();
