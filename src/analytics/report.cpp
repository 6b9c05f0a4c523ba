#include "analytics/report.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "date/date.h"

namespace vshop::analytics {
namespace {

struct Row {
  ScopeKind kind;
  std::string name;
  std::uint32_t id = 0;  // store / expert id; index into ReportNames::teams for a team
  Metrics metrics;
};

bool has_activity(const Metrics& m) {
  return m.initiated != 0 || m.claimed != 0 || m.missed != 0 || m.offered != 0 || m.taken != 0 ||
         m.transfers_in != 0 || m.available_associates != 0 || m.ratings != 0 || m.orders != 0 ||
         m.unattributed_orders != 0;
}

const char* kind_label(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kStore:
      return "store";
    case ScopeKind::kExpert:
      return "expert";
    case ScopeKind::kTeam:
      return "team";
    case ScopeKind::kMerchant:
      break;
  }
  return "merchant";
}

Metrics row_metrics(const MetricsBook& book, const ReportNames& names, ScopeKind kind,
                    std::uint32_t id, const DateRange& r) {
  if (kind == ScopeKind::kTeam)
    return book.query_team_days(names.teams[id].experts, r.first, r.last);
  return book.query_days(Scope{kind, id}, r.first, r.last);
}

// Rows of one scope kind with activity in the range, sorted by host name then id.
void add_rows(std::vector<Row>& rows, const MetricsBook& book, const ReportNames& names,
              ScopeKind kind, const std::vector<std::uint32_t>& ids, const DateRange& r) {
  std::vector<Row> keyed;
  for (std::uint32_t id : ids) {
    Metrics m = row_metrics(book, names, kind, id, r);
    if (!has_activity(m)) continue;
    std::string name = kind == ScopeKind::kTeam ? names.teams[id].name
                       : kind == ScopeKind::kStore
                           ? (names.store_name ? names.store_name(id) : "")
                           : (names.expert_name ? names.expert_name(id) : "");
    if (name.empty()) name = std::to_string(id);
    keyed.push_back(Row{kind, std::move(name), id, std::move(m)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Row& a, const Row& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  for (Row& k : keyed) rows.push_back(std::move(k));
}

// The chats no store owns (requested, never offered): merchant minus the sum of the stores.
Metrics no_offer(const Metrics& merchant, const std::vector<Row>& rows) {
  Metrics m;
  m.initiated = merchant.initiated;
  m.missed = merchant.missed;
  for (const Row& r : rows) {
    if (r.kind != ScopeKind::kStore) continue;
    m.initiated -= r.metrics.initiated;
    m.missed -= r.metrics.missed;
  }
  return m;
}

std::vector<Row> all_rows(const MetricsBook& book, const ReportNames& names, const DateRange& r) {
  std::vector<Row> rows;
  rows.push_back(
      Row{ScopeKind::kMerchant, "", 0, book.query_days(Scope::merchant(), r.first, r.last)});
  add_rows(rows, book, names, ScopeKind::kStore, book.stores(), r);
  std::vector<std::uint32_t> teams(names.teams.size());
  for (std::uint32_t i = 0; i < teams.size(); ++i) teams[i] = i;
  add_rows(rows, book, names, ScopeKind::kTeam, teams, r);
  add_rows(rows, book, names, ScopeKind::kExpert, book.experts(), r);
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

constexpr std::size_t kColumns = 18;
using Cells = std::array<std::string, kColumns>;

const Cells kHeader = {"scope",
                       "name",
                       "initiated",
                       "claimed",
                       "claimed %",
                       "missed",
                       "offered",
                       "offers claimed %",
                       "chats/assoc./day",
                       "rating",
                       "orders",
                       "unattributed",
                       "gross",
                       "avg order",
                       "converted/engaged",
                       "conversion %",
                       "resp. median",
                       "resp. p90"};

Cells cells(const std::string& kind, const std::string& name, const Metrics& m, ScopeKind scope) {
  const bool merchant = scope == ScopeKind::kMerchant;
  const bool offers = scope == ScopeKind::kStore || scope == ScopeKind::kExpert;
  return {kind,
          name,
          std::to_string(m.initiated),
          std::to_string(m.claimed),
          or_dash(format_ratio(m.claimed, m.initiated, 1, true)),
          std::to_string(m.missed),
          offers ? std::to_string(m.offered) : "-",
          offers ? or_dash(format_ratio(m.claimed, m.offered, 1, true)) : "-",
          scope == ScopeKind::kExpert
              ? "-"
              : or_dash(format_ratio(m.initiated, m.associate_days, 1, false)),
          or_dash(format_ratio(m.rating_sum, m.ratings, 2, false)),
          std::to_string(m.orders),
          merchant ? std::to_string(m.unattributed_orders) : "-",
          money_list(m, false),
          money_list(m, true),
          std::to_string(m.converted) + "/" + std::to_string(m.engaged()),
          or_dash(format_ratio(m.converted, m.engaged(), 1, true)),
          seconds(m.response_median),
          seconds(m.response_p90)};
}

// The no-offer row shows only what applies to it.
Cells no_offer_cells(const Metrics& m) {
  Cells c;
  c.fill("-");
  c[0] = "merchant";
  c[1] = "(no offer)";
  c[2] = std::to_string(m.initiated);
  c[3] = "0";
  c[5] = std::to_string(m.missed);
  return c;
}

std::string format_table(const std::vector<Cells>& table) {
  std::array<std::size_t, kColumns> width{};
  for (const Cells& c : table) {
    for (std::size_t i = 0; i < kColumns; ++i) width[i] = std::max(width[i], c[i].size());
  }
  std::string out;
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

std::string range_title(const std::string& what, const DateRange& r, const MetricsBook& book) {
  return what + " " + date::format("%F", r.first) + " .. " + date::format("%F", r.last) + " (" +
         book.reporting_timezone() + ")\n";
}

std::string rows_table(const MetricsBook& book, const ReportNames& names, const DateRange& r) {
  const std::vector<Row> rows = all_rows(book, names, r);
  std::vector<Cells> table{kHeader};
  table.push_back(cells("merchant", "", rows.front().metrics, ScopeKind::kMerchant));
  const Metrics unowned = no_offer(rows.front().metrics, rows);
  if (unowned.initiated != 0) table.push_back(no_offer_cells(unowned));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    table.push_back(cells(kind_label(rows[i].kind), rows[i].name, rows[i].metrics, rows[i].kind));
  }
  return format_table(table);
}

bool same_range(const DateRange& a, const DateRange& b) {
  return a.first == b.first && a.last == b.last;
}

DateRange one_day(date::sys_days d) {
  const date::year_month_day ymd{d};
  return {ymd, ymd};
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

void count(JsonWriter& out, std::string_view name, std::uint64_t n) {
  out.key(name).integer(static_cast<std::int64_t>(n));
}

}  // namespace

std::string format_report_text(const MetricsBook& book, const ReportRange& range,
                               const ReportNames& names) {
  std::string out = range_title("Analytics", range.range, book);
  out += rows_table(book, names, range.range);
  if (!same_range(range.range, range.all_time)) {
    out += "\n" + range_title("All time", range.all_time, book);
    out += rows_table(book, names, range.all_time);
  }
  if (range.daily) {
    out += "\n" + range_title("Daily (merchant)", range.range, book);
    std::vector<Cells> table{kHeader};
    table.front()[1] = "day";
    for (date::sys_days d = range.range.first; d <= date::sys_days{range.range.last};
         d += date::days{1}) {
      const DateRange r = one_day(d);
      table.push_back(cells("merchant", date::format("%F", d),
                            book.query_days(Scope::merchant(), r.first, r.last),
                            ScopeKind::kMerchant));
    }
    out += format_table(table);
  }
  return out;
}

void write_metrics_json(JsonWriter& out, const Metrics& m, ScopeKind kind) {
  const bool merchant = kind == ScopeKind::kMerchant;
  count(out, "initiated", m.initiated);
  count(out, "claimed", m.claimed);
  fixed(out, "claimed_pct", format_ratio(m.claimed, m.initiated, 1, true));
  count(out, "missed", m.missed);
  if (kind == ScopeKind::kStore || kind == ScopeKind::kExpert) {
    count(out, "offered", m.offered);
    fixed(out, "offers_claimed_pct", format_ratio(m.claimed, m.offered, 1, true));
  }
  count(out, "taken", m.taken);
  count(out, "transfers_in", m.transfers_in);
  count(out, "available_associates", m.available_associates);
  count(out, "associate_days", m.associate_days);
  fixed(out, "chats_per_associate",
        kind == ScopeKind::kExpert ? "" : format_ratio(m.initiated, m.associate_days, 2, false));
  count(out, "ratings", m.ratings);
  fixed(out, "average_rating", format_ratio(m.rating_sum, m.ratings, 2, false));
  count(out, "orders", m.orders);
  if (merchant) count(out, "unattributed_orders", m.unattributed_orders);
  out.key("sales");
  out.begin_array();
  for (const CurrencyMetrics& c : m.currencies) {
    out.begin_object();
    out.key("currency").string(c.code);
    count(out, "orders", c.orders);
    out.key("gross").string(c.gross());
    out.key("average").string(c.average());
    out.end_object();
  }
  out.end_array();
  count(out, "converted", m.converted);
  count(out, "engaged", m.engaged());
  fixed(out, "conversion_pct", format_ratio(m.converted, m.engaged(), 1, true));
  duration_ms(out, "response_median_ms", m.response_median);
  duration_ms(out, "response_p90_ms", m.response_p90);
}

void write_report_json(JsonWriter& out, const MetricsBook& book, const ReportRange& range,
                       const ReportNames& names) {
  const DateRange& r = range.range;
  const std::vector<Row> rows = all_rows(book, names, r);
  const auto all_time = [&](const Row& row) {
    out.key("all_time");
    out.begin_object();
    write_metrics_json(out, row_metrics(book, names, row.kind, row.id, range.all_time), row.kind);
    out.end_object();
  };
  out.begin_object();
  out.key("from").string(date::format("%F", r.first));
  out.key("to").string(date::format("%F", r.last));
  out.key("all_time_from").string(date::format("%F", range.all_time.first));
  out.key("all_time_to").string(date::format("%F", range.all_time.last));
  out.key("reporting_timezone").string(book.reporting_timezone());
  out.key("merchant");
  out.begin_object();
  write_metrics_json(out, rows.front().metrics, ScopeKind::kMerchant);
  all_time(rows.front());
  out.end_object();
  const Metrics unowned = no_offer(rows.front().metrics, rows);
  out.key("no_offer");
  out.begin_object();
  count(out, "initiated", unowned.initiated);
  count(out, "missed", unowned.missed);
  out.end_object();
  for (ScopeKind kind : {ScopeKind::kStore, ScopeKind::kTeam, ScopeKind::kExpert}) {
    out.key(std::string(kind_label(kind)) + "s");
    out.begin_array();
    for (const Row& row : rows) {
      if (row.kind != kind) continue;
      out.begin_object();
      out.key(kind_label(kind)).string(row.name);
      write_metrics_json(out, row.metrics, kind);
      all_time(row);
      out.end_object();
    }
    out.end_array();
  }
  if (range.daily) {
    out.key("daily");
    out.begin_array();
    for (date::sys_days d = r.first; d <= date::sys_days{r.last}; d += date::days{1}) {
      const DateRange day = one_day(d);
      out.begin_object();
      out.key("day").string(date::format("%F", d));
      write_metrics_json(out, book.query_days(Scope::merchant(), day.first, day.last),
                         ScopeKind::kMerchant);
      out.end_object();
    }
    out.end_array();
  }
  out.end_object();
}

}  // namespace vshop::analytics
