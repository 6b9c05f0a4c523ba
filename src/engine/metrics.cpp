// The engine's side of R-METRIC-1: host-facing metrics queries (string ids resolved to the
// interned ids the MetricsBook is keyed by) and the whole-history report of `vshop simulate
// --report`. The book itself is fed where each transition happens (chats.cpp, routing.cpp,
// experts.cpp, transfers.cpp).
#include <algorithm>
#include <cassert>

#include "analytics/exports.hpp"
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

// Bound on the per-day rows of a report (ten years), as for daily_metrics.
constexpr int kMaxReportDays = 3660;

// The experts whose current team is `team`, in id order (an empty team name is no team).
std::vector<analytics::ExpertId> team_members(const Core& core, std::string_view team) {
  std::vector<analytics::ExpertId> out;
  if (team.empty()) return out;
  for (std::size_t i = 0; i < core.experts.size(); ++i) {
    if (core.experts[i].team == team) out.push_back(static_cast<analytics::ExpertId>(i));
  }
  return out;
}

// Every team with its members, sorted by name.
std::vector<analytics::TeamMembers> all_teams(const Core& core) {
  std::vector<analytics::TeamMembers> teams;
  for (std::size_t i = 0; i < core.experts.size(); ++i) {
    const std::string& team = core.experts[i].team;
    if (team.empty()) continue;
    auto it = std::find_if(teams.begin(), teams.end(),
                           [&](const analytics::TeamMembers& t) { return t.name == team; });
    if (it == teams.end()) it = teams.insert(teams.end(), {team, {}});
    it->experts.push_back(static_cast<analytics::ExpertId>(i));
  }
  std::sort(teams.begin(), teams.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return teams;
}

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
    case analytics::Scope::Kind::kTeam:
      if (team_members(core, scope.id).empty()) {
        return error(ErrorCode::kNotFound, "team: no expert is in team \"%s\"", scope.id);
      }
      return analytics::Scope{analytics::Scope::Kind::kTeam, 0};
  }
  return error(ErrorCode::kInvalidArgument, "scope: unknown kind");
}

// Query bounds within years 0001..9999 (the instants the engine knows).
absl::Status check_range(Instant from, Instant to) {
  if (auto f = instant_from_ms(to_epoch_ms(from), "from"); !f.ok()) return f.status();
  if (auto t = instant_from_ms(to_epoch_ms(to), "to"); !t.ok()) return t.status();
  return absl::OkStatus();
}

// The host id of an interned store / expert ("" when out of range).
std::string store_name(const Core& core, std::uint32_t index) {
  return index < core.stores.size() ? core.stores[index].spec.id : std::string();
}
std::string expert_name(const Core& core, std::uint32_t index) {
  return index < core.experts.size() ? core.experts[index].id : std::string();
}

analytics::ReportNames report_names(const Core& core) {
  return {[&core](std::uint32_t i) { return store_name(core, i); },
          [&core](std::uint32_t i) { return expert_name(core, i); }, all_teams(core)};
}

// The range a whole-history report covers: every recorded day, or today when nothing was.
analytics::DateRange whole_history(const Core& core) {
  if (auto days = core.metrics.recorded_days()) return *days;
  const auto today = core.metrics.local_date(from_epoch_ms(core.now_ms));
  return {today, today};
}

// A team's figures over the local dates of [from, to).
analytics::Metrics team_metrics(const Core& core, std::string_view team, Instant from, Instant to) {
  return core.metrics.query_team_days(team_members(core, team), core.metrics.local_date(from),
                                      core.metrics.local_date(to - Duration{1}));
}

}  // namespace

absl::StatusOr<analytics::Metrics> Engine::metrics(const MetricsScope& scope, Instant from,
                                                   Instant to) const {
  if (auto r = check_range(from, to); !r.ok()) return r;
  auto s = resolve(*core_, scope);
  if (!s.ok()) return s.status();
  if (s->kind == analytics::Scope::Kind::kTeam) {
    if (auto q = core_->metrics.query(analytics::Scope::merchant(), from, to); !q.ok()) {
      return q.status();  // the same range checks
    }
    return team_metrics(*core_, scope.id, from, to);
  }
  return core_->metrics.query(*s, from, to);
}

absl::StatusOr<std::vector<analytics::DailyMetrics>> Engine::daily_metrics(
    const MetricsScope& scope, Instant from, Instant to) const {
  if (auto r = check_range(from, to); !r.ok()) return r;
  auto s = resolve(*core_, scope);
  if (!s.ok()) return s.status();
  if (s->kind != analytics::Scope::Kind::kTeam) return core_->metrics.daily(*s, from, to);
  auto days = core_->metrics.daily(analytics::Scope::merchant(), from, to);  // range checks
  if (!days.ok()) return days.status();
  const auto members = team_members(*core_, scope.id);
  for (analytics::DailyMetrics& d : *days) {
    d.metrics = core_->metrics.query_team_days(members, d.day, d.day);
  }
  return days;
}

std::string Engine::metrics_report_text() const { return *metrics_report(MetricsReportRequest{}); }

std::string Engine::metrics_report_json() const {
  MetricsReportRequest request;
  request.json = true;
  return *metrics_report(request);
}

namespace {

// The dates a report or export covers: from..to, each defaulting to the recorded history.
absl::StatusOr<analytics::DateRange> dates_of(const Core& core,
                                              const std::optional<analytics::LocalDate>& from,
                                              const std::optional<analytics::LocalDate>& to) {
  analytics::DateRange range = whole_history(core);
  if (from) range.first = *from;
  if (to) range.last = *to;
  if (!range.first.ok() || !range.last.ok()) {
    return error(ErrorCode::kInvalidArgument, "%s: not a valid date",
                 range.first.ok() ? "to" : "from");
  }
  if (date::sys_days{range.last} < date::sys_days{range.first}) {
    return error(ErrorCode::kInvalidArgument, "to: %s is before from %s",
                 date::format("%F", range.last), date::format("%F", range.first));
  }
  return range;
}

}  // namespace

absl::StatusOr<std::string> Engine::metrics_report(const MetricsReportRequest& request) const {
  const Core& core = *core_;
  auto dates = dates_of(core, request.from, request.to);
  if (!dates.ok()) return dates.status();
  const analytics::ReportRange range{*dates, whole_history(core), request.daily};
  const auto first = date::sys_days{range.range.first}, last = date::sys_days{range.range.last};
  if (request.daily && (last - first).count() >= kMaxReportDays) {
    return error(ErrorCode::kInvalidArgument, "daily: %d days is over the limit of %d",
                 (last - first).count() + 1, kMaxReportDays);
  }
  const analytics::ReportNames names = report_names(core);
  if (!request.json) return analytics::format_report_text(core.metrics, range, names);
  JsonWriter out;
  analytics::write_report_json(out, core.metrics, range, names);
  return out.take();
}

absl::StatusOr<std::string> Engine::export_chats(const ExportRequest& request) const {
  const Core& core = *core_;
  auto dates = dates_of(core, request.from, request.to);
  if (!dates.ok()) return dates.status();
  return analytics::export_chats(
      core.metrics, *dates, request.format, report_names(core),
      [&core](analytics::ChatId c) -> analytics::ChatInfo {
        if (c >= core.chats.size()) return {};
        const engine_detail::Chat& chat = core.chats[c];
        const std::string shopper =
            chat.shopper < core.shoppers.size() ? core.shoppers[chat.shopper].id : std::string();
        return {chat.id, shopper, std::string(chat_state_name(chat.state))};
      });
}

absl::StatusOr<std::string> Engine::export_data(const ExportRequest& request) const {
  const Core& core = *core_;
  auto dates = dates_of(core, request.from, request.to);
  if (!dates.ok()) return dates.status();
  return analytics::export_data(
      core.metrics, *dates, request.format, report_names(core),
      [&core](analytics::ExpertId e) -> analytics::ExpertInfo {
        if (e >= core.experts.size()) return {};
        const Idx store = core.experts[e].store;
        const auto first = core.address_book.lower_bound({e, 0});
        const auto last = core.address_book.lower_bound({e + 1, 0});
        return {store == engine_detail::kNone ? std::string() : store_name(core, store),
                static_cast<std::uint64_t>(std::distance(first, last))};
      });
}

}  // namespace vshop
