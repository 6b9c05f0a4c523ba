// Report formatting for `vshop simulate --report` (text table) and `--report=json`: pure
// functions of a MetricsBook, a range and the host's names for interned ids. Every figure is
// defined in docs/metrics.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analytics/metrics_book.hpp"
#include "core/json_writer.hpp"

namespace vshop::analytics {

// The host's string id of an interned store or expert id.
using NameLookup = std::function<std::string(std::uint32_t id)>;

// A team (R-EXP-2): its name and its current members.
struct TeamMembers {
  std::string name;
  std::vector<ExpertId> experts;
};

// What the host knows that the book does not: names and teams.
struct ReportNames {
  NameLookup store_name;
  NameLookup expert_name;
  std::vector<TeamMembers> teams;  // in any order (rows are sorted by name)
};

// What a report covers: `range` (inclusive local dates), the book's whole history `all_time`
// (shown beside the range when they differ), and optionally one merchant row per day.
struct ReportRange {
  DateRange range;
  DateRange all_time;
  bool daily = false;
};

// A readable table: the merchant row, the merchant-only row (chats missed with no offer), then
// one row per store, team and expert with activity (sorted by name, then id); then the all-time
// table when the range is not the whole history, and the daily merchant rows when asked.
std::string format_report_text(const MetricsBook& book, const ReportRange& range,
                               const ReportNames& names);

// The same as one canonical JSON object (money as decimal strings, ratios as fixed-point
// numbers, deterministic key and row order); each row carries its `all_time` figures.
void write_report_json(JsonWriter& out, const MetricsBook& book, const ReportRange& range,
                       const ReportNames& names);

// One metrics object as written inside the JSON report (`kind` decides which figures apply).
void write_metrics_json(JsonWriter& out, const Metrics& m, ScopeKind kind);

}  // namespace vshop::analytics
