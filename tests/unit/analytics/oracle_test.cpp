// R-METRIC-1 against an oracle: random event streams (Europe/Stockholm, across the March DST
// change) fed to the book, and every metric recomputed naively from the raw events for random
// day ranges and scopes (ownership of each chat by one store and at most one expert included).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "test_support.hpp"

namespace vshop::analytics {
namespace {

using testing::at;

constexpr std::uint32_t kExperts = 24;
constexpr std::uint32_t kStores = 4;
constexpr int kSimDays = 16;
const char* const kCurrencies[] = {"SEK", "JPY", "KWD"};

struct Rng {
  std::uint64_t s;
  std::uint32_t next(std::uint32_t bound) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((s >> 33) % bound);
  }
};

// One event, fed in (time, sequence) order.
struct Event {
  enum Kind { kRequest, kOffer, kClaim, kMiss, kTake, kRate, kOrder, kAvailable, kUnavailable };
  Instant t;
  int seq;
  Kind kind;
  ChatId chat = 0;
  ExpertId expert = 0;
  int value = 0;  // stars, currency index
  std::int64_t amount = 0;
  bool attributed = false;
};

struct Chat {
  Instant requested;
  std::set<ExpertId> offered;
  std::optional<ExpertId> first_offer;
  std::optional<ExpertId> claimer;
  Instant claimed_at;
  bool missed = false;
  std::optional<ExpertId> taker;
};

StoreId store_of(ExpertId e) { return e % kStores; }

std::int64_t nearest_rank(std::vector<std::int64_t> v, int p) {
  std::sort(v.begin(), v.end());
  const auto percent = static_cast<std::size_t>(p);
  return v[std::max<std::size_t>(1, (v.size() * percent + 99) / 100) - 1];
}

TEST_CASE("R-METRIC-1: metrics equal a naive recomputation over random event streams") {
  const date::time_zone* zone = date::locate_zone("Europe/Stockholm");
  auto day_of = [zone](Instant t) {
    return static_cast<DayKey>(
        date::floor<date::days>(zone->to_local(t)).time_since_epoch().count());
  };
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    Rng rng{seed};
    const Instant start = at("2026-03-20T00:00:00Z");
    std::vector<Event> events;
    int seq = 0;
    auto push = [&](Event e) {
      e.seq = seq++;
      events.push_back(e);
    };
    // Availability: alternating toggles per expert.
    for (ExpertId e = 0; e < kExperts; ++e) {
      Instant t = start + std::chrono::minutes{rng.next(24 * 60)};
      bool available = false;
      while (t < start + date::days{kSimDays}) {
        push(Event{t, 0, available ? Event::kUnavailable : Event::kAvailable, 0, e});
        available = !available;
        t += std::chrono::minutes{30 + rng.next(40 * 60)};
      }
    }
    // Chats and what follows them.
    std::map<ChatId, Chat> chats;
    for (ChatId c = 1; c <= 600; ++c) {
      const Instant t0 = start + std::chrono::seconds{rng.next(kSimDays * 86400)};
      Chat chat{t0, {}, std::nullopt, std::nullopt, {}, false, std::nullopt};
      push(Event{t0, 0, Event::kRequest, c});
      const std::uint32_t offers = rng.next(4);  // 0..3 experts
      for (std::uint32_t k = 0; k < offers; ++k) {
        const ExpertId e = rng.next(kExperts);
        chat.offered.insert(e);
        if (!chat.first_offer) chat.first_offer = e;
        push(Event{t0 + std::chrono::seconds{k * 30}, 0, Event::kOffer, c, e});
      }
      std::optional<ExpertId> handler;
      Instant handled_at;
      if (!chat.offered.empty() && rng.next(10) < 7) {
        auto it = chat.offered.begin();
        std::advance(it, rng.next(static_cast<std::uint32_t>(chat.offered.size())));
        chat.claimer = *it;
        chat.claimed_at = t0 + std::chrono::seconds{90} + Duration{rng.next(500000)};
        push(Event{chat.claimed_at, 0, Event::kClaim, c, *it});
        handler = *it;
        handled_at = chat.claimed_at;
        if (rng.next(10) < 4) {
          push(Event{handled_at + std::chrono::minutes{10}, 0, Event::kRate, c, *it,
                     1 + static_cast<int>(rng.next(5))});
        }
      } else {
        chat.missed = true;
        push(Event{t0 + std::chrono::seconds{600}, 0, Event::kMiss, c});
        if (rng.next(2) == 0) {
          handler = rng.next(kExperts);
          chat.taker = handler;
          handled_at = t0 + std::chrono::hours{1 + rng.next(20)};
          push(Event{handled_at, 0, Event::kTake, c, *handler});
        }
      }
      if (handler) {
        for (std::uint32_t o = rng.next(3); o > 0; --o) {
          Event order{handled_at + std::chrono::minutes{rng.next(30 * 60)},
                      0,
                      Event::kOrder,
                      c,
                      *handler,
                      static_cast<int>(rng.next(3)),
                      rng.next(1000000),
                      true};
          push(order);
        }
      }
      if (rng.next(8) == 0) {
        push(Event{t0 + std::chrono::hours{2}, 0, Event::kOrder, 0, 0,
                   static_cast<int>(rng.next(3)), rng.next(1000), false});
      }
      chats.emplace(c, std::move(chat));
    }
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.t != b.t ? a.t < b.t : a.seq < b.seq;
    });

    MetricsBook book;
    VSHOP_OK(book.set_reporting_timezone("Europe/Stockholm"));
    for (const Event& e : events) {
      const StoreId s = store_of(e.expert);
      switch (e.kind) {
        case Event::kRequest:
          VSHOP_OK(book.chat_requested(e.t, e.chat));
          break;
        case Event::kOffer:
          VSHOP_OK(book.chat_offered(e.t, e.chat, e.expert, s));
          break;
        case Event::kClaim:
          VSHOP_OK(book.chat_claimed(e.t, e.chat, e.expert, s));
          break;
        case Event::kMiss:
          VSHOP_OK(book.chat_missed(e.t, e.chat));
          break;
        case Event::kTake:
          VSHOP_OK(book.chat_taken(e.t, e.chat, e.expert, s));
          break;
        case Event::kRate:
          VSHOP_OK(book.chat_rated(e.t, e.chat, e.expert, s, e.value));
          break;
        case Event::kAvailable:
          VSHOP_OK(book.expert_available(e.t, e.expert, s));
          break;
        case Event::kUnavailable:
          VSHOP_OK(book.expert_unavailable(e.t, e.expert));
          break;
        case Event::kOrder: {
          std::optional<Attribution> a;
          if (e.attributed) a = Attribution{e.expert, s, e.chat};
          VSHOP_OK(book.order_recorded(e.t, a, kCurrencies[e.value], e.amount));
          break;
        }
      }
    }
    const Instant end = events.back().t;

    // The oracle, from the raw events.
    auto oracle = [&](Scope scope, DayKey d1, DayKey d2) {
      auto in = [&](DayKey d) { return d >= d1 && d <= d2; };
      auto mine = [&](ExpertId e) {
        return scope.kind == Scope::Kind::kMerchant ||
               (scope.kind == Scope::Kind::kStore && store_of(e) == scope.id) ||
               (scope.kind == Scope::Kind::kExpert && e == scope.id);
      };
      Metrics m;
      std::vector<std::int64_t> responses;
      for (const auto& [id, c] : chats) {
        if (!in(day_of(c.requested))) continue;
        // Ownership: the claimer or taker (expert and store), else the first offer's store.
        const std::optional<ExpertId> owner = c.claimer ? c.claimer : c.taker;
        bool owned = scope.kind == Scope::Kind::kMerchant;
        if (scope.kind == Scope::Kind::kExpert) owned = owner && *owner == scope.id;
        if (scope.kind == Scope::Kind::kStore) {
          const std::optional<ExpertId> by = owner ? owner : c.first_offer;
          owned = by && store_of(*by) == scope.id;
        }
        if (owned) ++m.initiated;
        if (owned && c.missed) ++m.missed;
        if (scope.kind != Scope::Kind::kMerchant) {
          if (scope.kind == Scope::Kind::kExpert) {
            m.offered += c.offered.count(scope.id) +
                         (c.claimer && !c.offered.count(*c.claimer) && *c.claimer == scope.id);
          } else {
            std::set<ExpertId> all = c.offered;
            if (c.claimer) all.insert(*c.claimer);
            m.offered += std::any_of(all.begin(), all.end(), mine) ? 1 : 0;
          }
        }
        if (c.claimer && mine(*c.claimer)) {
          ++m.claimed;
          responses.push_back((c.claimed_at - c.requested).count());
        }
      }
      std::set<ChatId> converted;
      std::map<int, std::pair<std::uint64_t, std::int64_t>> sales;
      std::set<ExpertId> available;
      std::map<ExpertId, Instant> open;
      for (const Event& e : events) {
        const bool here = in(day_of(e.t));
        if (e.kind == Event::kTake && here && mine(e.expert)) ++m.taken;
        if (e.kind == Event::kRate && here && mine(e.expert)) {
          ++m.ratings;
          m.rating_sum += static_cast<std::uint64_t>(e.value);
        }
        if (e.kind == Event::kOrder && !e.attributed && here &&
            scope.kind == Scope::Kind::kMerchant) {
          ++m.unattributed_orders;
        }
        if (e.kind == Event::kOrder && e.attributed && mine(e.expert)) {
          // Converted on the day of the chat's first order in this scope.
          if (converted.insert(e.chat).second && here) ++m.converted;
          if (here) {
            ++m.orders;
            ++sales[e.value].first;
            sales[e.value].second += e.amount;
          }
        }
        if (e.kind == Event::kAvailable) open[e.expert] = e.t;
        if (e.kind == Event::kUnavailable) {
          if (mine(e.expert) && day_of(open[e.expert]) <= d2 && day_of(e.t) >= d1) {
            available.insert(e.expert);
          }
          open.erase(e.expert);
        }
      }
      for (const auto& [e, from] : open) {
        if (mine(e) && day_of(from) <= d2 && day_of(end) >= d1) available.insert(e);
      }
      m.available_associates = available.size();
      if (scope.kind == Scope::Kind::kExpert) m.available_associates = available.empty() ? 0 : 1;
      for (const auto& [cur, v] : sales) {
        m.currencies.push_back(CurrencyMetrics{kCurrencies[cur], 0, v.first, v.second});
      }
      std::sort(m.currencies.begin(), m.currencies.end(),
                [](const CurrencyMetrics& a, const CurrencyMetrics& b) { return a.code < b.code; });
      m.responses = responses.size();
      if (!responses.empty()) {
        m.response_median = Duration{nearest_rank(responses, 50)};
        m.response_p90 = Duration{nearest_rank(responses, 90)};
      }
      return m;
    };

    const DayKey first_day = day_of(start);
    for (int q = 0; q < 60; ++q) {
      const DayKey d1 = first_day + static_cast<DayKey>(rng.next(kSimDays));
      const DayKey d2 = d1 + static_cast<DayKey>(rng.next(6));
      const Scope scope = q % 3 == 0   ? Scope::merchant()
                          : q % 3 == 1 ? Scope::store(rng.next(kStores))
                                       : Scope::expert(rng.next(kExperts));
      CAPTURE(q);
      const auto ymd = [](DayKey d) {
        return date::year_month_day{date::local_days{date::days{d}}};
      };
      const Metrics got = book.query_days(scope, ymd(d1), ymd(d2));
      const Metrics want = oracle(scope, d1, d2);
      CHECK(got.initiated == want.initiated);
      CHECK(got.claimed == want.claimed);
      CHECK(got.missed == want.missed);
      CHECK(got.offered == want.offered);
      CHECK(got.taken == want.taken);
      CHECK(got.ratings == want.ratings);
      CHECK(got.rating_sum == want.rating_sum);
      CHECK(got.orders == want.orders);
      CHECK(got.unattributed_orders == want.unattributed_orders);
      CHECK(got.converted == want.converted);
      CHECK(got.available_associates == want.available_associates);
      REQUIRE(got.currencies.size() == want.currencies.size());
      for (std::size_t i = 0; i < got.currencies.size(); ++i) {
        CHECK(got.currencies[i].code == want.currencies[i].code);
        CHECK(got.currencies[i].orders == want.currencies[i].orders);
        CHECK(got.currencies[i].gross_minor == want.currencies[i].gross_minor);
      }
      REQUIRE(got.responses == want.responses);
      if (want.responses != 0) {
        // At most 99 ms below the exact nearest rank, never above.
        CHECK(want.response_median->count() - got.response_median->count() >= 0);
        CHECK(want.response_median->count() - got.response_median->count() < 100);
        CHECK(want.response_p90->count() - got.response_p90->count() >= 0);
        CHECK(want.response_p90->count() - got.response_p90->count() < 100);
      }
    }
  }
}

}  // namespace
}  // namespace vshop::analytics
