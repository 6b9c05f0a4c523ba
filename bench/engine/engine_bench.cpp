// Chat engine benchmarks (bench/README.md, "Chat engine"):
//   BM_ChatCycle/N   request -> offer to the 5 nearest -> claim -> 3 messages -> finish, with N
//                    experts in N/10 stores (target <= 1 us median at 10k; <= 1.3x from 1k to 100k)
//   BM_JournalReplay apply_json of a recorded journal into a fresh engine (target >= 2M lines/s,
//                    within 2x of BM_JournalParseOnly)
//   BM_JournalParseOnly   peer: simdjson DOM parse of the same journal lines (reused parser)
//   BM_JournalParseCommand  the reading part of the replay: each line into a reused Command
//   BM_MemoryPerFinishedChat  resident memory growth over 1M finished chats / 1M (target <= 200 B);
//                    heap_per_chat: malloc'd bytes; engine_per_chat: the engine's chat records
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "../common/chat_world.hpp"
#include "engine/command_parse.hpp"
#include "engine/core.hpp"
#include "simdjson.h"
#include "vshop/engine/engine.hpp"

namespace {

using vshop::Engine;
using vshop_bench::cycle;
using vshop_bench::make_world;

void BM_ChatCycle(benchmark::State& state) {
  auto w = make_world(static_cast<int>(state.range(0)));
  vshop_bench::run_cycles(state, [&](std::uint64_t i) { return cycle(*w, i); });
}
BENCHMARK(BM_ChatCycle)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

// The journal of BM_JournalReplay, recorded once per program run.
const std::vector<std::string>& journal_lines() {
  static const std::vector<std::string> journal = vshop_bench::record_journal(10'000, 20'000);
  return journal;
}

void BM_JournalReplay(benchmark::State& state) {
  // The journal of a 10k-expert setup followed by 20k chat cycles.
  const std::vector<std::string>& journal = journal_lines();
  std::size_t lines = 0;
  for (auto _ : state) {
    auto fresh = std::make_unique<Engine>();
    fresh->set_journaling(false);
    for (std::size_t i = 0; i < journal.size(); ++i) {
      if (!fresh->apply_json(journal[i]).ok()) {
        state.SkipWithError("replay rejected a journal line");
        return;
      }
      if (i % 1000 == 0) {  // drained outside the timing: the outbox bound refuses more
        state.PauseTiming();
        (void)fresh->drain_effects();
        state.ResumeTiming();
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

void BM_JournalParseOnly(benchmark::State& state) {
  const std::vector<std::string>& journal = journal_lines();
  simdjson::dom::parser parser;
  std::size_t lines = 0;
  for (auto _ : state) {
    for (const std::string& line : journal) {
      simdjson::dom::element doc;
      if (parser.parse(line.data(), line.size()).get(doc) != simdjson::SUCCESS) {
        state.SkipWithError("simdjson rejected a journal line");
        return;
      }
      benchmark::DoNotOptimize(doc);
    }
    lines += journal.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(lines));
}
BENCHMARK(BM_JournalParseOnly)->Unit(benchmark::kMillisecond);

void BM_JournalParseCommand(benchmark::State& state) {
  const std::vector<std::string>& journal = journal_lines();
  vshop::Command command;
  std::size_t lines = 0;
  for (auto _ : state) {
    for (const std::string& line : journal) {
      if (!vshop::parse_command_into(line, command).ok()) {
        state.SkipWithError("parse_command rejected a journal line");
        return;
      }
      benchmark::DoNotOptimize(command);
    }
    lines += journal.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(lines));
}
BENCHMARK(BM_JournalParseCommand)->Unit(benchmark::kMillisecond);

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

// Bytes in use from malloc, small blocks and large (mmapped) blocks alike.
std::size_t heap_bytes() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

// Bytes the engine's own chat records hold (the Chat structs and the id lookup's slots, at the
// container's capacity): the engine side of the per-chat memory; the rest is analytics and
// attribution (the metrics book, the contact book).
double engine_chat_bytes(const Engine& engine) {
  const auto& core = vshop::engine_detail::CoreAccess::core(engine);
  using Slot = decltype(core.chat_ids)::value_type;
  return static_cast<double>(sizeof(vshop::engine_detail::Chat) * core.chats.capacity() +
                             (sizeof(Slot) + 1) * core.chat_ids.capacity());
}

void BM_MemoryPerFinishedChat(benchmark::State& state) {
  const int chats = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto w = make_world(10'000);
    for (int i = 0; i < 1000; ++i) cycle(*w, static_cast<std::uint64_t>(i));  // warm up tables
    const long before = rss_kib();
    const std::size_t heap_before = heap_bytes();
    const double engine_before = engine_chat_bytes(w->engine);
    for (int i = 1000; i < chats + 1000; ++i) cycle(*w, static_cast<std::uint64_t>(i));
    const long after = rss_kib();
    state.counters["bytes_per_chat"] = static_cast<double>(after - before) * 1024.0 / chats;
    state.counters["heap_per_chat"] = static_cast<double>(heap_bytes() - heap_before) / chats;
    state.counters["engine_per_chat"] = (engine_chat_bytes(w->engine) - engine_before) / chats;
  }
}
BENCHMARK(BM_MemoryPerFinishedChat)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
