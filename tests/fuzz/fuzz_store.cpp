// libFuzzer target for the store document (the fields of add_store, as `vshop hours STORE.json`
// and the engine read them) and the OpenStreetMap opening_hours parser (R-HOURS-1..5). The
// same bytes go to both readers. When a reader accepts them: the store written back as an
// add_store command reads back to the same bytes (what the journal relies on), and the
// compiled hours answer consistently at instants derived from the input: next_change is after
// t and within 400 days, is_open flips exactly there, and open_intervals are sorted, disjoint,
// inside the range and bounded by exactly the changes that next_change walks through.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/engine/command.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/hours/store.hpp"
#include "vshop/time.hpp"

namespace {

using std::chrono::milliseconds;
using vshop::Instant;

// Bounds on the work per input (run.sh passes -max_len with the same value).
constexpr std::size_t kMaxInputBytes = 4096;
constexpr std::chrono::days kWindow{9};     // open_intervals range checked from each instant
constexpr std::size_t kMaxChanges = 512;    // next_change steps walked through that range
constexpr std::chrono::days kHorizon{400};  // next_change's documented horizon

// Zones for OSM texts (which carry none): odd offsets, 30-minute DST, skipped days, no DST.
constexpr std::string_view kZones[] = {"Europe/Amsterdam",
                                       "Australia/Lord_Howe",
                                       "Asia/Kathmandu",
                                       "America/New_York",
                                       "UTC",
                                       "Pacific/Apia",
                                       "America/Santiago",
                                       "Pacific/Chatham",
                                       "Africa/Casablanca",
                                       "Antarctica/Troll",
                                       "Asia/Tehran",
                                       "America/St_Johns"};

void require(bool condition) {
  if (!condition) __builtin_trap();
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = 1469598103934665603ULL ^ seed;
  for (const unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// Instants derived from the input: one in 1970..2050 (where zones change most), the same
// range on a whole UTC hour (where local hours often begin), and one anywhere in the supported
// years 0001..9999 short of twice the horizon.
std::vector<Instant> instants_for(std::string_view text) {
  constexpr std::int64_t k2050 = 2524608000000;
  constexpr std::int64_t kHourMs = 3600000;
  const std::int64_t last = vshop::kMaxEpochMs - 2 * milliseconds(kHorizon).count();
  const auto span = static_cast<std::uint64_t>(last - vshop::kMinEpochMs);
  const std::uint64_t a = fnv1a(text, 1), b = fnv1a(text, 2), c = fnv1a(text, 3);
  return {vshop::from_epoch_ms(static_cast<std::int64_t>(a % k2050)),
          vshop::from_epoch_ms(static_cast<std::int64_t>(b % k2050) / kHourMs * kHourMs),
          vshop::from_epoch_ms(vshop::kMinEpochMs + static_cast<std::int64_t>(c % span))};
}

void check_hours_at(const vshop::hours::OpeningHours& hours, Instant t) {
  const bool open = hours.is_open(t);
  const std::optional<Instant> next = hours.next_change(t);
  if (next) {
    require(*next > t && *next - t <= kHorizon);
    require(hours.is_open(*next) != open);
    require(hours.is_open(*next - milliseconds(1)) == open);
  } else {
    require(hours.is_open(t + kHorizon) == open);
  }

  // The changes in [t, to) by walking next_change, and the same as interval bounds.
  const Instant to = t + kWindow;
  std::vector<Instant> walked;
  bool capped = false;
  for (std::optional<Instant> c = next; c && *c < to; c = hours.next_change(*c)) {
    if (walked.size() == kMaxChanges) {
      capped = true;
      break;
    }
    walked.push_back(*c);
  }
  const auto answered = hours.open_intervals(t, to);  // 9 days: within kMaxIntervalQuerySpan
  require(answered.ok());
  const std::vector<vshop::hours::OpenInterval>& intervals = *answered;
  std::vector<Instant> bounds;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const vshop::hours::OpenInterval& iv = intervals[i];
    require(t <= iv.open && iv.open < iv.close && iv.close <= to);
    if (i > 0) require(intervals[i - 1].close < iv.open);
    require(hours.is_open(iv.open) && hours.is_open(iv.close - milliseconds(1)));
    if (iv.open > t) bounds.push_back(iv.open);
    if (iv.close < to) bounds.push_back(iv.close);
  }
  require(open == (!intervals.empty() && intervals.front().open == t));
  if (capped) {
    require(bounds.size() >= walked.size());
    bounds.resize(walked.size());
  }
  require(bounds == walked);
}

void check_hours(const vshop::hours::OpeningHours& hours, std::string_view text) {
  for (const Instant t : instants_for(text)) check_hours_at(hours, t);
}

// The store document: as `vshop hours` reads it, then as add_store journals and replays it.
void fuzz_store_document(std::string_view text) {
  vshop::hours::StoreFieldsGiven given;
  absl::StatusOr<vshop::hours::StoreSpec> spec = vshop::hours::parse_store_json(text, &given);
  if (!spec.ok()) return;
  absl::StatusOr<vshop::hours::OpeningHours> hours =
      vshop::hours::OpeningHours::create(spec->timezone, spec->hours);
  if (hours.ok()) check_hours(*hours, text);

  if (!vshop::is_valid_id(spec->id)) return;  // add_store checks the id beyond the reader
  vshop::Command command;
  command.kind = vshop::CommandKind::kAddStore;
  command.at = vshop::from_epoch_ms(0);
  command.store = spec->id;
  command.store_given = given;
  command.store_spec = std::move(*spec);
  const std::string line = vshop::command_to_json(command);
  absl::StatusOr<vshop::Command> back = vshop::parse_command(line);
  require(back.ok());
  require(back->store_spec.has_value() && back->store_spec->hours == command.store_spec->hours);
  require(vshop::command_to_json(*back) == line);
}

void fuzz_osm(std::string_view text) {
  absl::StatusOr<vshop::hours::WeeklyHours> parsed = vshop::hours::parse_osm_opening_hours(text);
  if (!parsed.ok()) return;
  const std::string_view zone = kZones[fnv1a(text, 0) % std::size(kZones)];
  absl::StatusOr<vshop::hours::OpeningHours> hours =
      vshop::hours::OpeningHours::create(zone, std::move(*parsed));
  require(hours.ok());
  check_hours(*hours, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz_store_document(text);
  fuzz_osm(text);
  return 0;
}
