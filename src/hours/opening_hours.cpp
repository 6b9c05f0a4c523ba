// OpeningHours: queries answered from the day records of lazily built, shared UTC blocks
// (R-HOURS-4).
#include "vshop/hours/opening_hours.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "hours/utc_block.hpp"
#include "vshop/error.hpp"

namespace vshop::hours {

using detail::UtcBlock;

// Blocks are built once and never modified or freed while the cache lives (every copy of the
// OpeningHours holds it), so a reader that loaded a pointer from a hot slot can use it without
// holding the mutex.
struct OpeningHours::Cache {
  static constexpr std::size_t kMaxBlocks = 64;  // beyond this, blocks are built per query

  Cache(std::string name, const date::time_zone* tz, WeeklyHours h)
      : timezone_name(std::move(name)), zone(tz), hours(std::move(h)) {}

  const std::string timezone_name;
  const date::time_zone* const zone;
  const WeeklyHours hours;
  std::mutex mutex;
  std::map<std::int64_t, std::unique_ptr<const UtcBlock>> blocks;  // guarded by mutex
};

namespace {

constexpr std::int64_t kNextChangeHorizonMs = 400 * detail::kDayMs;

bool has_any_interval(const WeeklyHours& hours) {
  const auto non_empty = [](const auto& entry) { return !entry.second.empty(); };
  return std::any_of(hours.weekly.begin(), hours.weekly.end(),
                     [](const auto& day) { return !day.empty(); }) ||
         std::any_of(hours.exceptions.begin(), hours.exceptions.end(), non_empty) ||
         std::any_of(hours.annual.begin(), hours.annual.end(), non_empty);
}

// Every day (weekday, annual and dated exception alike) has `00:00-24:00`: open at every instant
// whatever the zone does, so next_change has nothing to find within any horizon.
bool always_open(const WeeklyHours& hours) {
  const auto full = [](const std::vector<LocalInterval>& list) {
    return std::any_of(list.begin(), list.end(), [](const LocalInterval& iv) {
      return iv.open_minute == 0 && iv.close_minute == 1440;
    });
  };
  const auto full_entry = [&full](const auto& entry) { return full(entry.second); };
  return std::all_of(hours.weekly.begin(), hours.weekly.end(), full) &&
         std::all_of(hours.exceptions.begin(), hours.exceptions.end(), full_entry) &&
         std::all_of(hours.annual.begin(), hours.annual.end(), full_entry);
}

}  // namespace

const date::time_zone* locate_iana_zone(std::string_view name) {
  // Zone names are ASCII letters, digits and `/_+-`, each part starting with a letter (this
  // also rules out `.`, `..` and absolute paths); at most 64 bytes.
  if (name.empty() || name.size() > 64) return nullptr;
  bool part_start = true;
  for (const char ch : name) {
    const bool letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    const bool other = (ch >= '0' && ch <= '9') || ch == '_' || ch == '+' || ch == '-';
    if (ch == '/') {
      if (part_start) return nullptr;
      part_start = true;
      continue;
    }
    if (part_start ? !letter : !(letter || other)) return nullptr;
    part_start = false;
  }
  if (part_start) return nullptr;  // a trailing '/'
  if (name == "localtime" || name == "posixrules" || name == "Factory" ||
      name.substr(0, 6) == "posix/" || name.substr(0, 6) == "right/") {
    return nullptr;
  }
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

absl::StatusOr<OpeningHours> OpeningHours::create(std::string_view timezone, WeeklyHours hours) {
  const date::time_zone* zone = locate_iana_zone(timezone);
  if (zone == nullptr) {
    return error(ErrorCode::kInvalidArgument, "timezone: unknown IANA time zone \"%s\"", timezone);
  }
  // Intervals are validated here too, so that hours built in code cannot reach the tables with
  // out-of-range minutes.
  const auto valid = [](const std::vector<LocalInterval>& list) {
    return std::all_of(list.begin(), list.end(), [](const LocalInterval& iv) {
      return iv.open_minute >= 0 && iv.open_minute < 1440 && iv.close_minute >= 1 &&
             iv.close_minute <= 1440;
    });
  };
  bool ok = std::all_of(hours.weekly.begin(), hours.weekly.end(), valid);
  for (const auto& [day, list] : hours.exceptions) ok = ok && valid(list);
  for (const auto& [day, list] : hours.annual) ok = ok && valid(list) && day.ok();
  if (!ok) {
    return error(ErrorCode::kInvalidArgument,
                 "hours: an interval is out of range (open 00:00..23:59, close 00:01..24:00)");
  }
  OpeningHours result;
  result.never_open_ = !has_any_interval(hours);
  result.always_open_ = always_open(hours);
  result.cache_ = std::make_shared<Cache>(std::string(timezone), zone, std::move(hours));
  return result;
}

namespace {

constexpr int kTagShift = 48;
constexpr std::uint64_t kNoTag = ~std::uint64_t{0};  // matches no slot

// The tag of block `index` (1..65535), or kNoTag when the index cannot be tagged.
std::uint64_t hot_tag(std::int64_t index) {
  const std::int64_t key = index + 32768;
  return key >= 1 && key <= 65535 ? static_cast<std::uint64_t>(key) : kNoTag;
}

}  // namespace

void OpeningHours::publish_hot(std::int64_t index, const UtcBlock* b) const {
  const auto address = reinterpret_cast<std::uintptr_t>(b);
  const std::uint64_t tag = hot_tag(index);
  if (tag == kNoTag || (static_cast<std::uint64_t>(address) >> kTagShift) != 0) return;
  hot_[static_cast<std::size_t>(index) % kHotSlots].store(
      (tag << kTagShift) | static_cast<std::uint64_t>(address), std::memory_order_release);
}

// Inline: the first step of every query.
inline const UtcBlock* OpeningHours::hot_block(std::int64_t index) const {
  const std::uint64_t word =
      hot_[static_cast<std::size_t>(index) % kHotSlots].load(std::memory_order_acquire);
  if ((word >> kTagShift) != hot_tag(index)) return nullptr;
  constexpr std::uint64_t kAddressMask = (std::uint64_t{1} << kTagShift) - 1;
  return reinterpret_cast<const UtcBlock*>(static_cast<std::uintptr_t>(word & kAddressMask));
}

// Finds block `index`: lock-free when it sits in its slot; otherwise built (or found) under the
// mutex and published. When the cache is full the block is built into `scratch` for this query.
const UtcBlock& OpeningHours::block(std::int64_t index,
                                    std::unique_ptr<const UtcBlock>& scratch) const {
  if (const UtcBlock* hot = hot_block(index)) return *hot;
  Cache& cache = *cache_;
  std::lock_guard<std::mutex> lock(cache.mutex);
  auto it = cache.blocks.find(index);
  if (it == cache.blocks.end()) {
    auto built =
        std::make_unique<const UtcBlock>(detail::build_block(*cache.zone, cache.hours, index));
    if (cache.blocks.size() >= Cache::kMaxBlocks) {
      scratch = std::move(built);
      return *scratch;
    }
    it = cache.blocks.emplace(index, std::move(built)).first;
  }
  publish_hot(index, it->second.get());
  return *it->second;
}

OpeningHours::OpeningHours(const OpeningHours& other)
    : cache_(other.cache_), never_open_(other.never_open_), always_open_(other.always_open_) {
  copy_hot_slots(other);
}

OpeningHours& OpeningHours::operator=(const OpeningHours& other) {
  if (this != &other) {
    cache_ = other.cache_;  // keeps the blocks the copied slots point to alive
    never_open_ = other.never_open_;
    always_open_ = other.always_open_;
    copy_hot_slots(other);
  }
  return *this;
}

const WeeklyHours& OpeningHours::hours() const { return cache_->hours; }
const std::string& OpeningHours::timezone() const { return cache_->timezone_name; }

void OpeningHours::copy_hot_slots(const OpeningHours& other) {
  for (std::size_t i = 0; i < kHotSlots; ++i) {
    hot_[i].store(other.hot_[i].load(std::memory_order_acquire), std::memory_order_release);
  }
}

bool OpeningHours::is_open(Instant t) const {
  const std::int64_t ms = to_epoch_ms(t);
  const std::int64_t index = detail::block_index(ms);
  const std::int64_t rel_ms = ms - detail::block_start_ms(index);
  if (const UtcBlock* hot = hot_block(index)) return hot->is_open_at(rel_ms);
  std::unique_ptr<const UtcBlock> scratch;
  return block(index, scratch).is_open_at(rel_ms);
}

std::optional<Instant> OpeningHours::next_change(Instant t) const {
  const std::int64_t ms = to_epoch_ms(t);
  const std::int64_t index = detail::block_index(ms);
  // Fast path: a change inside t's own (hot) block is always within the 400-day horizon.
  if (const UtcBlock* hot = hot_block(index)) {
    const std::int64_t change = hot->next_after_at(ms - detail::block_start_ms(index));
    if (change != detail::kNoChange) return from_epoch_ms(change);
  }
  return next_change_slow(ms);
}

std::optional<Instant> OpeningHours::next_change_slow(std::int64_t ms) const {
  if (never_open_ || always_open_) return std::nullopt;
  const std::int64_t limit = ms + kNextChangeHorizonMs;
  std::unique_ptr<const UtcBlock> scratch;
  for (std::int64_t index = detail::block_index(ms);; ++index) {
    const UtcBlock& b = block(index, scratch);
    // Only boundaries inside the block's valid range are real; those of later blocks that lie
    // before their valid range were already covered by the previous block.
    if (const std::int64_t change = b.next_after(ms); change != detail::kNoChange) {
      if (change <= limit) return from_epoch_ms(change);
      return std::nullopt;
    }
    if (b.valid_to_ms > limit) return std::nullopt;
  }
}

absl::StatusOr<std::vector<OpenInterval>> OpeningHours::open_intervals(Instant from,
                                                                       Instant to) const {
  std::vector<OpenInterval> out;
  if (from >= to) return out;
  if (to - from > kMaxIntervalQuerySpan) {
    return error(ErrorCode::kInvalidArgument,
                 "to: %s is more than %d days after from %s (the longest span one query "
                 "answers)",
                 format_instant(to), kMaxIntervalQuerySpan.count(), format_instant(from));
  }
  if (never_open_) return out;
  const std::int64_t from_ms = to_epoch_ms(from);
  const std::int64_t to_ms = to_epoch_ms(to);
  // A plain flag + value rather than std::optional: GCC 12 warns spuriously on the latter here.
  bool open = is_open(from);
  std::int64_t open_since = from_ms;
  std::unique_ptr<const UtcBlock> scratch;
  const std::int64_t last = detail::block_index(to_ms - 1);
  for (std::int64_t index = detail::block_index(from_ms); index <= last; ++index) {
    const UtcBlock& b = block(index, scratch);
    const std::size_t end = b.end();
    for (std::size_t i = b.first_after(from_ms); i < end && b.bound_ms(i) < to_ms; ++i) {
      const bool is_opening = (i & 1) == 0;
      if (is_opening) {
        open = true;
        open_since = b.bound_ms(i);
      } else if (open) {
        out.push_back({from_epoch_ms(open_since), from_epoch_ms(b.bound_ms(i))});
        open = false;
      }
    }
  }
  if (open) out.push_back({from_epoch_ms(open_since), to});
  return out;
}

}  // namespace vshop::hours
