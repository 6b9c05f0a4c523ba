// Opening-hours queries: 1,000 stores with realistic hours (given as OSM `opening_hours` text, so
// that opening_hours.js answers the very same rules) in a dozen zones, queried at random instants
// over 2026. `--emit_workload=FILE` writes the stores and queries (with vshop's answers) as JSON
// for bench/hours/opening_hours_peer.js, then exits.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/json_writer.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/time.hpp"

namespace {

using vshop::Instant;
using vshop::hours::OpeningHours;

constexpr std::size_t kStores = 1000;
constexpr std::size_t kQueries = 1 << 16;  // (store, instant) pairs, cycled through

struct Store {
  std::string zone;
  std::string osm;
  OpeningHours hours;
};

struct Query {
  std::uint32_t store;
  Instant t;
};

struct Workload {
  std::vector<Store> stores;
  std::vector<Query> queries;
};

std::string hhmm(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 24, minute % 60);
  return buf;
}

// Typical retail, office, bar and round-the-clock hours, shifted by a random half hour or hour.
std::string random_osm(std::mt19937_64& rng) {
  const int shift = static_cast<int>(rng() % 3) * 30;
  const auto t = [&](int h, int m = 0) { return hhmm(h * 60 + m + shift); };
  switch (rng() % 8) {
    case 0:
      return "Mo-Fr " + t(9) + "-" + t(18) + "; Sa " + t(10) + "-" + t(16) + "; Su off";
    case 1:
      return "Mo-Sa " + t(10) + "-" + t(20) + "; Su " + t(12) + "-" + t(18);
    case 2:
      return "Mo-Fr " + t(8) + "-" + t(12) + "," + t(13) + "-" + t(17);
    case 3:
      return "Mo-Th " + t(17) + "-01:00; Fr-Sa " + t(17) + "-03:00; Su off";
    case 4:
      return "24/7";
    case 5:
      return "Mo-Su " + t(7) + "-" + t(22) + "; Dec 25 off; Jan 1 off";
    case 6:
      return "Tu-Sa " + t(10) + "-" + t(18) + "; Dec 24 10:00-14:00; Dec 25,Dec 26 off";
    default:
      return "Mo-We " + t(10) + "-" + t(19) + "; Th-Fr " + t(10) + "-" + t(21) + "; Sa " + t(10) +
             "-" + t(18) + "; Su " + t(11) + "-" + t(17);
  }
}

const Workload& workload() {
  static const Workload w = [] {
    static const char* const kZones[] = {
        "Europe/Stockholm", "America/New_York",    "Asia/Kathmandu", "Australia/Lord_Howe",
        "Europe/London",    "America/Los_Angeles", "Asia/Tokyo",     "America/Sao_Paulo",
        "Europe/Berlin",    "Australia/Sydney",    "Asia/Kolkata",   "America/Santiago"};
    std::mt19937_64 rng(20261123);
    Workload out;
    for (std::size_t i = 0; i < kStores; ++i) {
      std::string zone = kZones[rng() % std::size(kZones)];
      std::string osm = random_osm(rng);
      auto weekly = vshop::hours::parse_osm_opening_hours(osm);
      auto compiled = OpeningHours::create(zone, std::move(weekly).value());
      out.stores.push_back(Store{std::move(zone), std::move(osm), std::move(compiled).value()});
    }
    const std::int64_t year_start =
        vshop::to_epoch_ms(vshop::parse_rfc3339("2026-01-01T00:00:00Z").value());
    const std::int64_t year_ms = 365LL * 86'400'000;
    for (std::size_t i = 0; i < kQueries; ++i) {
      out.queries.push_back(
          {static_cast<std::uint32_t>(rng() % kStores),
           vshop::from_epoch_ms(year_start + static_cast<std::int64_t>(rng() % year_ms))});
    }
    // Warm the caches: steady state, as in a running engine (the build is measured separately).
    for (const Query& q : out.queries) {
      benchmark::DoNotOptimize(out.stores[q.store].hours.next_change(q.t));
    }
    return out;
  }();
  return w;
}

void BM_is_open(benchmark::State& state) {
  const Workload& w = workload();
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kQueries - 1)];
    benchmark::DoNotOptimize(w.stores[q.store].hours.is_open(q.t));
  }
}
BENCHMARK(BM_is_open);

void BM_next_change(benchmark::State& state) {
  const Workload& w = workload();
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kQueries - 1)];
    benchmark::DoNotOptimize(w.stores[q.store].hours.next_change(q.t));
  }
}
BENCHMARK(BM_next_change);

// Cold start: compiling one store and answering its first query (which builds its block).
void BM_create_and_first_query(benchmark::State& state) {
  const Workload& w = workload();
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kQueries - 1)];
    const Store& s = w.stores[q.store];
    auto oh = OpeningHours::create(s.zone, s.hours.hours());
    benchmark::DoNotOptimize(oh->is_open(q.t));
  }
}
BENCHMARK(BM_create_and_first_query);

int emit_workload(const std::string& path) {
  const Workload& w = workload();
  vshop::JsonWriter out;
  out.begin_object();
  out.key("stores").begin_array();
  for (const Store& s : w.stores) {
    out.begin_object();
    out.key("zone").string(s.zone);
    out.key("osm").string(s.osm);
    out.end_object();
  }
  out.end_array();
  out.key("queries").begin_array();
  for (const Query& q : w.queries) {
    const auto next = w.stores[q.store].hours.next_change(q.t);
    out.begin_array();
    out.integer(q.store);
    out.integer(vshop::to_epoch_ms(q.t));
    out.boolean(w.stores[q.store].hours.is_open(q.t));
    if (next) {
      out.integer(vshop::to_epoch_ms(*next));
    } else {
      out.null();
    }
    out.end_array();
  }
  out.end_array();
  out.end_object();
  std::ofstream file(path, std::ios::binary);
  file << out.str();
  return file.good() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string flag = "--emit_workload=";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind(flag, 0) == 0) return emit_workload(arg.substr(flag.size()));
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
