#include "analytics/exports.hpp"

#include <algorithm>
#include <vector>

#include "date/date.h"
#include "vshop/time.hpp"

namespace vshop::analytics {
namespace {

const char* outcome_name(ChatOutcome o) {
  switch (o) {
    case ChatOutcome::kClaimed:
      return "claimed";
    case ChatOutcome::kMissed:
      return "missed";
    case ChatOutcome::kTaken:
      return "taken";
    case ChatOutcome::kAwaiting:
      break;
  }
  return "awaiting";
}

std::string instant_text(std::int64_t ms) {
  return ms < 0 ? "" : format_instant(from_epoch_ms(ms));
}

// A row of named cells written as one CSV line or one JSON object; a cell is a string, an
// integer, null ("" with `null_when_empty`) or raw JSON with a CSV text.
struct Cell {
  std::string name;
  std::string text;  // the CSV text
  std::string json;  // the JSON value
};

Cell text_cell(std::string name, const std::string& value, bool null_when_empty = false) {
  JsonWriter w;
  if (null_when_empty && value.empty()) {
    w.null();
  } else {
    w.string(value);
  }
  return {std::move(name), value, w.take()};
}

Cell int_cell(std::string name, std::uint64_t value) {
  return {std::move(name), std::to_string(value), std::to_string(value)};
}

constexpr const char* kChatColumns =
    "chat,shopper,requested_at,answered_at,store,experts,state,outcome,rating,orders,sales\n";
constexpr const char* kDataColumns =
    "section,expert,store,active_days,currency,orders,gross,contacts\n";

void write_row(std::string& out, const std::vector<Cell>& row, ExportFormat format) {
  if (format == ExportFormat::kCsv) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      out += csv_field(row[i].text);
    }
  } else {
    out += '{';
    for (std::size_t i = 0; i < row.size(); ++i) {
      JsonWriter key;
      key.string(row[i].name);
      if (i) out += ',';
      out += key.take();
      out += ':';
      out += row[i].json;
    }
    out += '}';
  }
  out += '\n';
}

// "12.50 EUR;3.000 KWD" and its JSON form.
Cell sales_cell(const std::vector<CurrencyInfo>& currencies,
                const absl::InlinedVector<OrderTotal, 1>& orders) {
  std::vector<OrderTotal> sorted(orders.begin(), orders.end());
  std::sort(sorted.begin(), sorted.end(), [&](const OrderTotal& a, const OrderTotal& b) {
    return currencies[a.currency].code < currencies[b.currency].code;
  });
  std::string text;
  JsonWriter w;
  w.begin_array();
  for (const OrderTotal& o : sorted) {
    const CurrencyInfo& c = currencies[o.currency];
    const std::string gross = format_minor_units(o.gross_minor, c.exponent);
    text += (text.empty() ? "" : ";") + gross + " " + std::string(c.code);
    w.begin_object();
    w.key("currency").string(c.code);
    w.key("orders").integer(o.orders);
    w.key("gross").string(gross);
    w.end_object();
  }
  w.end_array();
  return {"sales", text, w.take()};
}

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\";\n\r") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string export_chats(const MetricsBook& book, const DateRange& range, ExportFormat format,
                         const ReportNames& names, const ChatLookup& chat) {
  std::string out = format == ExportFormat::kCsv ? kChatColumns : "";
  for (const auto& [id, record] :
       book.chat_log().range(MetricsBook::key_of(range.first), MetricsBook::key_of(range.last))) {
    const ChatRecord* r = &record;
    const ChatInfo info = chat(id);
    const std::uint32_t owner = !r->stores.empty() ? r->stores.front() : r->first_offer_store;
    std::string experts_text;
    JsonWriter experts;
    experts.begin_array();
    for (std::uint32_t e : r->experts) {
      const std::string name = names.expert_name(e);
      experts_text += (experts_text.empty() ? "" : ";") + name;
      experts.string(name);
    }
    experts.end_array();
    std::uint64_t orders = 0;
    for (const OrderTotal& o : r->orders) orders += o.orders;
    const std::vector<Cell> row = {
        text_cell("chat", info.id),
        text_cell("shopper", info.shopper),
        text_cell("requested_at", instant_text(r->requested_ms)),
        text_cell("answered_at", instant_text(r->answered_ms), true),
        text_cell("store", owner == 0xFFFFFFFFu ? "" : names.store_name(owner), true),
        Cell{"experts", experts_text, experts.take()},
        text_cell("state", info.state),
        text_cell("outcome", outcome_name(r->outcome)),
        r->rating == 0 ? Cell{"rating", "", "null"} : int_cell("rating", r->rating),
        int_cell("orders", orders),
        sales_cell(book.currencies(), r->orders)};
    write_row(out, row, format);
  }
  return out;
}

std::string export_data(const MetricsBook& book, const DateRange& range, ExportFormat format,
                        const ReportNames& names, const ExpertLookup& expert) {
  struct Named {
    std::string name;
    ExpertId id;
  };
  std::vector<Named> experts;
  for (ExpertId e : book.experts()) experts.push_back({names.expert_name(e), e});
  std::sort(experts.begin(), experts.end(), [](const Named& a, const Named& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  std::string out = format == ExportFormat::kCsv ? kDataColumns : "";
  for (const Named& e : experts) {
    const Metrics m = book.query_days(Scope::expert(e.id), range.first, range.last);
    const ExpertInfo info = expert(e.id);
    if (m.associate_days == 0 && m.orders == 0 && info.contacts == 0) continue;
    const auto row = [&](const char* section, std::string currency, std::uint64_t orders,
                         std::string gross, const Cell& contacts) {
      write_row(out,
                {text_cell("section", section), text_cell("expert", e.name),
                 text_cell("store", info.store, true), int_cell("active_days", m.associate_days),
                 text_cell("currency", currency, true), int_cell("orders", orders),
                 text_cell("gross", gross, true), contacts},
                format);
    };
    const Cell no_contacts = text_cell("contacts", "", true);
    row("active_days", "", m.orders, "", no_contacts);
    for (const CurrencyMetrics& c : m.currencies) {
      row("sales", std::string(c.code), c.orders, c.gross(), no_contacts);
    }
    if (info.contacts > 0) row("contacts", "", m.orders, "", int_cell("contacts", info.contacts));
  }
  return out;
}

}  // namespace vshop::analytics
