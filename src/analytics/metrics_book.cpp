// MetricsBook: feeding. Every method validates first and mutates after (docs/design.md §4), so a
// rejected call leaves the book unchanged.
#include "analytics/metrics_book.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

// A single jump in time with experts still available marks at most this many days: it bounds
// the work of a pathological gap (years without any event) while covering any real period.
constexpr DayKey kMaxCatchUpDays = 366;

void add_order(DayStats& d, std::uint16_t currency, std::int64_t minor) {
  for (OrderTotal& o : d.orders) {
    if (o.currency == currency) {
      ++o.orders;
      o.gross_minor += minor;
      return;
    }
  }
  d.orders.push_back(OrderTotal{currency, 1, minor});
}

template <typename Vec, typename T>
bool contains(const Vec& v, T x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

MetricsBook::MetricsBook() : zone_name_("UTC"), zone_(date::locate_zone("UTC")) {}

absl::Status MetricsBook::set_reporting_timezone(std::string_view name) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    zone = nullptr;
  }
  if (zone == nullptr || name.empty()) {
    return error(ErrorCode::kInvalidSetting, "reporting_timezone: unknown time zone \"%s\"", name);
  }
  zone_ = zone;
  zone_name_ = std::string(name);
  cache_valid_ = false;
  return absl::OkStatus();
}

DayKey MetricsBook::day_of_const(Instant t) const {
  const auto local = zone_->to_local(t);
  return static_cast<DayKey>(date::floor<date::days>(local).time_since_epoch().count());
}

DayKey MetricsBook::day_of(Instant t) {
  if (cache_valid_ && t >= cached_day_begin_ && t < cached_day_end_) return cached_day_;
  // The day's key holds for every instant with the same UTC offset and the same local date:
  // the intersection of the offset period (sys_info) and the local day.
  const date::sys_info info = zone_->get_info(t);
  const auto offset = std::chrono::duration_cast<Duration>(info.offset);
  const auto local_day = date::floor<date::days>(t + offset);
  const Instant day_begin = Instant{local_day.time_since_epoch()} - offset;
  const Instant day_end = day_begin + date::days{1};
  cached_day_begin_ = std::max(day_begin, Instant{std::chrono::floor<Duration>(info.begin)});
  cached_day_end_ = std::min(day_end, Instant{std::chrono::floor<Duration>(info.end)});
  cached_day_ = static_cast<DayKey>(local_day.time_since_epoch().count());
  cache_valid_ = true;
  return cached_day_;
}

DaySeries& MetricsBook::series_mut(Scope scope) {
  switch (scope.kind) {
    case Scope::Kind::kStore:
      if (stores_.size() <= scope.id) stores_.resize(scope.id + 1);
      return stores_[scope.id];
    case Scope::Kind::kExpert:
      if (experts_.size() <= scope.id) experts_.resize(scope.id + 1);
      return experts_[scope.id];
    case Scope::Kind::kMerchant:
    case Scope::Kind::kTeam:  // teams are merged expert series, never fed directly
      break;
  }
  return merchant_;
}

DayStats& MetricsBook::stats(Scope scope, DayKey day) {
  // An event of a day already folded (a claim of a chat requested before the cutoff) counts in
  // the folded record.
  if (day < cutoff_) return series_mut(scope).folded_at(day);
  return series_mut(scope).at(day);
}

absl::Status MetricsBook::set_retention_days(int days) {
  if (days < 1 || days > 36600) {
    return error(ErrorCode::kInvalidSetting, "metrics_retention_days: %d is not in 1..36600", days);
  }
  retention_days_ = days;
  if (any_event_) fold();
  return absl::OkStatus();
}

std::optional<DayKey> MetricsBook::retention_cutoff() const {
  if (cutoff_ == std::numeric_limits<DayKey>::min()) return std::nullopt;
  return cutoff_;
}

void MetricsBook::fold() {
  const DayKey cutoff = latest_day_ - retention_days_ + 1;
  if (cutoff <= cutoff_) return;
  cutoff_ = cutoff;
  merchant_.fold_before(cutoff);
  for (DaySeries& s : stores_) s.fold_before(cutoff);
  for (DaySeries& s : experts_) s.fold_before(cutoff);
  log_.prune(cutoff);
  absl::erase_if(missed_, [cutoff](const auto& e) { return e.second.day < cutoff; });
  // Conversion marks of chats requested before the cutoff go too (an order for such a chat
  // would be its first again: attribution windows are far shorter than the retention).
  converted_.erase_chats([this](ChatId chat) { return !log_.contains(chat); });
}

const DaySeries* MetricsBook::series(Scope scope) const {
  switch (scope.kind) {
    case Scope::Kind::kStore:
      return scope.id < stores_.size() ? &stores_[scope.id] : nullptr;
    case Scope::Kind::kExpert:
      return scope.id < experts_.size() ? &experts_[scope.id] : nullptr;
    case Scope::Kind::kTeam:
      return nullptr;
    case Scope::Kind::kMerchant:
      break;
  }
  return &merchant_;
}

absl::Status MetricsBook::check_id(std::uint32_t id, std::string_view field) const {
  if (id >= kMaxInternedId) {
    return error(ErrorCode::kInvalidArgument, "%s: interned id %d out of range", field, id);
  }
  return absl::OkStatus();
}

void MetricsBook::mark_available(ExpertId expert, StoreId store, DayKey day) {
  if (day < cutoff_) return;  // folded days keep the availability they had
  stats(Scope::merchant(), day).mark_available(expert);
  stats(Scope::store(store), day).mark_available(expert);
  stats(Scope::expert(expert), day).self_available = true;
}

void MetricsBook::touch(Instant t) {
  const DayKey day = day_of(t);
  if (any_event_ && day <= latest_day_) return;
  any_event_ = true;
  latest_day_ = day;
  fold();
  // Open availability periods cover every day they span, not only days with an event of theirs.
  for (auto& [expert, period] : open_) {
    const DayKey from = std::max(period.last_marked + 1, day - kMaxCatchUpDays + 1);
    for (DayKey d = from; d <= day; ++d) mark_available(expert, period.store, d);
    period.last_marked = std::max(period.last_marked, day);
  }
}

void MetricsBook::advance(Instant now) { touch(now); }

absl::Status MetricsBook::chat_requested(Instant at, ChatId chat) {
  if (pending_.contains(chat)) {
    return error(ErrorCode::kAlreadyExists, "chat: %d is already awaiting a claim", chat);
  }
  touch(at);
  const DayKey day = day_of(at);
  ++stats(Scope::merchant(), day).initiated;
  missed_.erase(chat);  // a restarted chat is a new request
  Pending& p = pending_[chat];
  p.requested_at = at;
  p.day = day;
  log_.requested(chat, to_epoch_ms(at), day);
  return absl::OkStatus();
}

absl::Status MetricsBook::chat_offered(Instant at, ChatId chat, ExpertId expert, StoreId store) {
  if (auto s = check_id(expert, "expert"); !s.ok()) return s;
  if (auto s = check_id(store, "store"); !s.ok()) return s;
  auto it = pending_.find(chat);
  if (it == pending_.end()) {
    return error(ErrorCode::kNotFound, "chat: %d is not awaiting a claim", chat);
  }
  touch(at);
  Pending& p = it->second;
  // Offers count once per expert and once per store, in the request's day (cohort). The store
  // of the first offer owns the chat until someone claims it.
  if (!contains(p.experts, expert)) {
    p.experts.push_back(expert);
    ++stats(Scope::expert(expert), p.day).offered;
  }
  if (!contains(p.stores, store)) {
    if (p.stores.empty()) {
      ++stats(Scope::store(store), p.day).initiated;
      log_.offered(chat, store);
    }
    p.stores.push_back(store);
    ++stats(Scope::store(store), p.day).offered;
  }
  return absl::OkStatus();
}

absl::Status MetricsBook::chat_claimed(Instant claimed_at, ChatId chat, ExpertId expert,
                                       StoreId store) {
  if (auto s = check_id(expert, "expert"); !s.ok()) return s;
  if (auto s = check_id(store, "store"); !s.ok()) return s;
  auto it = pending_.find(chat);
  if (it == pending_.end()) {
    return error(ErrorCode::kNotFound, "chat: %d is not awaiting a claim", chat);
  }
  if (claimed_at < it->second.requested_at) {
    return error(ErrorCode::kInvalidArgument, "at: claim %s is before the request %s",
                 format_instant(claimed_at), format_instant(it->second.requested_at));
  }
  // A claim by an expert the book saw no offer for still counts as offered to them, so that
  // claimed never exceeds initiated in a scope.
  if (auto s = chat_offered(claimed_at, chat, expert, store); !s.ok()) return s;
  const Pending& p = it->second;
  const Duration response = claimed_at - p.requested_at;
  move_owner(p.day, p.stores.front(), store, /*missed=*/false);
  log_.handled(chat, to_epoch_ms(claimed_at), ChatOutcome::kClaimed, expert, store);
  ++stats(Scope::expert(expert), p.day).initiated;
  for (Scope scope : {Scope::merchant(), Scope::store(store), Scope::expert(expert)}) {
    DayStats& d = stats(scope, p.day);
    ++d.claimed;
    d.response.add(response);
  }
  pending_.erase(it);
  return absl::OkStatus();
}

absl::Status MetricsBook::chat_claimed(Instant requested_at, Instant claimed_at, ChatId chat,
                                       ExpertId expert, StoreId store) {
  auto it = pending_.find(chat);
  if (it != pending_.end() && it->second.requested_at != requested_at) {
    return error(ErrorCode::kInvalidArgument, "requested_at: %s is not the request of chat %d (%s)",
                 format_instant(requested_at), chat, format_instant(it->second.requested_at));
  }
  return chat_claimed(claimed_at, chat, expert, store);
}

absl::Status MetricsBook::chat_missed(Instant at, ChatId chat) {
  auto it = pending_.find(chat);
  if (it == pending_.end()) {
    return error(ErrorCode::kNotFound, "chat: %d is not awaiting a claim", chat);
  }
  touch(at);
  const Pending& p = it->second;
  ++stats(Scope::merchant(), p.day).missed;
  MissedOwner owner{p.day, kNoStore};
  if (!p.stores.empty()) {
    owner.store = p.stores.front();
    ++stats(Scope::store(owner.store), p.day).missed;
  }
  missed_[chat] = owner;  // until a take moves the chat to the taker
  log_.missed(chat);
  pending_.erase(it);
  return absl::OkStatus();
}

absl::Status MetricsBook::chat_taken(Instant at, ChatId chat, ExpertId expert, StoreId store) {
  if (auto s = check_id(expert, "expert"); !s.ok()) return s;
  if (auto s = check_id(store, "store"); !s.ok()) return s;
  if (pending_.contains(chat)) {
    return error(ErrorCode::kInvalidState, "chat: %d is awaiting a claim, not a take", chat);
  }
  touch(at);
  if (auto m = missed_.find(chat); m != missed_.end()) {
    // The taker's store and the taker now own the missed chat (on its request day).
    const MissedOwner owner = m->second;
    move_owner(owner.day, owner.store, store, /*missed=*/true);
    DayStats& e = stats(Scope::expert(expert), owner.day);
    ++e.initiated;
    ++e.missed;
    missed_.erase(m);
  }
  log_.handled(chat, to_epoch_ms(at), ChatOutcome::kTaken, expert, store);
  const DayKey day = day_of(at);
  for (Scope scope : {Scope::merchant(), Scope::store(store), Scope::expert(expert)}) {
    ++stats(scope, day).taken;
  }
  return absl::OkStatus();
}

void MetricsBook::move_owner(DayKey day, StoreId from, StoreId to, bool missed) {
  if (from == to) return;
  if (from != kNoStore) {
    DayStats& f = stats(Scope::store(from), day);
    --f.initiated;
    if (missed) --f.missed;
  }
  DayStats& t = stats(Scope::store(to), day);
  ++t.initiated;
  if (missed) ++t.missed;
}

absl::Status MetricsBook::chat_transferred(Instant at, ChatId chat, ExpertId from_expert,
                                           StoreId from_store, ExpertId to_expert,
                                           StoreId to_store) {
  if (auto s = check_id(from_expert, "from"); !s.ok()) return s;
  if (auto s = check_id(to_expert, "to"); !s.ok()) return s;
  if (auto s = check_id(from_store, "from_store"); !s.ok()) return s;
  if (auto s = check_id(to_store, "to_store"); !s.ok()) return s;
  touch(at);
  const DayKey day = day_of(at);
  ++stats(Scope::expert(to_expert), day).transfers_in;
  log_.transferred(chat, to_expert, to_store);
  if (from_store != to_store) ++stats(Scope::store(to_store), day).transfers_in;
  return absl::OkStatus();
}

absl::Status MetricsBook::chat_rated(Instant at, ChatId chat, ExpertId expert, StoreId store,
                                     int stars) {
  if (stars < 1 || stars > 5) {
    return error(ErrorCode::kInvalidArgument, "stars: %d is not in 1..5", stars);
  }
  if (auto s = check_id(expert, "expert"); !s.ok()) return s;
  if (auto s = check_id(store, "store"); !s.ok()) return s;
  touch(at);
  log_.rated(chat, stars);
  const DayKey day = day_of(at);
  for (Scope scope : {Scope::merchant(), Scope::store(store), Scope::expert(expert)}) {
    DayStats& d = stats(scope, day);
    ++d.ratings;
    d.rating_sum += static_cast<std::uint32_t>(stars);
  }
  return absl::OkStatus();
}

absl::Status MetricsBook::expert_available(Instant from, ExpertId expert, StoreId store) {
  if (auto s = check_id(expert, "expert"); !s.ok()) return s;
  if (auto s = check_id(store, "store"); !s.ok()) return s;
  touch(from);
  auto it = open_.find(expert);
  if (it != open_.end() && it->second.store == store) return absl::OkStatus();
  const DayKey day = day_of(from);
  open_[expert] = OpenPeriod{store, day};
  mark_available(expert, store, day);
  return absl::OkStatus();
}

absl::Status MetricsBook::expert_unavailable(Instant to, ExpertId expert) {
  if (auto s = check_id(expert, "expert"); !s.ok()) return s;
  touch(to);  // marks the period through `to`'s day
  open_.erase(expert);
  return absl::OkStatus();
}

std::uint16_t MetricsBook::intern_currency(const CurrencyInfo& info) {
  for (std::size_t i = 0; i < currencies_.size(); ++i) {
    if (currencies_[i].code == info.code) return static_cast<std::uint16_t>(i);
  }
  currencies_.push_back(info);
  currency_totals_.push_back(0);
  return static_cast<std::uint16_t>(currencies_.size() - 1);
}

void MetricsBook::mark_converted(Scope scope, ChatId chat, DayKey day) {
  if (converted_.mark(scope.kind, scope.id, chat)) ++stats(scope, day).converted;
}

absl::Status MetricsBook::order_recorded(Instant at, std::optional<Attribution> attributed_to,
                                         std::string_view currency, std::int64_t minor_units) {
  // A currency already interned (a merchant has one or two) is found without the ISO table.
  std::optional<CurrencyInfo> info;
  for (const CurrencyInfo& c : currencies_) {
    if (c.code == currency) info = c;
  }
  if (!info) info = find_currency(currency);
  if (!info) {
    return error(ErrorCode::kInvalidArgument, "currency: \"%s\" is not an ISO 4217 code", currency);
  }
  if (minor_units < 0) {
    return error(ErrorCode::kInvalidArgument, "subtotal: %d minor units is negative", minor_units);
  }
  if (attributed_to) {
    if (auto s = check_id(attributed_to->expert, "expert"); !s.ok()) return s;
    if (auto s = check_id(attributed_to->store, "store"); !s.ok()) return s;
    // Gross sums are int64 minor units; partial sums never exceed the merchant total.
    std::int64_t total = 0;
    for (std::size_t i = 0; i < currencies_.size(); ++i) {
      if (currencies_[i].code == info->code) total = currency_totals_[i];
    }
    if (total > std::numeric_limits<std::int64_t>::max() - minor_units) {
      return error(ErrorCode::kInvalidArgument, "subtotal: %d minor units overflows the %s total",
                   minor_units, info->code);
    }
  }
  touch(at);
  const DayKey day = day_of(at);
  if (!attributed_to) {
    ++stats(Scope::merchant(), day).unattributed_orders;
    return absl::OkStatus();
  }
  const std::uint16_t cur = intern_currency(*info);
  currency_totals_[cur] += minor_units;
  const Attribution& a = *attributed_to;
  log_.ordered(a.chat, cur, minor_units);
  for (Scope scope : {Scope::merchant(), Scope::store(a.store), Scope::expert(a.expert)}) {
    add_order(stats(scope, day), cur, minor_units);
    mark_converted(scope, a.chat, day);
  }
  return absl::OkStatus();
}

MetricsBook::Refs MetricsBook::refs() const {
  Refs r;
  // Ids referenced anywhere count towards the bounds, so that an out-of-range id in a pending
  // offer list is found as surely as one in the tables.
  std::size_t store_bound = stores_.size(), expert_bound = experts_.size();
  std::vector<std::pair<ChatId, Instant>> awaiting;
  awaiting.reserve(pending_.size());
  for (const auto& [chat, p] : pending_) {
    awaiting.emplace_back(chat, p.requested_at);
    if (p.day != day_of_const(p.requested_at)) r.awaiting_days_agree = false;
    for (ExpertId e : p.experts) expert_bound = std::max<std::size_t>(expert_bound, e + 1);
    for (StoreId s : p.stores) store_bound = std::max<std::size_t>(store_bound, s + 1);
  }
  std::sort(awaiting.begin(), awaiting.end());
  for (const auto& [chat, at] : awaiting) {
    r.awaiting.push_back(chat);
    r.awaiting_since.push_back(at);
  }
  r.open.reserve(open_.size());
  for (const auto& [expert, period] : open_) {
    r.open.emplace_back(expert, period.store);
    expert_bound = std::max<std::size_t>(expert_bound, expert + 1);
    store_bound = std::max<std::size_t>(store_bound, period.store + 1);
  }
  std::sort(r.open.begin(), r.open.end());
  r.store_bound = store_bound;
  r.expert_bound = expert_bound;
  return r;
}

}  // namespace vshop::analytics
