// Stores in the engine (R-STORE-1, R-AVAIL-2): hours, deactivation and the closing timer.
#include <algorithm>

#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

absl::Status check_location(const hours::StoreSpec& spec) {
  if (spec.lat && (*spec.lat < -90 || *spec.lat > 90)) {
    return error(ErrorCode::kInvalidArgument, "lat: %g is outside -90..90", *spec.lat);
  }
  if (spec.lon && (*spec.lon < -180 || *spec.lon > 180)) {
    return error(ErrorCode::kInvalidArgument, "lon: %g is outside -180..180", *spec.lon);
  }
  return absl::OkStatus();
}

void set_location(Store& store) {
  store.has_location = store.spec.lat.has_value() && store.spec.lon.has_value();
  store.where = store.has_location ? unit_vector(*store.spec.lat, *store.spec.lon) : UnitVector{};
}

}  // namespace

bool Core::store_open(Idx s, std::int64_t at_ms) const {
  const Store& store = stores[s];
  if (!store.active || !store.hours) return false;
  if (at_ms >= store.open_memo_from && at_ms < store.open_memo_until) return store.open_memo;
  return store.hours->is_open(from_epoch_ms(at_ms));
}

bool Core::store_open_memo(Idx s, std::int64_t at_ms) {
  Store& store = stores[s];
  if (!store.active || !store.hours) return false;
  if (at_ms < store.open_memo_from || at_ms >= store.open_memo_until) {
    constexpr std::int64_t kHorizonMs = 400LL * 86'400'000;  // next_change's search horizon
    const Instant t = from_epoch_ms(at_ms);
    store.open_memo = store.hours->is_open(t);
    const auto next = store.hours->next_change(t);
    store.open_memo_from = at_ms;
    store.open_memo_until = next ? to_epoch_ms(*next) : at_ms + kHorizonMs;
  }
  return store.open_memo;
}

absl::Status Core::add_store(Command& c) {
  if (!c.store_spec)
    return error(ErrorCode::kInvalidArgument, "store: the store fields are missing");
  hours::StoreSpec& spec = *c.store_spec;
  if (store_ids.contains(absl::string_view(spec.id.data(), spec.id.size()))) {
    return error(ErrorCode::kAlreadyExists, "store: \"%s\" already exists", spec.id);
  }
  if (auto s = check_location(spec); !s.ok()) return s;
  static_assert(limits::kMaxStores <= analytics::kMaxInternedId);  // dense metrics tables
  if (stores.size() >= limits::kMaxStores) {
    return limit_error("store", "stores", limits::kMaxStores);
  }
  auto compiled = hours::OpeningHours::create(spec.timezone, spec.hours);
  if (!compiled.ok()) return compiled.status();
  const auto idx = static_cast<Idx>(stores.size());
  Store& store = stores.emplace_back();
  store.spec = spec;
  store.hours = std::move(*compiled);
  set_location(store);
  store_ids.emplace(spec.id, idx);
  store_index_dirty = true;
  return absl::OkStatus();
}

absl::Status Core::update_store(Command& c) {
  if (!c.store_spec)
    return error(ErrorCode::kInvalidArgument, "store: the store fields are missing");
  auto s = find_store(c.store_spec->id);
  if (!s.ok()) return s.status();
  // Merge: the fields given replace, the others stay (docs/reference.md §11).
  hours::StoreSpec merged = stores[*s].spec;
  const hours::StoreSpec& given = *c.store_spec;
  const hours::StoreFieldsGiven& g = c.store_given;
  merged.timezone = given.timezone;
  if (g.name) merged.name = given.name;
  if (g.public_name) merged.public_name = given.public_name;
  if (g.address) merged.address = given.address;
  if (g.lat) merged.lat = given.lat;
  if (g.lon) merged.lon = given.lon;
  if (g.departments) merged.departments = given.departments;
  if (g.osm_hours) {
    merged.osm_hours = given.osm_hours;
    merged.hours = given.hours;
  } else if (g.hours || g.exceptions) {
    merged.osm_hours.reset();
    if (g.hours) merged.hours.weekly = given.hours.weekly;
    if (g.exceptions) merged.hours.exceptions = given.hours.exceptions;
  }
  if (auto st = check_location(merged); !st.ok()) return st;
  auto compiled = hours::OpeningHours::create(merged.timezone, merged.hours);
  if (!compiled.ok()) return compiled.status();

  Store& store = stores[*s];
  store.spec = merged;
  store.hours = std::move(*compiled);
  store.open_memo_from = 1;
  store.open_memo_until = 0;
  set_location(store);
  store_index_dirty = true;
  c.store_spec = merged;  // the journal records the whole merged store: same effect on replay
  c.store_given = hours::StoreFieldsGiven{
      true, true, true, true, true, true, true, true, merged.osm_hours.has_value()};
  cancel_timer(store.close_timer);
  if (!store.available.empty()) {
    if (store_open_memo(*s, now_ms)) {
      arm_store_close(*s);
    } else {
      on_store_close(*s, now_ms);  // new hours closed it now
    }
  }
  return absl::OkStatus();
}

absl::Status Core::deactivate_store(const Command& c) {
  auto s = find_store(c.store);
  if (!s.ok()) return s.status();
  Store& store = stores[*s];
  if (!store.active) return absl::OkStatus();
  // The store stops routing first, so that no replacement offer of a leaver goes to a
  // colleague of the same store (R-PIN-10).
  store.active = false;
  cancel_timer(store.close_timer);
  std::vector<Idx> leaving = store.available;
  std::sort(leaving.begin(), leaving.end(),
            [this](Idx a, Idx b) { return experts[a].id < experts[b].id; });
  for (Idx e : leaving) make_unavailable(e, now_ms, UnavailableReason::kStoreDeactivated);
  return absl::OkStatus();
}

// One closing timer per store, armed while someone is available there (R-AVAIL-2).
void Core::arm_store_close(Idx s) {
  Store& store = stores[s];
  if (store.close_timer != kNoTimer || !store.hours) return;
  const auto next = store.hours->next_change(from_epoch_ms(now_ms));
  if (!next) return;  // open for the next 400 days: re-armed when someone goes available
  // Past year 9999 the clock never gets there (a recurring timer, so not clamped).
  if (to_epoch_ms(*next) > kMaxEpochMs) return;
  store.close_timer = add_timer(to_epoch_ms(*next), TimerKind::kStoreClose, s);
}

void Core::on_store_close(Idx s, std::int64_t at_ms) {
  if (stores[s].available.empty()) return;
  if (store_open_memo(s, at_ms)) {
    arm_store_close(s);
    return;
  }
  std::vector<Idx> leaving = stores[s].available;
  std::sort(leaving.begin(), leaving.end(),
            [this](Idx a, Idx b) { return experts[a].id < experts[b].id; });
  for (Idx e : leaving) make_unavailable(e, at_ms, UnavailableReason::kStoreClosed);
}

}  // namespace vshop::engine_detail
