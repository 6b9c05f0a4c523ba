#include "analytics/report.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "date/date.h"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

struct Row {
  std::string kind;  // merchant, store, expert
  std::string name;
  Metrics metrics;
};

bool has_activity(const Metrics& m) {
  return m.initiated != 0 || m.claimed != 0 || m.missed != 0 || m.taken != 0 ||
         m.transfers_in != 0 || m.available_associates != 0 || m.ratings != 0 || m.orders != 0 ||
         m.unattributed_orders != 0;
}

// Rows of one scope kind with activity in the range, sorted by host name then id.
std::vector<Row> scope_rows(const MetricsBook& book, Scope::Kind kind,
                            const std::vector<std::uint32_t>& ids, const NameLookup& name_of,
                            date::year_month_day first, date::year_month_day last) {
  struct Keyed {
    std::string name;
    std::uint32_t id;
    Metrics m;
  };
  std::vector<Keyed> keyed;
  for (std::uint32_t id : ids) {
    Metrics m = book.query_days(Scope{kind, id}, first, last);
    if (!has_activity(m)) continue;
    keyed.push_back({name_of ? name_of(id) : std::to_string(id), id, std::move(m)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  std::vector<Row> rows;
  const char* label = kind == Scope::Kind::kStore ? "store" : "expert";
  for (Keyed& k : keyed) rows.push_back(Row{label, std::move(k.name), std::move(k.m)});
  return rows;
}

std::string seconds(const std::optional<Duration>& d) {
  if (!d) return "-";
  return format_ratio(static_cast<std::uint64_t>(d->count()), 1000, 1, false) + " s";
}

std::string or_dash(std::string s) { return s.empty() ? "-" : s; }

std::string money_list(const Metrics& m, bool average) {
  std::string out;
  for (const CurrencyMetrics& c : m.currencies) {
    if (!out.empty()) out += ", ";
    out += (average ? c.average() : c.gross()) + " " + std::string(c.code);
  }
  return out.empty() ? "-" : out;
}

constexpr std::size_t kColumns = 14;
using Cells = std::array<std::string, kColumns>;

Cells cells(const Row& r) {
  const Metrics& m = r.metrics;
  return {r.kind,
          r.name,
          std::to_string(m.initiated),
          std::to_string(m.claimed),
          or_dash(format_ratio(m.claimed, m.initiated, 1, true)),
          std::to_string(m.missed),
          or_dash(format_ratio(m.initiated, m.available_associates, 1, false)),
          or_dash(format_ratio(m.rating_sum, m.ratings, 2, false)),
          std::to_string(m.orders),
          money_list(m, false),
          money_list(m, true),
          or_dash(format_ratio(m.converted, m.engaged(), 1, true)),
          seconds(m.response_median),
          seconds(m.response_p90)};
}

using Range = DateRange;

absl::StatusOr<Range> range_of(const MetricsBook& book, Instant from, Instant to) {
  if (to <= from) {
    return error(ErrorCode::kInvalidArgument, "to: %s is not after from %s", format_instant(to),
                 format_instant(from));
  }
  return Range{book.local_date(from), book.local_date(to - Duration{1})};
}

std::vector<Row> all_rows(const MetricsBook& book, const Range& r, const NameLookup& store_name,
                          const NameLookup& expert_name) {
  std::vector<Row> rows;
  rows.push_back(Row{"merchant", "", book.query_days(Scope::merchant(), r.first, r.last)});
  for (Row& row :
       scope_rows(book, Scope::Kind::kStore, book.stores(), store_name, r.first, r.last)) {
    rows.push_back(std::move(row));
  }
  for (Row& row :
       scope_rows(book, Scope::Kind::kExpert, book.experts(), expert_name, r.first, r.last)) {
    rows.push_back(std::move(row));
  }
  return rows;
}

// Fixed-point JSON number (already formatted by format_ratio) or null.
void fixed(JsonWriter& out, std::string_view name, const std::string& value) {
  out.key(name);
  if (value.empty()) {
    out.null();
  } else {
    out.raw(value);
  }
}

void duration_ms(JsonWriter& out, std::string_view name, const std::optional<Duration>& d) {
  out.key(name);
  if (d) {
    out.integer(d->count());
  } else {
    out.null();
  }
}

}  // namespace

std::string format_report_text(const MetricsBook& book, const DateRange& days,
                               const NameLookup& store_name, const NameLookup& expert_name) {
  const DateRange* range = &days;
  std::vector<Cells> table;
  table.push_back(Cells{"scope", "name", "initiated", "claimed", "claimed %", "missed",
                        "chats/assoc.", "rating", "orders", "gross", "avg order", "conversion %",
                        "resp. median", "resp. p90"});
  for (const Row& row : all_rows(book, *range, store_name, expert_name)) {
    table.push_back(cells(row));
  }
  std::array<std::size_t, kColumns> width{};
  for (const Cells& c : table) {
    for (std::size_t i = 0; i < kColumns; ++i) width[i] = std::max(width[i], c[i].size());
  }
  std::string out = "Analytics " + date::format("%F", range->first) + " .. " +
                    date::format("%F", range->last) + " (" + book.reporting_timezone() + ")\n";
  for (const Cells& c : table) {
    std::string line;
    for (std::size_t i = 0; i < kColumns; ++i) {
      if (i != 0) line += "  ";
      const std::string pad(width[i] - c[i].size(), ' ');
      line += i < 2 ? c[i] + pad : pad + c[i];  // text left, numbers right
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

absl::StatusOr<std::string> format_report_text(const MetricsBook& book, Instant from, Instant to,
                                               const NameLookup& store_name,
                                               const NameLookup& expert_name) {
  auto range = range_of(book, from, to);
  if (!range.ok()) return range.status();
  return format_report_text(book, *range, store_name, expert_name);
}

void write_metrics_json(JsonWriter& out, const Metrics& m, bool merchant) {
  out.key("initiated").integer(static_cast<std::int64_t>(m.initiated));
  out.key("claimed").integer(static_cast<std::int64_t>(m.claimed));
  fixed(out, "claimed_pct", format_ratio(m.claimed, m.initiated, 1, true));
  out.key("missed").integer(static_cast<std::int64_t>(m.missed));
  out.key("taken").integer(static_cast<std::int64_t>(m.taken));
  out.key("transfers_in").integer(static_cast<std::int64_t>(m.transfers_in));
  out.key("available_associates").integer(static_cast<std::int64_t>(m.available_associates));
  fixed(out, "chats_per_associate", format_ratio(m.initiated, m.available_associates, 2, false));
  out.key("ratings").integer(static_cast<std::int64_t>(m.ratings));
  fixed(out, "average_rating", format_ratio(m.rating_sum, m.ratings, 2, false));
  out.key("orders").integer(static_cast<std::int64_t>(m.orders));
  if (merchant) {
    out.key("unattributed_orders").integer(static_cast<std::int64_t>(m.unattributed_orders));
  }
  out.key("sales");
  out.begin_array();
  for (const CurrencyMetrics& c : m.currencies) {
    out.begin_object();
    out.key("currency").string(c.code);
    out.key("orders").integer(static_cast<std::int64_t>(c.orders));
    out.key("gross").string(c.gross());
    out.key("average").string(c.average());
    out.end_object();
  }
  out.end_array();
  out.key("converted").integer(static_cast<std::int64_t>(m.converted));
  out.key("engaged").integer(static_cast<std::int64_t>(m.engaged()));
  fixed(out, "conversion_pct", format_ratio(m.converted, m.engaged(), 1, true));
  duration_ms(out, "response_median_ms", m.response_median);
  duration_ms(out, "response_p90_ms", m.response_p90);
}

void write_report_json(JsonWriter& out, const MetricsBook& book, const DateRange& days,
                       const NameLookup& store_name, const NameLookup& expert_name) {
  const DateRange* range = &days;
  const std::vector<Row> rows = all_rows(book, *range, store_name, expert_name);
  out.begin_object();
  out.key("from").string(date::format("%F", range->first));
  out.key("to").string(date::format("%F", range->last));
  out.key("reporting_timezone").string(book.reporting_timezone());
  out.key("merchant");
  out.begin_object();
  write_metrics_json(out, rows.front().metrics, true);
  out.end_object();
  for (const char* kind : {"store", "expert"}) {
    out.key(std::string(kind) + "s");
    out.begin_array();
    for (const Row& row : rows) {
      if (row.kind != kind) continue;
      out.begin_object();
      out.key(kind).string(row.name);
      write_metrics_json(out, row.metrics, false);
      out.end_object();
    }
    out.end_array();
  }
  out.end_object();
}

absl::Status write_report_json(JsonWriter& out, const MetricsBook& book, Instant from, Instant to,
                               const NameLookup& store_name, const NameLookup& expert_name) {
  auto range = range_of(book, from, to);
  if (!range.ok()) return range.status();
  write_report_json(out, book, *range, store_name, expert_name);
  return absl::OkStatus();
}

}  // namespace vshop::analytics
