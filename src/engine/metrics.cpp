// The engine's side of R-METRIC-1: host-facing metrics queries (string ids resolved to the
// interned ids the MetricsBook is keyed by) and the whole-history report of `vshop simulate
// --report`. The book itself is fed where each transition happens (chats.cpp, routing.cpp,
// experts.cpp, transfers.cpp).
#include <cassert>

#include "analytics/report.hpp"
#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;

namespace engine_detail {

void Core::fed(const absl::Status& status) {
  assert(status.ok() && "MetricsBook rejected an engine transition");
  (void)status;
}

analytics::StoreId Core::metrics_store(Idx expert) const { return experts[expert].store; }

}  // namespace engine_detail

namespace {

absl::StatusOr<analytics::Scope> resolve(const Core& core, const MetricsScope& scope) {
  switch (scope.kind) {
    case analytics::Scope::Kind::kMerchant:
      return analytics::Scope::merchant();
    case analytics::Scope::Kind::kStore: {
      auto s = core.find_store(scope.id, "store");
      if (!s.ok()) return s.status();
      return analytics::Scope::store(*s);
    }
    case analytics::Scope::Kind::kExpert: {
      auto e = core.find_expert(scope.id, "expert");
      if (!e.ok()) return e.status();
      return analytics::Scope::expert(*e);
    }
  }
  return error(ErrorCode::kInvalidArgument, "scope: unknown kind");
}

// Query bounds within years 0001..9999 (the instants the engine knows).
absl::Status check_range(Instant from, Instant to) {
  if (auto f = instant_from_ms(to_epoch_ms(from), "from"); !f.ok()) return f.status();
  if (auto t = instant_from_ms(to_epoch_ms(to), "to"); !t.ok()) return t.status();
  return absl::OkStatus();
}

// The range a whole-history report covers: every recorded day, or today when nothing was.
// The host id of an interned store / expert ("" when out of range).
std::string store_name(const Core& core, std::uint32_t index) {
  return index < core.stores.size() ? core.stores[index].spec.id : std::string();
}
std::string expert_name(const Core& core, std::uint32_t index) {
  return index < core.experts.size() ? core.experts[index].id : std::string();
}

analytics::DateRange whole_history(const Core& core) {
  if (auto days = core.metrics.recorded_days()) return *days;
  const auto today = core.metrics.local_date(from_epoch_ms(core.now_ms));
  return {today, today};
}

}  // namespace

absl::StatusOr<analytics::Metrics> Engine::metrics(const MetricsScope& scope, Instant from,
                                                   Instant to) const {
  if (auto r = check_range(from, to); !r.ok()) return r;
  auto s = resolve(*core_, scope);
  if (!s.ok()) return s.status();
  return core_->metrics.query(*s, from, to);
}

absl::StatusOr<std::vector<analytics::DailyMetrics>> Engine::daily_metrics(
    const MetricsScope& scope, Instant from, Instant to) const {
  if (auto r = check_range(from, to); !r.ok()) return r;
  auto s = resolve(*core_, scope);
  if (!s.ok()) return s.status();
  return core_->metrics.daily(*s, from, to);
}

std::string Engine::metrics_report_text() const {
  const Core& core = *core_;
  return analytics::format_report_text(
      core.metrics, whole_history(core), [&core](std::uint32_t i) { return store_name(core, i); },
      [&core](std::uint32_t i) { return expert_name(core, i); });
}

std::string Engine::metrics_report_json() const {
  const Core& core = *core_;
  JsonWriter out;
  analytics::write_report_json(
      out, core.metrics, whole_history(core),
      [&core](std::uint32_t i) { return store_name(core, i); },
      [&core](std::uint32_t i) { return expert_name(core, i); });
  return out.take();
}

}  // namespace vshop
