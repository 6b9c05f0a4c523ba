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

// What the host knows of an expert now: their store's id ("" for none) and how many contacts
// they hold (R-CONTACT-2).
struct ExpertInfo {
  std::string store;
  std::uint64_t contacts = 0;
};
using ExpertLookup = std::function<ExpertInfo(ExpertId expert)>;

// Header line (CSV) then, per expert with activity in the range or contacts (by name): one
// `active_days` line, one `sales` line per currency, and a `contacts` line with the number of
// contacts the expert holds now (contacts carry no date: the count is not limited to the range).
std::string export_data(const MetricsBook& book, const DateRange& range, ExportFormat format,
                        const ReportNames& names, const ExpertLookup& expert);

// One CSV field: quoted (inner quotes doubled) when it holds a comma, quote, semicolon or newline.
std::string csv_field(std::string_view value);

}  // namespace vshop::analytics
