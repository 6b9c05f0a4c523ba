// bench_engine_scale: one engine at a platform operator's scale (by default 100k experts in 10k
// stores, 1M shoppers over a simulated day) and at 1/10 of it, each size in its own child
// process so that its resident memory starts clean. Prints one JSON object on stdout (both
// sizes and the growth of each figure) and a Markdown table on stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "fmt/format.h"
#include "measure.hpp"

namespace {

using vshop_scale::Figures;
using vshop_scale::Size;

std::string to_json(const Figures& f) {
  std::string out = "{";
  for (const auto& [name, value] : f) {
    if (out.size() > 1) out += ",";
    out += fmt::format("\"{}\":{}", name, value);
  }
  return out + "}";
}

// Runs one size in a child process; its figures come back as JSON-ready pairs over a pipe.
bool run_child(const Size& size, Figures& out) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    close(fds[0]);
    std::string text;
    for (const auto& [name, value] : vshop_scale::measure(size)) text += name + "\t" + value + "\n";
    for (std::size_t done = 0; done < text.size();) {
      const auto n = write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) _exit(1);
      done += static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto tab = text.find('\t', pos), nl = text.find('\n', pos);
    out.emplace_back(text.substr(pos, tab - pos), text.substr(tab + 1, nl - tab - 1));
    pos = nl + 1;
  }
  return true;
}

// The figures whose growth from the small to the large size the report gives.
constexpr const char* kGrowth[] = {"commands",        "setup_cpu_s",      "rss_setup_mb",
                                   "day_cpu_s",       "commands_per_s",   "rss_day_mb",
                                   "snapshot_bytes",  "snapshot_cpu_s",   "restore_cpu_s",
                                   "rss_restored_mb", "peak_snapshot_mb", "peak_restore_mb"};

double number(const Figures& f, const std::string& name) {
  for (const auto& [n, v] : f)
    if (n == name) return std::strtod(v.c_str(), nullptr);
  return 0;
}

// Each figure's median over the repetitions of one size; a text figure (digest, round-trip
// check) is null unless every run gave the same.
Figures median(const std::vector<Figures>& reps) {
  Figures out = reps.front();
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::vector<double> values;
    for (const Figures& r : reps) {
      char* end = nullptr;
      const double v = std::strtod(r[i].second.c_str(), &end);
      if (end == r[i].second.c_str() || *end != '\0') break;
      values.push_back(v);
    }
    if (values.size() != reps.size()) {
      // A text figure (digest, round-trip check) that differs between runs: null.
      for (const Figures& r : reps)
        if (r[i].second != out[i].second) out[i].second = "null";
      continue;
    }
    std::sort(values.begin(), values.end());
    const std::size_t m = values.size() / 2;
    const double med = values.size() % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
    out[i].second = fmt::format("{}", med);
  }
  out.emplace_back("repetitions", fmt::format("{}", reps.size()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"One vshop engine at scale: setup, a simulated day, snapshot and restore"};
  Size full{100'000, 10'000, 1'000'000, 42, "", true};
  int divisor = 10;
  app.add_option("--experts", full.experts, "experts (10 per store by default)")
      ->check(CLI::PositiveNumber);
  app.add_option("--stores", full.stores, "stores")->check(CLI::PositiveNumber);
  app.add_option("--shoppers", full.shoppers, "shoppers, one chat request each")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--divisor", divisor, "also run the size divided by this (1: only the full size)")
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", full.seed, "random seed");
  app.add_option("--save-snapshot", full.save_snapshot,
                 "write each size's snapshot to DIR/snapshot-EXPERTS.json");
  int repetitions = 1;
  app.add_option("--repetitions", repetitions,
                 "runs of each size (interleaved); each figure is the median")
      ->check(CLI::PositiveNumber);
  bool no_snapshot = false;
  app.add_flag("--no-snapshot", no_snapshot, "stop after the day (no snapshot and restore)");
  CLI11_PARSE(app, argc, argv);
  full.snapshot = !no_snapshot;

  std::vector<Size> sizes;
  if (divisor > 1)
    sizes.push_back(Size{std::max(1, full.experts / divisor), std::max(1, full.stores / divisor),
                         full.shoppers / divisor, full.seed, full.save_snapshot, full.snapshot});
  sizes.push_back(full);
  std::vector<std::vector<Figures>> reps(sizes.size());
  for (int r = 0; r < repetitions; ++r) {
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      const Size& s = sizes[i];
      std::fprintf(stderr, "run %d: %d experts, %d stores, %lld shoppers...\n", r + 1, s.experts,
                   s.stores, static_cast<long long>(s.shoppers));
      if (!run_child(s, reps[i].emplace_back())) {
        std::fprintf(stderr, "bench_engine_scale: the run of %d experts failed\n", s.experts);
        return 1;
      }
    }
  }
  std::vector<Figures> results;
  for (const auto& r : reps) results.push_back(median(r));

  std::string json = "{\"sizes\":[";
  for (std::size_t i = 0; i < results.size(); ++i) json += (i ? "," : "") + to_json(results[i]);
  json += "],\"growth\":{";
  std::string table =
      fmt::format("| figure | {} experts | {} experts | growth |\n|---|---:|---:|---:|\n",
                  results.front().front().second, results.back().front().second);
  for (std::size_t i = 0; i < std::size(kGrowth); ++i) {
    const double a = number(results.front(), kGrowth[i]), b = number(results.back(), kGrowth[i]);
    const double g = a > 0 ? b / a : 0;
    json += fmt::format("{}\"{}\":{:.3f}", i ? "," : "", kGrowth[i], g);
    table += fmt::format("| {} | {:.4g} | {:.4g} | {:.2f}x |\n", kGrowth[i], a, b, g);
  }
  json += "}}";
  std::printf("%s\n", json.c_str());
  std::fprintf(stderr, "%s", table.c_str());
  return 0;
}
