// The chat-cycle world shared by the benchmarks (bench/engine, bench/capi): a merchant with N
// experts in N/10 stores open around the clock, all available, and one request -> offer to the
// 5 nearest -> claim -> 3 messages -> finish cycle through the C++ API.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "vshop/engine/engine.hpp"

namespace vshop_bench {

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

inline void must(const absl::Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "bench setup failed: %s\n", std::string(s.message()).c_str());
    std::abort();
  }
}

inline std::unique_ptr<World> make_world(int experts, bool journaling = false) {
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
    if (e % 4096 == 4095) (void)w->engine.drain_effects();  // the outbox is bounded
  }
  for (int i = 0; i < 4096; ++i) w->spots.emplace_back(lat(rng), lon(rng));
  for (int i = 0; i < kShopperPool; ++i) w->shoppers.push_back(fmt::format("sh{}", i));
  (void)w->engine.drain_effects();
  if (!journaling) (void)w->engine.drain_journal();
  return w;
}

// One full cycle; returns false if something unexpected happened.
inline bool cycle(World& w, std::uint64_t i) {
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
    if (!w.engine
             .send_message(t, *chat,
                           m % 2 ? vshop::MessageSender::kShopper : vshop::MessageSender::kExpert)
             .ok())
      return false;
  }
  if (!w.engine.finish_chat(t, expert, *chat).ok()) return false;
  w.effects.clear();
  w.engine.drain_effects(w.effects);
  return true;
}

// Runs one cycle per benchmark iteration (`cycle(i)` returns false when something unexpected
// happened, which stops the benchmark with an error).
template <typename State, typename Cycle>
void run_cycles(State& state, Cycle&& cycle) {
  std::uint64_t i = 0;
  for (auto _ : state) {
    if (!cycle(i++)) {
      state.SkipWithError("cycle failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

// The journal of a setup with `experts` experts followed by `cycles` chat cycles.
inline std::vector<std::string> record_journal(int experts, int cycles) {
  auto w = make_world(experts, true);
  for (int i = 0; i < cycles; ++i) cycle(*w, static_cast<std::uint64_t>(i));
  return w->engine.drain_journal();
}

}  // namespace vshop_bench
