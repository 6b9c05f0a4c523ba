// MetricsBook: the dashboard analytics of R-METRIC-1, maintained incrementally as the engine
// reports what happens. Ids are the engine's dense interned integers; the book keeps per-day
// summaries per merchant, store and expert, so a query costs O(days in range), not O(chats).
// Counting rules (which day, which scope) are listed in docs/decisions.md, "## Analytics".
//
// Feeding from the engine (docs/reference.md §10/§11 effects; `at` is the effect's instant):
//   request_chat accepted (not a blocked shopper's)  -> chat_requested
//   chat_offered (each listed expert, with their store) -> chat_offered
//   chat_claimed -> chat_claimed        chat_missed -> chat_missed
//   chat_taken -> chat_taken            transfer_completed -> chat_transferred
//   rate_chat accepted -> chat_rated    expert_available / expert_unavailable -> same names
//   sale_attributed / sale_unattributed -> order_recorded (with / without the attribution)
//   advance(now) -> advance
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analytics/chat_log.hpp"
#include "analytics/converted_chats.hpp"
#include "analytics/day_stats.hpp"
#include "core/json_writer.hpp"
#include "date/date.h"
#include "date/tz.h"
#include "vshop/analytics/metrics.hpp"
#include "vshop/currency.hpp"
#include "vshop/time.hpp"

namespace vshop::analytics {

using ExpertId = std::uint32_t;
using StoreId = std::uint32_t;
using ChatId = std::uint32_t;

// Store and expert ids must stay below this bound: per-scope tables are dense vectors by id,
// so one absurd id must not allocate gigabytes (2^20 = 1 048 576 experts or stores).
inline constexpr std::uint32_t kMaxInternedId = 1u << 20;

struct Scope {
  using Kind = ScopeKind;
  Kind kind = Kind::kMerchant;
  std::uint32_t id = 0;

  static Scope merchant() { return {}; }
  static Scope store(StoreId id) { return {Kind::kStore, id}; }
  static Scope expert(ExpertId id) { return {Kind::kExpert, id}; }
};

// Who an order is attributed to (R-ATTR-1, decided by the engine).
struct Attribution {
  ExpertId expert = 0;
  StoreId store = 0;
  ChatId chat = 0;
};

// An inclusive run of reporting days (local dates in the reporting zone).
struct DateRange {
  date::year_month_day first;
  date::year_month_day last;
};

class MetricsBook {
 public:
  MetricsBook();

  // Sets the IANA zone whose local days are the reporting days; applies to events recorded
  // from now on (recorded days keep their keys). Unknown zone: invalid_argument naming
  // `reporting_timezone`, nothing changed.
  absl::Status set_reporting_timezone(std::string_view name);
  const std::string& reporting_timezone() const { return zone_name_; }

  // Days of per-day detail kept (1..36600, default 400): older days are folded, exactly, into
  // one all-time record per scope (counted by whole-history queries, not by narrower ranges),
  // and their chats leave the chat log. invalid_argument naming `metrics_retention_days`.
  absl::Status set_retention_days(int days);
  int retention_days() const { return retention_days_; }
  // The first reporting day still held in detail (days before it are folded).
  std::optional<DayKey> retention_cutoff() const;

  // --- Feeding (called by the engine as things happen). Each returns an error naming the
  // field and leaves the book unchanged on inconsistent input. ---

  // A chat was requested (not for a blocked shopper's silent chat). already_exists when the
  // chat is already awaiting a claim.
  absl::Status chat_requested(Instant at, ChatId chat);
  // The chat was offered to `expert` of `store` (once per expert; repeats are ignored).
  absl::Status chat_offered(Instant at, ChatId chat, ExpertId expert, StoreId store);
  // The first claim; response time = claimed_at - request. not_found unless the chat is
  // awaiting a claim.
  absl::Status chat_claimed(Instant claimed_at, ChatId chat, ExpertId expert, StoreId store);
  // The same, for a caller that also passes the request instant: it must be the one recorded
  // by chat_requested (else invalid_argument naming `requested_at`).
  absl::Status chat_claimed(Instant requested_at, Instant claimed_at, ChatId chat, ExpertId expert,
                            StoreId store);
  // The chat was missed (claim window or no expert). not_found unless awaiting a claim.
  absl::Status chat_missed(Instant at, ChatId chat);
  // A left message was taken by `expert` (the chat was counted missed before).
  absl::Status chat_taken(Instant at, ChatId chat, ExpertId expert, StoreId store);
  // A transfer was accepted: `to` now holds the chat.
  absl::Status chat_transferred(Instant at, ChatId chat, ExpertId from_expert, StoreId from_store,
                                ExpertId to_expert, StoreId to_store);
  // A shopper rated a chat of `expert` (stars 1..5, else invalid_argument naming `stars`).
  absl::Status chat_rated(Instant at, ChatId chat, ExpertId expert, StoreId store, int stars);
  // The expert went available at `store` / unavailable (no-ops when already so).
  absl::Status expert_available(Instant from, ExpertId expert, StoreId store);
  absl::Status expert_unavailable(Instant to, ExpertId expert);
  // An accepted purchase: `minor_units` >= 0 of an ISO 4217 `currency` (else invalid_argument
  // naming `subtotal` / `currency`).
  absl::Status order_recorded(Instant at, std::optional<Attribution> attributed_to,
                              std::string_view currency, std::int64_t minor_units);
  // Time passed with no event (extends open availability periods to `now`'s day).
  void advance(Instant now);

  // --- Queries ---

  // Metrics over the reporting days that [from, to) touches (whole days in the current
  // reporting zone). invalid_argument naming `to` when to <= from.
  absl::StatusOr<Metrics> query(Scope scope, Instant from, Instant to) const;
  // The same over the local dates first..last (inclusive).
  Metrics query_days(Scope scope, date::year_month_day first, date::year_month_day last) const;
  // A team (R-EXP-2): the merged expert series of `members` over local dates first..last.
  Metrics query_team_days(std::span<const ExpertId> members, date::year_month_day first,
                          date::year_month_day last) const;
  // One entry per reporting day (empty days included) of the range; at most 3660 days
  // (invalid_argument naming `to` beyond).
  absl::StatusOr<std::vector<DailyMetrics>> daily(Scope scope, Instant from, Instant to) const;

  // The first and last reporting day holding any record (any scope); nullopt for an empty book.
  std::optional<DateRange> recorded_days() const;
  // Stores and experts that have any recorded day, in id order.
  std::vector<StoreId> stores() const;
  std::vector<ExpertId> experts() const;
  // The reporting day (local date in the current zone) of an instant.
  date::year_month_day local_date(Instant t) const;

  // One record per chat still within the retention period (Export Chats) and the interned
  // currencies its orders refer to.
  const ChatLog& chat_log() const { return log_; }
  const std::vector<CurrencyInfo>& currencies() const { return currencies_; }
  // A reporting day as a local date, and back.
  static date::year_month_day date_of(DayKey day);
  static DayKey key_of(date::year_month_day day);

  // What the book holds about the engine's entities, for Engine::check_invariants: the chats
  // awaiting a claim (ascending), the open availability periods (expert, store) by expert, and
  // one past the largest store / expert id with a day series.
  struct Refs {
    std::vector<ChatId> awaiting;         // ascending
    std::vector<Instant> awaiting_since;  // request instant of each `awaiting` chat
    bool awaiting_days_agree = true;      // each pending day is its request's reporting day
    std::vector<std::pair<ExpertId, StoreId>> open;
    std::size_t store_bound = 0, expert_bound = 0;
  };
  Refs refs() const;

  // --- Snapshot: the whole state as canonical JSON (deterministic order), and back. ---
  void write(JsonWriter& out) const;
  static absl::StatusOr<MetricsBook> read(std::string_view json);

 private:
  friend struct BookSnapshot;

  struct Pending {
    Instant requested_at;
    DayKey day = 0;
    absl::InlinedVector<ExpertId, 5> experts;  // offered, in offer order
    absl::InlinedVector<StoreId, 5> stores;
  };
  // Who owns a missed chat until a take moves it: the store of its first offer, if any.
  static constexpr StoreId kNoStore = 0xFFFFFFFFu;
  struct MissedOwner {
    DayKey day = 0;
    StoreId store = kNoStore;
  };
  struct OpenPeriod {
    StoreId store = 0;
    DayKey last_marked = 0;
  };

  DayKey day_of(Instant t);  // caches the current day's bounds
  DayKey day_of_const(Instant t) const;
  DayStats& stats(Scope scope, DayKey day);
  DaySeries& series_mut(Scope scope);
  void fold();  // folds the days before the retention cutoff of latest_day_
  const DaySeries* series(Scope scope) const;
  void touch(Instant t);  // marks open availability periods up to t's day
  void mark_available(ExpertId expert, StoreId store, DayKey day);
  void mark_converted(Scope scope, ChatId chat, DayKey day);
  // Moves one chat's ownership (initiated, and missed when `missed`) on `day` between stores.
  void move_owner(DayKey day, StoreId from, StoreId to, bool missed);
  absl::Status check_id(std::uint32_t id, std::string_view field) const;
  std::uint16_t intern_currency(const CurrencyInfo& info);
  Metrics aggregate(Scope scope, DayKey first, DayKey last) const;
  Metrics aggregate_series(std::span<const DaySeries* const> all, Scope::Kind kind, DayKey first,
                           DayKey last) const;

  std::string zone_name_;
  const date::time_zone* zone_ = nullptr;
  Instant cached_day_begin_{};
  Instant cached_day_end_{};
  DayKey cached_day_ = 0;
  bool cache_valid_ = false;

  DaySeries merchant_;
  std::vector<DaySeries> stores_;         // by StoreId
  std::vector<DaySeries> experts_;        // by ExpertId
  std::vector<CurrencyInfo> currencies_;  // interned in order of first use
  absl::flat_hash_map<ChatId, Pending> pending_;
  absl::flat_hash_map<ChatId, MissedOwner> missed_;  // missed chats not (yet) taken
  absl::flat_hash_map<ExpertId, OpenPeriod> open_;
  ConvertedChats converted_;                   // (scope, chat) pairs already counted as converted
  std::vector<std::int64_t> currency_totals_;  // merchant gross per interned currency (overflow)
  DayKey latest_day_ = 0;
  bool any_event_ = false;
  int retention_days_ = 400;
  DayKey cutoff_ = std::numeric_limits<DayKey>::min();  // days before it are folded
  ChatLog log_;
};

}  // namespace vshop::analytics
