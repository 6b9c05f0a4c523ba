// Event validation throughput (docs/events.md) on a generated corpus (generate_corpus.py): vshop
// validation against simdjson parse-only of the same bytes with the same reused parser setup.
// Corpus path: $VSHOP_EVENTS_CORPUS (default: build/bench/events-corpus/events.jsonl).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "simdjson.h"
#include "vshop/events/batch.hpp"
#include "vshop/events/validator.hpp"

namespace {

struct Corpus {
  simdjson::padded_string text;
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // offset, size of non-blank lines
};

const Corpus& corpus() {
  static const Corpus loaded = [] {
    const char* path = std::getenv("VSHOP_EVENTS_CORPUS");
    std::ifstream in(path ? path : "build/bench/events-corpus/events.jsonl", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (raw.empty()) {
      std::fprintf(stderr, "bench_events: empty corpus; run bench/events/run.sh\n");
      std::exit(2);
    }
    Corpus c{simdjson::padded_string(raw), {}};
    vshop::events::for_each_line(std::string_view(c.text.data(), c.text.size()),
                                 [&](std::size_t, std::size_t offset, std::string_view line) {
                                   c.lines.emplace_back(offset, line.size());
                                 });
    return c;
  }();
  return loaded;
}

void report(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.lines.size()));
}

// Baseline: simdjson DOM parse of every line, in place, one reused parser (what validation
// must at least do).
void BM_SimdjsonParseOnly(benchmark::State& state) {
  const Corpus& c = corpus();
  simdjson::dom::parser parser;
  for (auto _ : state) {
    std::size_t ok = 0;
    for (const auto& [offset, size] : c.lines) {
      simdjson::dom::element root;
      ok += parser.parse(c.text.data() + offset, size, false).get(root) == simdjson::SUCCESS;
    }
    benchmark::DoNotOptimize(ok);
  }
  report(state, c);
}
BENCHMARK(BM_SimdjsonParseOnly)->Unit(benchmark::kMillisecond);

// vshop: parse + every rule + issues with messages, per document, one reused Validator.
void BM_VshopValidate(benchmark::State& state) {
  const Corpus& c = corpus();
  vshop::events::Validator validator;
  for (auto _ : state) {
    std::size_t issues = 0;
    for (const auto& [offset, size] : c.lines) {
      issues += validator.validate_padded(c.text.data() + offset, size).result.issues.size();
    }
    benchmark::DoNotOptimize(issues);
  }
  report(state, c);
}
BENCHMARK(BM_VshopValidate)->Unit(benchmark::kMillisecond);

// The batch API: line splitting, padded copy, per-line results kept, stream checks, summary.
void BM_VshopValidateLines(benchmark::State& state) {
  const Corpus& c = corpus();
  const std::string_view text(c.text.data(), c.text.size());
  for (auto _ : state) {
    auto batch = vshop::events::validate_lines(text);
    benchmark::DoNotOptimize(batch.summary.events);
  }
  report(state, c);
}
BENCHMARK(BM_VshopValidateLines)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
