// OpeningHours: queries answered by binary search in lazily built, shared UTC blocks (R-HOURS-4).
#include "vshop/hours/opening_hours.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "hours/utc_block.hpp"
#include "vshop/error.hpp"

namespace vshop::hours {

using detail::UtcBlock;

// Blocks are built once and never modified or freed while the cache lives, so a reader that
// loaded a pointer from a slot can use it without holding the mutex.
struct OpeningHours::Cache {
  static constexpr std::size_t kSlots = 16;      // direct-mapped by block index: ~5.6 years hot
  static constexpr std::size_t kMaxBlocks = 64;  // beyond this, blocks are built per query

  std::array<std::atomic<const UtcBlock*>, kSlots> slots{};
  std::mutex mutex;
  std::map<std::int64_t, std::unique_ptr<const UtcBlock>> blocks;  // guarded by mutex
  bool never_open = false;  // no interval anywhere: every query has a constant answer
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

}  // namespace

absl::StatusOr<OpeningHours> OpeningHours::create(std::string_view timezone, WeeklyHours hours) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(timezone));
  } catch (const std::exception&) {
    zone = nullptr;
  }
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
  result.timezone_name_ = std::string(timezone);
  result.zone_ = zone;
  result.cache_ = std::make_shared<Cache>();
  result.cache_->never_open = !has_any_interval(hours);
  result.hours_ = std::move(hours);
  return result;
}

// Finds block `index`: lock-free when it sits in its slot; otherwise built (or found) under the
// mutex and published. When the cache is full the block is built into `scratch` for this query.
const UtcBlock& OpeningHours::block(std::int64_t index,
                                    std::unique_ptr<const UtcBlock>& scratch) const {
  Cache& cache = *cache_;
  auto& slot = cache.slots[static_cast<std::size_t>(index) % Cache::kSlots];
  if (const UtcBlock* hot = slot.load(std::memory_order_acquire); hot && hot->index == index) {
    return *hot;
  }
  std::lock_guard<std::mutex> lock(cache.mutex);
  auto it = cache.blocks.find(index);
  if (it == cache.blocks.end()) {
    auto built = std::make_unique<const UtcBlock>(detail::build_block(*zone_, hours_, index));
    if (cache.blocks.size() >= Cache::kMaxBlocks) {
      scratch = std::move(built);
      return *scratch;
    }
    it = cache.blocks.emplace(index, std::move(built)).first;
  }
  slot.store(it->second.get(), std::memory_order_release);
  return *it->second;
}

bool OpeningHours::is_open(Instant t) const {
  if (cache_->never_open) return false;
  const std::int64_t ms = to_epoch_ms(t);
  std::unique_ptr<const UtcBlock> scratch;
  const UtcBlock& b = block(detail::block_index(ms), scratch);
  const auto it = std::upper_bound(b.bounds.begin(), b.bounds.end(), ms);
  return ((it - b.bounds.begin()) & 1) != 0;
}

std::optional<Instant> OpeningHours::next_change(Instant t) const {
  if (cache_->never_open) return std::nullopt;
  const std::int64_t ms = to_epoch_ms(t);
  const std::int64_t limit = ms + kNextChangeHorizonMs;
  std::unique_ptr<const UtcBlock> scratch;
  for (std::int64_t index = detail::block_index(ms);; ++index) {
    const UtcBlock& b = block(index, scratch);
    // Only boundaries inside the block's valid range are real; those of later blocks that lie
    // before their valid range were already covered by the previous block.
    const auto it = std::lower_bound(b.bounds.begin(), b.bounds.end(),
                                     std::max(ms + 1, b.valid_from_ms));
    if (it != b.bounds.end() && *it < b.valid_to_ms) {
      if (*it <= limit) return from_epoch_ms(*it);
      return std::nullopt;
    }
    if (b.valid_to_ms > limit) return std::nullopt;
  }
}

std::vector<OpenInterval> OpeningHours::open_intervals(Instant from, Instant to) const {
  std::vector<OpenInterval> out;
  if (cache_->never_open || from >= to) return out;
  const std::int64_t from_ms = to_epoch_ms(from);
  const std::int64_t to_ms = to_epoch_ms(to);
  // A plain flag + value rather than std::optional: GCC 12 warns spuriously on the latter here.
  bool open = is_open(from);
  std::int64_t open_since = from_ms;
  std::unique_ptr<const UtcBlock> scratch;
  const std::int64_t last = detail::block_index(to_ms - 1);
  for (std::int64_t index = detail::block_index(from_ms); index <= last; ++index) {
    const UtcBlock& b = block(index, scratch);
    const std::int64_t hi = std::min(to_ms, b.valid_to_ms);
    auto it = std::lower_bound(b.bounds.begin(), b.bounds.end(),
                               std::max(from_ms + 1, b.valid_from_ms));
    for (; it != b.bounds.end() && *it < hi; ++it) {
      const bool is_opening = ((it - b.bounds.begin()) & 1) == 0;
      if (is_opening) {
        open = true;
        open_since = *it;
      } else if (open) {
        out.push_back({from_epoch_ms(open_since), from_epoch_ms(*it)});
        open = false;
      }
    }
  }
  if (open) out.push_back({from_epoch_ms(open_since), to});
  return out;
}

}  // namespace vshop::hours
