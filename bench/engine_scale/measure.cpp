#include "measure.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "../common/chat_world.hpp"
#include "chain.hpp"
#include "day.hpp"
#include "fmt/format.h"

namespace vshop_scale {
namespace {

// Resident memory (MB) from /proc/self/statm, after giving freed heap back to the system.
double rss_mb() {
  malloc_trim(0);
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

// The process's peak resident memory so far (MB): getrusage's high-water mark.
double peak_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1e3;
}

double cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double wall_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string fnv1a(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return fmt::format("\"{:016x}\"", h);
}

template <typename T>
void put(Figures& f, std::string name, T value) {
  f.emplace_back(std::move(name), fmt::format("{}", value));
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  return out + "\"";
}

// Snapshot, then restore into a fresh engine once the old one is gone (peak memory measured
// right after the restore, before the check that the restored engine gives the same bytes).
void snapshot_and_restore(std::unique_ptr<vshop::Engine> engine, const Size& size, Figures& f) {
  double c0 = cpu_s();
  auto snap = std::make_unique<std::string>(engine->snapshot());
  put(f, "snapshot_cpu_s", cpu_s() - c0);
  put(f, "snapshot_bytes", snap->size());
  put(f, "rss_with_snapshot_mb", rss_mb());
  put(f, "peak_snapshot_mb", peak_mb());
  if (!size.save_snapshot.empty()) {
    const auto path = fmt::format("{}/snapshot-{}.json", size.save_snapshot, size.experts);
    if (FILE* out = std::fopen(path.c_str(), "wb")) {
      std::fwrite(snap->data(), 1, snap->size(), out);
      std::fclose(out);
    }
  }
  engine.reset();
  put(f, "rss_snapshot_only_mb", rss_mb());
  c0 = cpu_s();
  auto restored = vshop::Engine::restore(*snap);
  put(f, "restore_cpu_s", cpu_s() - c0);
  put(f, "peak_restore_mb", peak_mb());
  vshop_bench::must(restored.status());
  const bool same = restored->snapshot() == *snap;
  const std::string digest = fnv1a(*snap);
  snap.reset();
  put(f, "rss_restored_mb", rss_mb());
  f.emplace_back("snapshot_roundtrip_identical", same ? "true" : "false");
  f.emplace_back("snapshot_digest", digest);
}

}  // namespace

Figures measure(const Size& size) {
  Figures f;
  put(f, "experts", size.experts);
  put(f, "stores", size.stores);
  put(f, "shoppers", size.shoppers);
  put(f, "rss_start_mb", rss_mb());

  // Setup: the merchant, its stores and experts; the clock at 04:00 UTC, before any opening.
  const Chain chain(size.stores, size.experts, size.seed);
  auto engine = std::make_unique<vshop::Engine>();
  engine->set_journaling(false);  // the host persists the commands itself
  double c0 = cpu_s();
  chain.set_up(*engine, kDayStartMs + 4 * 60 * kMinuteMs);
  put(f, "setup_cpu_s", cpu_s() - c0);
  put(f, "rss_setup_mb", rss_mb());

  // The day, until 06:00 UTC the next morning (the last purchases and timers).
  DayStats st;
  {
    Day day(chain, *engine, size.shoppers, size.seed);
    c0 = cpu_s();
    const double w0 = wall_s();
    st = day.run(kDayStartMs + 30 * 60 * kMinuteMs);
    const double cpu = cpu_s() - c0;
    put(f, "day_cpu_s", cpu);
    put(f, "day_wall_s", wall_s() - w0);
    put(f, "commands", st.commands);
    put(f, "commands_per_s", static_cast<double>(st.commands) / cpu);
    put(f, "driver_peak_mb", static_cast<double>(day.driver_bytes()) / 1e6);
  }
  put(f, "rss_day_mb", rss_mb());
  put(f, "peak_day_mb", peak_mb());
  put(f, "chats", engine->chat_count());

  if (size.snapshot) snapshot_and_restore(std::move(engine), size, f);
  for (const auto& [name, value] : {std::pair{"advances", st.advances},
                                    {"rejected", st.rejected},
                                    {"availability", st.availability},
                                    {"requests", st.requests},
                                    {"offered", st.offered},
                                    {"claims", st.claims},
                                    {"declines", st.declines},
                                    {"messages", st.messages},
                                    {"finished", st.finished},
                                    {"missed", st.missed},
                                    {"rated", st.rated},
                                    {"purchases", st.purchases},
                                    {"attributed", st.attributed},
                                    {"unattributed", st.unattributed},
                                    {"streak_breaks", st.streak_breaks}})
    put(f, name, value);
  f.emplace_back("first_error", quoted(st.first_error));
  return f;
}

}  // namespace vshop_scale
