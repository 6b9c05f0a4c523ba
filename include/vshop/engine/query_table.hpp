// Every engine query by name, with text arguments and a canonical JSON answer: the one table
// that `vshop query`, the C ABI (vshop_engine_query) and Python (Engine.query) go through, so a
// new query is one row here (docs/reference.md §12).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "vshop/engine/engine.hpp"
#include "vshop/export.hpp"

namespace vshop {

struct QueryInfo {
  std::string_view name;
  std::string_view usage;  // its arguments, e.g. "CHAT EXPERT" ([NOW] = optional)
  std::string_view summary;
};

// The queries, in name order.
VSHOP_API const std::vector<QueryInfo>& query_list();

// Runs query `name` on `engine` with `args` (an optional NOW, RFC 3339 or epoch milliseconds,
// defaults to the engine's time). Returns its canonical JSON answer (one line, no newline).
// invalid_argument naming the query or the argument for an unknown query, a missing, extra or
// malformed argument; the query's own error (not_found naming the id, ...) otherwise.
VSHOP_API absl::StatusOr<std::string> run_query(const Engine& engine, std::string_view name,
                                                const std::vector<std::string>& args);

// Canonical JSON of the answers (the forms run_query prints; ids absent as null).
VSHOP_API std::string to_json(const ExpertView& expert);
VSHOP_API std::string to_json(const ChatView& chat);
VSHOP_API std::string to_json(const std::vector<StoreCandidates>& candidates);
VSHOP_API std::string to_json(WidgetState state);  // {"state": ...}
VSHOP_API std::string to_json(const ShopperContext& context);
VSHOP_API std::string to_json(const WidgetExplanation& explanation);
VSHOP_API std::string to_json(const ExpertExplanation& explanation);
VSHOP_API std::string to_json(const PurchaseExplanation& explanation);
VSHOP_API std::string to_json(const QueueStatus& status);
VSHOP_API std::string to_json(const NextOpening& opening);

// A widget page and rules from one JSON object: the WidgetQuery fields (`page_url`,
// `page_type`, `shopper`, `country`, `city`, `postal_code`, `ip`) and an optional `rules`
// object (`page_types`, `allow_urls`, `deny_urls`, `geo`: [{field, value, result}]).
// invalid_argument naming the field.
VSHOP_API absl::Status parse_widget_json(std::string_view json, WidgetQuery& query,
                                         WidgetRules& rules);

}  // namespace vshop
