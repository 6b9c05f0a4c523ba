// Chat engine benchmarks (bench/README.md, "Chat engine"):
//   BM_ChatCycle/N   request -> offer to the 5 nearest -> claim -> 3 messages -> finish, with N
//                    experts in N/10 stores (target <= 2 us median at 10k; <= 1.5x from 1k to 100k)
//   BM_JournalReplay apply_json of a recorded journal into a fresh engine (target >= 1M lines/s)
//   BM_MemoryPerFinishedChat  resident memory growth over 1M finished chats / 1M (target <= 256 B)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "vshop/engine/engine.hpp"

namespace {

using vshop::Engine;
using vshop::Instant;

constexpr std::int64_t kStart = 1'780'000'000'000;
constexpr int kShopperPool = 1000;

struct World {
  Engine engine;
  std::vector<std::pair<double, double>> spots;  // shopper locations
  std::vector<std::string> shoppers;
  std::int64_t now = kStart;
  std::vector<vshop::Effect> effects;
};

void must(const absl::Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "bench setup failed: %s\n", std::string(s.message()).c_str());
    std::abort();
  }
}

std::unique_ptr<World> make_world(int experts, bool journaling = false) {
  auto w = std::make_unique<World>();
  w->engine.set_journaling(journaling);
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> lat(36, 60), lon(-9, 30);
  must(w->engine.apply_json(
      R"({"cmd":"configure","invite_code":"BENCH01","max_active_chats":20,"offer_fanout":5})"));
  const std::string hours =
      R"("hours":{"mon":["00:00-24:00"],"tue":["00:00-24:00"],"wed":["00:00-24:00"],"thu":["00:00-24:00"],"fri":["00:00-24:00"],"sat":["00:00-24:00"],"sun":["00:00-24:00"]})";
  const int stores = std::max(1, experts / 10);
  for (int s = 0; s < stores; ++s) {
    must(w->engine.apply_json(fmt::format(
        R"({{"cmd":"add_store","store":"st{}","timezone":"UTC","lat":{:.4f},"lon":{:.4f},{}}})", s,
        lat(rng), lon(rng), hours)));
  }
  const auto at = fmt::format(R"("at":{})", w->now);
  for (int e = 0; e < experts; ++e) {
    must(w->engine.apply_json(fmt::format(
        R"({{{},"cmd":"register_expert","expert":"x{}","email":"x{}@b.example","invite_code":"BENCH01","name":"X"}})",
        at, e, e)));
    must(w->engine.apply_json(fmt::format(
        R"({{{},"cmd":"approve_expert","expert":"x{}","store":"st{}"}})", at, e, e % stores)));
    must(w->engine.apply_json(fmt::format(R"({{{},"cmd":"go_available","expert":"x{}"}})", at, e)));
  }
  for (int i = 0; i < 4096; ++i) w->spots.emplace_back(lat(rng), lon(rng));
  for (int i = 0; i < kShopperPool; ++i) w->shoppers.push_back(fmt::format("sh{}", i));
  (void)w->engine.drain_effects();
  if (!journaling) (void)w->engine.drain_journal();
  return w;
}

// One full cycle; returns false if something unexpected happened.
bool cycle(World& w, std::uint64_t i) {
  const Instant t = vshop::from_epoch_ms(w.now += 1000);
  const auto& spot = w.spots[i % w.spots.size()];
  auto chat = w.engine.request_chat(t, w.shoppers[i % w.shoppers.size()], spot.first, spot.second);
  if (!chat.ok()) return false;
  w.effects.clear();
  w.engine.drain_effects(w.effects);
  if (w.effects.empty() || w.effects.front().kind != vshop::EffectKind::kChatOffered) return false;
  const std::string expert = w.effects.front().experts.front();
  if (!w.engine.claim(t, expert, *chat).ok()) return false;
  for (int m = 0; m < 3; ++m) {
    const auto from = m % 2 ? vshop::MessageSender::kShopper : vshop::MessageSender::kExpert;
    if (!w.engine.send_message(t, *chat, from).ok()) return false;
  }
  if (!w.engine.finish_chat(t, expert, *chat).ok()) return false;
  w.effects.clear();
  w.engine.drain_effects(w.effects);
  return true;
}

void BM_ChatCycle(benchmark::State& state) {
  auto w = make_world(static_cast<int>(state.range(0)));
  std::uint64_t i = 0;
  for (auto _ : state) {
    if (!cycle(*w, i++)) {
      state.SkipWithError("cycle failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChatCycle)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

void BM_JournalReplay(benchmark::State& state) {
  // The journal of a 10k-expert setup followed by 20k chat cycles.
  auto w = make_world(10'000, true);
  for (std::uint64_t i = 0; i < 20'000; ++i) cycle(*w, i);
  const std::vector<std::string> journal = w->engine.drain_journal();
  w.reset();
  std::size_t lines = 0;
  for (auto _ : state) {
    auto fresh = std::make_unique<Engine>();
    fresh->set_journaling(false);
    for (const auto& line : journal) {
      if (!fresh->apply_json(line).ok()) {
        state.SkipWithError("replay rejected a journal line");
        return;
      }
    }
    lines += journal.size();
    state.PauseTiming();
    fresh.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(lines));
  state.counters["lines"] = static_cast<double>(journal.size());
}
BENCHMARK(BM_JournalReplay)->Unit(benchmark::kMillisecond)->Iterations(3);

long rss_kib() {
  std::ifstream f("/proc/self/status");
  std::string key;
  while (f >> key) {
    if (key == "VmRSS:") {
      long kib = 0;
      f >> kib;
      return kib;
    }
    f.ignore(1 << 12, '\n');
  }
  return -1;
}

void BM_MemoryPerFinishedChat(benchmark::State& state) {
  const int chats = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto w = make_world(10'000);
    for (int i = 0; i < 1000; ++i) cycle(*w, static_cast<std::uint64_t>(i));  // warm up tables
    const long before = rss_kib();
    for (int i = 1000; i < chats + 1000; ++i) cycle(*w, static_cast<std::uint64_t>(i));
    const long after = rss_kib();
    state.counters["bytes_per_chat"] = static_cast<double>(after - before) * 1024.0 / chats;
  }
}
BENCHMARK(BM_MemoryPerFinishedChat)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
