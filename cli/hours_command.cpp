// `vshop hours STORE.json...`: opening-hours queries on store files (docs/reference.md §11).
//   --at T (repeatable)  one line {"open":bool,"next_change":T|null} per instant
//   --from T --to T      one line {"intervals":[[T,T],...]}
//   neither              a readable line per store at the current wall-clock time (the demo)
// With several files, each file's lines follow the previous file's.
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.hpp"
#include "date/tz.h"
#include "diagnostics.hpp"
#include "files.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/hours/store.hpp"
#include "vshop/time.hpp"

namespace vshop::cli {
namespace {

struct HoursOptions {
  std::vector<std::string> stores;
  std::vector<std::string> at;
  std::string from;
  std::string to;
};

struct LoadedStore {
  hours::StoreSpec spec;
  hours::OpeningHours hours;
};

// Everything that can fail is checked before anything is printed, so that an error never
// follows partial output.
absl::StatusOr<LoadedStore> load_store(const std::string& path) {
  std::string contents;
  std::string read_error;
  InputFile file;
  if (!file.open(path, read_error) || !read_all(file, contents, read_error)) {
    return absl::InvalidArgumentError(read_error);
  }
  absl::StatusOr<hours::StoreSpec> spec = hours::parse_store_json(contents);
  if (!spec.ok()) {
    return absl::InvalidArgumentError(file.name() + ": " + std::string(spec.status().message()));
  }
  absl::StatusOr<hours::OpeningHours> compiled =
      hours::OpeningHours::create(spec->timezone, spec->hours);
  if (!compiled.ok()) {
    return absl::InvalidArgumentError(file.name() + ": " +
                                      std::string(compiled.status().message()));
  }
  return LoadedStore{std::move(*spec), std::move(*compiled)};
}

// An instant as a JSON string (canonical instants need no escaping).
std::string json_instant(Instant t) { return '"' + format_instant(t) + '"'; }

std::string at_line(const hours::OpeningHours& oh, Instant t) {
  const std::optional<Instant> next = oh.next_change(t);
  return std::string(R"({"open":)") + (oh.is_open(t) ? "true" : "false") + R"(,"next_change":)" +
         (next ? json_instant(*next) : "null") + "}";
}

// Fails when the range is longer than the library answers (hours::kMaxIntervalQuerySpan).
absl::StatusOr<std::string> intervals_line(const hours::OpeningHours& oh, Instant from,
                                           Instant to) {
  absl::StatusOr<std::vector<hours::OpenInterval>> intervals = oh.open_intervals(from, to);
  if (!intervals.ok()) return intervals.status();
  std::string out = R"({"intervals":[)";
  bool first = true;
  for (const hours::OpenInterval& iv : *intervals) {
    if (!first) out += ',';
    first = false;
    out += '[' + json_instant(iv.open) + ',' + json_instant(iv.close) + ']';
  }
  out += "]}";
  return out;
}

std::string local_text(const date::time_zone* zone, Instant t) {
  return date::format("%a %F %R %Z",
                      date::make_zoned(zone, std::chrono::floor<std::chrono::minutes>(t)));
}

// The demo's readable line: who, local time, open or closed, and the next change.
std::string readable_line(const LoadedStore& store, Instant now) {
  const date::time_zone* zone = date::locate_zone(store.spec.timezone);
  const std::string& shown_name = !store.spec.public_name.empty() ? store.spec.public_name
                                  : !store.spec.name.empty()      ? store.spec.name
                                                                  : store.spec.id;
  const bool open = store.hours.is_open(now);
  std::string line = shown_name + " (" + store.spec.id + ", " + store.spec.timezone + ")";
  line += "  local " + local_text(zone, now) + "  " + (open ? "OPEN" : "closed");
  if (const std::optional<Instant> next = store.hours.next_change(now)) {
    line += open ? ", closes " : ", opens ";
    line += local_text(zone, *next) + " (" + format_instant(*next) + ")";
  } else {
    line += open ? ", open for the next 400 days" : ", not opening within 400 days";
  }
  return line;
}

int run_hours(const HoursOptions& options) {
  const auto fail = [](const std::string& message) { return usage_error("hours", message); };
  if (!options.at.empty() && (!options.from.empty() || !options.to.empty())) {
    return fail("give either --at or --from/--to, not both");
  }
  if (options.from.empty() != options.to.empty()) {
    return fail("--from and --to go together");
  }
  std::vector<Instant> ats;
  for (const std::string& text : options.at) {
    absl::StatusOr<Instant> t = parse_instant(text, "--at");
    if (!t.ok()) return fail(std::string(t.status().message()));
    ats.push_back(*t);
  }
  Instant from{};
  Instant to{};
  const bool range = !options.from.empty();
  if (range) {
    absl::StatusOr<Instant> f = parse_instant(options.from, "--from");
    if (!f.ok()) return fail(std::string(f.status().message()));
    absl::StatusOr<Instant> t = parse_instant(options.to, "--to");
    if (!t.ok()) return fail(std::string(t.status().message()));
    if (*t < *f) return fail("--to " + options.to + " is before --from " + options.from);
    if (*t - *f > hours::kMaxIntervalQuerySpan) {
      return fail("--to " + options.to + " is more than " +
                  std::to_string(hours::kMaxIntervalQuerySpan.count()) + " days after --from " +
                  options.from + " (the longest range one query answers)");
    }
    from = *f;
    to = *t;
  }
  std::vector<LoadedStore> stores;
  for (const std::string& path : options.stores) {
    absl::StatusOr<LoadedStore> store = load_store(path);
    if (!store.ok()) return fail(std::string(store.status().message()));
    stores.push_back(std::move(*store));
  }
  std::string out;
  if (!ats.empty() || range) {
    for (const LoadedStore& store : stores) {
      for (const Instant t : ats) out += at_line(store.hours, t) + "\n";
      if (range) {
        absl::StatusOr<std::string> line = intervals_line(store.hours, from, to);
        if (!line.ok()) return fail(std::string(line.status().message()));
        out += *line + "\n";
      }
    }
  } else {
    // The CLI, unlike the core, may read the clock: this is the human-facing demo.
    const Instant now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (const LoadedStore& store : stores) out += readable_line(store, now) + "\n";
  }
  std::cout << out;
  return kExitOk;
}

const bool kRegistered = register_command(Command{
    "hours", "Opening hours of stores: open or closed at an instant, next change, intervals",
    [](CLI::App& sub, int& exit_status) {
      auto options = std::make_shared<HoursOptions>();
      sub.add_option("STORE.json", options->stores,
                     "store files with the fields of add_store (- = standard input)")
          ->required();
      sub.add_option("--at", options->at,
                     "instant (RFC 3339 or epoch ms): prints "
                     "{\"open\":bool,\"next_change\":T|null}; "
                     "repeat for several instants, one line each")
          ->allow_extra_args(false);
      sub.add_option("--from", options->from, "start of a range (with --to)");
      sub.add_option("--to", options->to, "end of a range: prints {\"intervals\":[[T,T],...]}");
      sub.footer(
          "Without --at or --from/--to, prints one readable line per store at the current time.");
      sub.callback([options, &exit_status] { exit_status = run_hours(*options); });
    }});

}  // namespace
}  // namespace vshop::cli
