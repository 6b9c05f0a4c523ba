// Report formatting for `vshop simulate --report` (text table) and `--report=json`: pure
// functions of a MetricsBook, a range and the host's names for interned ids.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analytics/metrics_book.hpp"
#include "core/json_writer.hpp"

namespace vshop::analytics {

// The host's string id of an interned store or expert id.
using NameLookup = std::function<std::string(std::uint32_t id)>;

// A readable table: one merchant-wide row, then one row per store and per expert with any
// activity in the range (sorted by name, then id). Ratios are rounded half up; money is exact
// per currency. invalid_argument naming `to` when to <= from.
absl::StatusOr<std::string> format_report_text(const MetricsBook& book, Instant from, Instant to,
                                               const NameLookup& store_name,
                                               const NameLookup& expert_name);

// The same over local dates (e.g. `book.recorded_days()` for the whole history).
std::string format_report_text(const MetricsBook& book, const DateRange& days,
                               const NameLookup& store_name, const NameLookup& expert_name);

// The same as one canonical JSON object (money as decimal strings, ratios as fixed-point
// numbers, deterministic key and row order).
absl::Status write_report_json(JsonWriter& out, const MetricsBook& book, Instant from, Instant to,
                               const NameLookup& store_name, const NameLookup& expert_name);

void write_report_json(JsonWriter& out, const MetricsBook& book, const DateRange& days,
                       const NameLookup& store_name, const NameLookup& expert_name);

// One metrics object as written inside the JSON report.
void write_metrics_json(JsonWriter& out, const Metrics& m, bool merchant);

}  // namespace vshop::analytics
