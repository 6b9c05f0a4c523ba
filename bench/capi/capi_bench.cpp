// C ABI benchmarks (bench/README.md, "C ABI"): the same work through vshop.h and through the C++
// API, in the same run, on the chat world of bench/common/chat_world.hpp.
//   BM_ChatCycle_Cpp/N, BM_ChatCycle_C/N  request -> offer -> claim -> 3 messages -> finish,
//       N experts; the C cycle uses the typed calls and polls the typed effects one at a time,
//       both on an engine restored from the world's snapshot (target: C within 10 % of C++).
//   BM_ApplyJson_Cpp, BM_ApplyJson_C  a recorded journal (10k experts, 20k cycles) applied
//       line by line with Engine::apply_json / vshop_engine_apply_json: commands per second.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "../common/chat_world.hpp"
#include "vshop/vshop.h"

namespace {

using vshop_bench::World;

// The chat world, its engine restored from its own snapshot: the state the C handle gets.
std::unique_ptr<World> make_restored_world(int experts) {
  auto w = vshop_bench::make_world(experts);
  auto restored = vshop::Engine::restore(w->engine.snapshot());
  if (!restored.ok()) return nullptr;
  w->engine = std::move(*restored);
  w->engine.set_journaling(false);
  return w;
}

void BM_ChatCycle_Cpp(benchmark::State& state) {
  auto w = make_restored_world(static_cast<int>(state.range(0)));
  if (!w) {
    state.SkipWithError("restore failed");
    return;
  }
  vshop_bench::run_cycles(state, [&](std::uint64_t i) { return vshop_bench::cycle(*w, i); });
}

// The chat world behind a C handle (restored from the C++ world's snapshot).
struct CWorld {
  std::unique_ptr<World> world;
  vshop_engine* engine = nullptr;
  ~CWorld() { vshop_engine_free(engine); }
};

std::unique_ptr<CWorld> make_c_world(int experts) {
  auto c = std::make_unique<CWorld>();
  c->world = vshop_bench::make_world(experts);
  const std::string snapshot = c->world->engine.snapshot();
  if (vshop_engine_restore(&c->engine, snapshot.data(), snapshot.size(), nullptr) != VSHOP_OK) {
    return nullptr;
  }
  return c;
}

// The cycle of chat_world.hpp through the typed C calls.
bool c_cycle(CWorld& c, std::uint64_t i) {
  World& w = *c.world;
  const std::int64_t t = w.now += 1000;
  const auto& spot = w.spots[i % w.spots.size()];
  const std::string& shopper = w.shoppers[i % w.shoppers.size()];
  vshop_string chat;
  if (vshop_engine_request_chat(c.engine, t, shopper.data(), shopper.size(), &spot.first,
                                &spot.second, &chat) != VSHOP_OK) {
    return false;
  }
  const std::string chat_id(chat.data, chat.len);
  vshop_effect effect;
  effect.size = sizeof effect;
  int has = 0;
  if (vshop_engine_poll_effect(c.engine, &effect, &has) != VSHOP_OK || !has ||
      effect.kind != VSHOP_EFFECT_CHAT_OFFERED) {
    return false;
  }
  const std::string expert(effect.experts[0].data, effect.experts[0].len);
  while (has) vshop_engine_poll_effect(c.engine, &effect, &has);
  if (vshop_engine_claim(c.engine, t, expert.data(), expert.size(), chat_id.data(),
                         chat_id.size()) != VSHOP_OK) {
    return false;
  }
  for (int m = 0; m < 3; ++m) {
    if (vshop_engine_send_message(c.engine, t, chat_id.data(), chat_id.size(),
                                  m % 2 ? VSHOP_SENDER_SHOPPER : VSHOP_SENDER_EXPERT) != VSHOP_OK) {
      return false;
    }
  }
  if (vshop_engine_finish_chat(c.engine, t, expert.data(), expert.size(), chat_id.data(),
                               chat_id.size()) != VSHOP_OK) {
    return false;
  }
  has = 1;
  while (has) vshop_engine_poll_effect(c.engine, &effect, &has);
  return true;
}

void BM_ChatCycle_C(benchmark::State& state) {
  auto c = make_c_world(static_cast<int>(state.range(0)));
  if (!c) {
    state.SkipWithError("restore failed");
    return;
  }
  vshop_bench::run_cycles(state, [&](std::uint64_t i) { return c_cycle(*c, i); });
}

// The replays drain the effects every kDrainEvery lines, outside the timing, so that the outbox
// bound (limits::kMaxPendingEffectUnits) never refuses a line.
constexpr std::size_t kDrainEvery = 1000;

const std::vector<std::string>& journal() {
  static const std::vector<std::string> lines = vshop_bench::record_journal(10'000, 20'000);
  return lines;
}

void BM_ApplyJson_Cpp(benchmark::State& state) {
  const auto& lines = journal();
  std::vector<vshop::Effect> effects;
  for (auto _ : state) {
    state.PauseTiming();
    auto engine = std::make_unique<vshop::Engine>();
    engine->set_journaling(false);
    state.ResumeTiming();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!engine->apply_json(lines[i]).ok()) {
        state.SkipWithError("apply_json rejected a journal line");
        return;
      }
      if (i % kDrainEvery == 0) {
        state.PauseTiming();
        effects.clear();
        engine->drain_effects(effects);
        state.ResumeTiming();
      }
    }
    state.PauseTiming();
    engine.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}

void BM_ApplyJson_C(benchmark::State& state) {
  const auto& lines = journal();
  for (auto _ : state) {
    state.PauseTiming();
    vshop_engine* engine = nullptr;
    vshop_engine_new(&engine, nullptr);
    state.ResumeTiming();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (vshop_engine_apply_json(engine, lines[i].data(), lines[i].size()) != VSHOP_OK) {
        state.SkipWithError("vshop_engine_apply_json rejected a journal line");
        vshop_engine_free(engine);
        return;
      }
      if (i % kDrainEvery == 0) {
        state.PauseTiming();
        const char* text = nullptr;
        std::size_t len = 0;
        vshop_engine_drain_effects_json(engine, &text, &len);
        state.ResumeTiming();
      }
    }
    state.PauseTiming();
    vshop_engine_free(engine);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}

// Interleaved registration (C++ then C for each size) so that both see the same machine load.
BENCHMARK(BM_ChatCycle_Cpp)->Arg(10'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ChatCycle_C)->Arg(10'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ApplyJson_Cpp)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ApplyJson_C)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
