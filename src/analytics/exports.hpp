// The Dashboard's exports (docs/metrics.md, "Exports") as CSV or JSON Lines: pure functions of a
// MetricsBook, a range of reporting days and the host's names for interned ids.
//   Export Chats: one record per chat requested in the range.
//   Export Data:  per expert, the sales per currency and the active days of the range.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "analytics/metrics_book.hpp"
#include "analytics/report.hpp"

namespace vshop::analytics {

// What the host knows of a chat: its id, shopper id and current state name.
struct ChatInfo {
  std::string id;
  std::string shopper;
  std::string state;
};
using ChatLookup = std::function<ChatInfo(ChatId chat)>;

// Header line (CSV) then one line per chat, in request order: chat, shopper, requested_at,
// answered_at, store (owner, docs/metrics.md), experts (who held it, in order), state, outcome,
// rating, orders, sales (per currency).
std::string export_chats(const MetricsBook& book, const DateRange& range, ExportFormat format,
                         const ReportNames& names, const ChatLookup& chat);

// Header line (CSV) then, per expert with activity (by name): one `active_days` line, and one
// `sales` line per currency. `store_of` is the expert's current store.
std::string export_data(const MetricsBook& book, const DateRange& range, ExportFormat format,
                        const ReportNames& names,
                        const std::function<std::string(ExpertId)>& store_of);

// One CSV field: quoted (inner quotes doubled) when it holds a comma, quote, semicolon or newline.
std::string csv_field(std::string_view value);

}  // namespace vshop::analytics
