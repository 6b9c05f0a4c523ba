// R-METRIC-1 benchmarks: a 90-day metrics query on a year of history (1k experts, 100 stores,
// 1M chats) and the recording cost per event. Peer: the naive way, recomputing the same
// metrics by scanning the raw chat log of the range (O(chats)), measured in the same run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "analytics/metrics_book.hpp"

namespace {

using namespace vshop;
using namespace vshop::analytics;

constexpr std::uint32_t kExperts = 1000;
constexpr std::uint32_t kStores = 100;
constexpr int kDays = 365;
constexpr int kChatsPerDay = 2740;  // ~1M chats a year

struct Lcg {
  std::uint64_t s = 42;
  std::uint32_t next(std::uint32_t bound) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((s >> 33) % bound);
  }
};

// The raw log the naive peer scans.
struct ChatRecord {
  Instant requested;
  std::uint32_t expert;
  std::uint32_t store;
  std::int32_t response_ms;  // -1: missed
};

// Resident memory in MiB (Linux), to report what the book costs.
double rss_mib() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  long pages = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0) : 0;
}

// What the book keeps per finished chat: the analytics share of bench/engine's
// BM_MemoryPerFinishedChat (its world: 10k experts in 1k stores, a chat a second, each offered
// to 5 experts and claimed). 1M chats on a fresh book; Arg(1) adds what a real day has (30 %
// rated, 8 % with an attributed order, 3 % transferred). Counters: resident growth per chat,
// and the chat log's own tables per chat. Registered first, so that no freed memory of another
// benchmark hides the growth.
void BM_BookBytesPerChat(benchmark::State& state) {
  constexpr std::uint32_t kWorldExperts = 10'000, kChats = 1'000'000;
  const bool mixed = state.range(0) != 0;
  for (auto _ : state) {
    const double before = rss_mib();
    auto book = std::make_unique<MetricsBook>();
    Lcg rng;
    Instant t = from_epoch_ms(1767225600000);
    for (ChatId chat = 0; chat < kChats; ++chat) {
      t += std::chrono::seconds{1};
      (void)book->chat_requested(t, chat);
      const ExpertId e = rng.next(kWorldExperts);
      for (ExpertId k = 0; k < 5; ++k) {
        const ExpertId o = (e + k * 7) % kWorldExperts;
        (void)book->chat_offered(t, chat, o, o / 10);
      }
      (void)book->chat_claimed(t, chat, e, e / 10);
      if (!mixed) continue;
      const std::uint32_t dice = rng.next(100);
      if (dice < 3) (void)book->chat_transferred(t, chat, e, e / 10, e ^ 1, (e ^ 1) / 10);
      if (dice < 30) (void)book->chat_rated(t, chat, e, e / 10, 1 + static_cast<int>(dice % 5));
      if (dice >= 50 && dice < 58) {
        (void)book->order_recorded(t, Attribution{e, e / 10, chat}, "EUR", 1990);
      }
    }
    const double grown = (rss_mib() - before) * 1024.0 * 1024.0;
    state.counters["rss_B_per_chat"] = grown / kChats;
    state.counters["log_B_per_chat"] = static_cast<double>(book->chat_log().bytes()) / kChats;
  }
}
// One run each (a repetition would reuse the memory the previous one freed).
BENCHMARK(BM_BookBytesPerChat)
    ->Arg(0)
    ->Arg(1)
    ->Iterations(1)
    ->Repetitions(1)
    ->Unit(benchmark::kMillisecond);

struct History {
  MetricsBook book;
  double book_mib = 0;
  std::vector<ChatRecord> log;
  Instant start = from_epoch_ms(1767225600000);  // 2026-01-01T00:00:00Z
  std::size_t events = 0;
};

const History& history() {
  static const std::unique_ptr<History> h = [] {
    const double rss_before = rss_mib();
    auto h = std::make_unique<History>();
    Lcg rng;
    ChatId chat = 0;
    h->log.reserve(static_cast<std::size_t>(kDays) * kChatsPerDay);
    for (int day = 0; day < kDays; ++day) {
      const Instant midnight = h->start + date::days{day};
      // Experts work 08:00-20:00 on about 5 days of 7.
      for (ExpertId e = 0; e < kExperts; ++e) {
        if ((e + static_cast<std::uint32_t>(day)) % 7 < 5) {
          (void)h->book.expert_available(midnight + std::chrono::hours{8}, e, e % kStores);
          ++h->events;
        }
      }
      for (int i = 0; i < kChatsPerDay; ++i) {
        const Instant req = midnight + std::chrono::hours{8} + Duration{i * 15700LL};
        (void)h->book.chat_requested(req, ++chat);
        const ExpertId e = rng.next(kExperts);
        const StoreId s = e % kStores;
        for (ExpertId k = 0; k < 3; ++k) {
          const ExpertId o = (e + k * 7) % kExperts;
          (void)h->book.chat_offered(req, chat, o, o % kStores);
        }
        h->events += 4;
        ChatRecord rec{req, e, s, -1};
        if (rng.next(100) < 85) {
          rec.response_ms = static_cast<std::int32_t>(rng.next(90000));
          (void)h->book.chat_claimed(req + Duration{rec.response_ms}, chat, e, s);
          if (rng.next(100) < 30) {
            (void)h->book.chat_rated(req + std::chrono::minutes{20}, chat, e, s,
                                     1 + static_cast<int>(rng.next(5)));
            ++h->events;
          }
          if (rng.next(100) < 8) {
            (void)h->book.order_recorded(req + std::chrono::minutes{30}, Attribution{e, s, chat},
                                         rng.next(2) ? "SEK" : "EUR", 1000 + rng.next(100000));
            ++h->events;
          }
        } else {
          (void)h->book.chat_missed(req + std::chrono::seconds{90}, chat);
        }
        ++h->events;
        h->log.push_back(rec);
      }
      for (ExpertId e = 0; e < kExperts; ++e) {
        (void)h->book.expert_unavailable(midnight + std::chrono::hours{20}, e);
        ++h->events;
      }
    }
    h->book_mib = rss_mib() - rss_before -
                  static_cast<double>(h->log.capacity() * sizeof(ChatRecord)) / (1024.0 * 1024.0);
    return h;
  }();
  return *h;
}

// The 90 days from April 1st.
Instant range_from() { return history().start + date::days{90}; }
Instant range_to() { return history().start + date::days{180}; }

void BM_Query90Days(benchmark::State& state, Scope scope) {
  const History& h = history();
  for (auto _ : state) {
    auto m = h.book.query(scope, range_from(), range_to());
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK_CAPTURE(BM_Query90Days, merchant, Scope::merchant());
BENCHMARK_CAPTURE(BM_Query90Days, store, Scope::store(7));
BENCHMARK_CAPTURE(BM_Query90Days, expert, Scope::expert(123));

void BM_QueryYear(benchmark::State& state) {
  const History& h = history();
  for (auto _ : state) {
    auto m = h.book.query(Scope::merchant(), h.start, h.start + date::days{kDays});
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_QueryYear);

// Peer: recompute claims, counts and exact median/p90 from the raw log of the range.
void BM_NaiveScan90Days(benchmark::State& state, bool merchant) {
  const History& h = history();
  std::vector<std::int32_t> responses;
  for (auto _ : state) {
    auto lo = std::lower_bound(h.log.begin(), h.log.end(), range_from(),
                               [](const ChatRecord& r, Instant t) { return r.requested < t; });
    auto hi = std::lower_bound(h.log.begin(), h.log.end(), range_to(),
                               [](const ChatRecord& r, Instant t) { return r.requested < t; });
    std::uint64_t initiated = 0, claimed = 0;
    responses.clear();
    for (auto it = lo; it != hi; ++it) {
      if (!merchant && it->store != 7) continue;
      ++initiated;
      if (it->response_ms >= 0) {
        ++claimed;
        responses.push_back(it->response_ms);
      }
    }
    if (!responses.empty()) {
      auto mid = responses.begin() + static_cast<std::ptrdiff_t>((responses.size() - 1) / 2);
      std::nth_element(responses.begin(), mid, responses.end());
      benchmark::DoNotOptimize(*mid);
      auto p90 = responses.begin() + static_cast<std::ptrdiff_t>((responses.size() * 9 - 1) / 10);
      std::nth_element(responses.begin(), p90, responses.end());
      benchmark::DoNotOptimize(*p90);
    }
    benchmark::DoNotOptimize(initiated + claimed);
  }
}
BENCHMARK_CAPTURE(BM_NaiveScan90Days, merchant, true);
BENCHMARK_CAPTURE(BM_NaiveScan90Days, store, false);

// Recording: one chat's life (request, 3 offers, claim) = 5 events, on a book that already
// holds a year; reported per event.
void BM_RecordChatEvents(benchmark::State& state) {
  MetricsBook book = [] {
    JsonWriter w;
    history().book.write(w);
    return *MetricsBook::read(w.str());
  }();
  Instant t = history().start + date::days{kDays} + std::chrono::hours{8};
  ChatId chat = static_cast<ChatId>(kDays * kChatsPerDay);  // the next ids, as an engine's
  Lcg rng;
  for (auto _ : state) {
    t += Duration{15700};
    ++chat;
    const ExpertId e = rng.next(kExperts);
    (void)book.chat_requested(t, chat);
    for (ExpertId k = 0; k < 3; ++k) {
      const ExpertId o = (e + k * 7) % kExperts;
      (void)book.chat_offered(t, chat, o, o % kStores);
    }
    (void)book.chat_claimed(t + Duration{rng.next(90000)}, chat, e, e % kStores);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 5);
}
BENCHMARK(BM_RecordChatEvents);

void BM_RecordOrder(benchmark::State& state) {
  MetricsBook book;
  Instant t = history().start;
  ChatId chat = 0;
  for (auto _ : state) {
    t += Duration{1000};
    ++chat;
    (void)book.order_recorded(t, Attribution{chat % kExperts, chat % kStores, chat}, "SEK", 12345);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_RecordOrder);

// Building the whole year (for the record: events and wall time of the fixture).
void BM_HistoryFixture(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(history().events);
  state.counters["events"] = static_cast<double>(history().events);
  state.counters["chats"] = static_cast<double>(history().log.size());
  state.counters["book_MiB"] = history().book_mib;
}
BENCHMARK(BM_HistoryFixture)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
