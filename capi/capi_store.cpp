// vshop_store: the opening hours of one store document (R-HOURS-1..5) and their queries.
#include <memory>

#include "capi_handles.hpp"
#include "conv.hpp"
#include "vshop/hours/store.hpp"

using namespace vshop::capi;  // NOLINT(google-build-using-namespace): this file implements it

extern "C" {

vshop_status vshop_store_new(vshop_store** out, const char* json, size_t len) {
  return guarded_new([&]() -> absl::Status {
    if (out != nullptr) *out = nullptr;
    if (auto s = require(out, "out"); !s.ok()) return s;
    auto text = text_in(json, len, "json");
    if (!text.ok()) return text.status();
    auto spec = vshop::hours::parse_store_json(*text);
    if (!spec.ok()) return spec.status();
    auto hours = vshop::hours::OpeningHours::create(spec->timezone, std::move(spec->hours));
    if (!hours.ok()) return hours.status();
    *out = std::make_unique<vshop_store>(std::move(*hours)).release();
    return absl::OkStatus();
  });
}

void vshop_store_free(vshop_store* store) { delete store; }

const char* vshop_store_last_error(const vshop_store* store) {
  return store == nullptr ? vshop_last_error() : store->last_error.c_str();
}

vshop_status vshop_store_is_open(vshop_store* store, int64_t at_ms, int* out_open) {
  return guarded(store, "vshop_store_is_open", [&]() -> absl::Status {
    if (auto s = require(out_open, "out_open"); !s.ok()) return s;
    auto at = instant_in(at_ms, "at_ms");
    if (!at.ok()) return at.status();
    *out_open = store->hours.is_open(*at) ? 1 : 0;
    return absl::OkStatus();
  });
}

vshop_status vshop_store_next_change(vshop_store* store, int64_t at_ms, int64_t* out_ms,
                                     int* out_has) {
  return guarded(store, "vshop_store_next_change", [&]() -> absl::Status {
    if (auto s = require(out_ms, "out_ms"); !s.ok()) return s;
    if (auto s = require(out_has, "out_has"); !s.ok()) return s;
    auto at = instant_in(at_ms, "at_ms");
    if (!at.ok()) return at.status();
    const auto change = store->hours.next_change(*at);
    *out_has = change.has_value() ? 1 : 0;
    *out_ms = change ? vshop::to_epoch_ms(*change) : 0;
    return absl::OkStatus();
  });
}

vshop_status vshop_store_open_intervals(vshop_store* store, int64_t from_ms, int64_t to_ms,
                                        const vshop_interval** out, size_t* out_len) {
  return guarded(store, "vshop_store_open_intervals", [&]() -> absl::Status {
    if (auto s = require(out, "out"); !s.ok()) return s;
    if (auto s = require(out_len, "out_len"); !s.ok()) return s;
    auto from = instant_in(from_ms, "from_ms");
    if (!from.ok()) return from.status();
    auto to = instant_in(to_ms, "to_ms");
    if (!to.ok()) return to.status();
    auto intervals = store->hours.open_intervals(*from, *to);
    if (!intervals.ok()) return intervals.status();
    store->intervals.clear();
    for (const auto& i : *intervals) {
      store->intervals.push_back({vshop::to_epoch_ms(i.open), vshop::to_epoch_ms(i.close)});
    }
    *out = store->intervals.empty() ? nullptr : store->intervals.data();
    *out_len = store->intervals.size();
    return absl::OkStatus();
  });
}

}  // extern "C"
