// MetricsBook snapshot: the whole state as canonical JSON so that an engine snapshot can embed
// it (restore + rest of the journal == uninterrupted run). Zero counters and empty lists are
// omitted; everything is written in id / day order, so equal books give equal bytes.
#include <algorithm>
#include <bit>
#include <limits>
#include <string>
#include <type_traits>

#include "analytics/metrics_book.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

void write_count(JsonWriter& out, std::string_view name, std::uint64_t value) {
  if (value != 0) out.key(name).integer(static_cast<std::int64_t>(value));
}

void write_day(JsonWriter& out, DayKey day, const DayStats& d) {
  out.begin_object();
  out.key("day").integer(day);
  write_count(out, "initiated", d.initiated);
  write_count(out, "claimed", d.claimed);
  write_count(out, "missed", d.missed);
  if (d.response.count() != 0) {
    out.key("response");
    out.begin_array();
    for (auto [bucket, n] : d.response.buckets()) {
      out.begin_array();
      out.integer(bucket);
      out.integer(n);
      out.end_array();
    }
    out.end_array();
  }
  write_count(out, "taken", d.taken);
  write_count(out, "transfers_in", d.transfers_in);
  write_count(out, "converted", d.converted);
  write_count(out, "ratings", d.ratings);
  write_count(out, "rating_sum", d.rating_sum);
  write_count(out, "unattributed_orders", d.unattributed_orders);
  if (!d.orders.empty()) {
    auto orders = d.orders;
    std::sort(orders.begin(), orders.end(),
              [](const OrderTotal& a, const OrderTotal& b) { return a.currency < b.currency; });
    out.key("orders");
    out.begin_array();
    for (const OrderTotal& o : orders) {
      out.begin_array();
      out.integer(o.currency);
      out.integer(o.orders);
      out.integer(o.gross_minor);
      out.end_array();
    }
    out.end_array();
  }
  bool any_available = false;
  for (std::uint64_t w : d.available) any_available = any_available || w != 0;
  if (any_available) {
    out.key("available");
    out.begin_array();
    for (std::size_t w = 0; w < d.available.size(); ++w) {
      for (std::uint64_t bits = d.available[w]; bits != 0; bits &= bits - 1) {
        const auto bit = static_cast<std::size_t>(std::countr_zero(bits));
        out.integer(static_cast<std::int64_t>(w * 64 + bit));
      }
    }
    out.end_array();
  }
  if (d.self_available) out.key("self_available").boolean(true);
  out.end_object();
}

void write_series(JsonWriter& out, const DaySeries& s) {
  out.begin_array();
  for (const auto& [day, d] : s.entries()) write_day(out, day, d);
  out.end_array();
}

void write_scoped(JsonWriter& out, std::string_view id_name, const std::vector<DaySeries>& all) {
  out.begin_array();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].empty()) continue;
    out.begin_object();
    out.key(id_name).integer(static_cast<std::int64_t>(i));
    out.key("days");
    write_series(out, all[i]);
    out.end_object();
  }
  out.end_array();
}

template <typename Set>
void write_sorted(JsonWriter& out, const Set& set) {
  std::vector<std::uint64_t> keys(set.begin(), set.end());
  std::sort(keys.begin(), keys.end());
  out.begin_array();
  for (std::uint64_t k : keys) out.integer(static_cast<std::int64_t>(k));
  out.end_array();
}

// Reading: every failure names the snapshot field.
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

absl::Status bad(std::string_view field) {
  return error(ErrorCode::kInvalidArgument, "analytics snapshot: field %s is missing or invalid",
               field);
}

// An optional integer member in [lo, hi] (absent = 0).
absl::StatusOr<std::int64_t> int_field(object obj, std::string_view name, std::int64_t lo,
                                       std::int64_t hi) {
  element e;
  if (obj[name].get(e) != simdjson::SUCCESS) return std::int64_t{0};
  std::int64_t v = 0;
  if (e.get_int64().get(v) != simdjson::SUCCESS || v < lo || v > hi) return bad(name);
  return v;
}

absl::StatusOr<std::int64_t> int_value(element e, std::string_view name, std::int64_t lo,
                                       std::int64_t hi) {
  std::int64_t v = 0;
  if (e.get_int64().get(v) != simdjson::SUCCESS || v < lo || v > hi) return bad(name);
  return v;
}

#define VSHOP_ASSIGN(lhs, expr)              \
  do {                                       \
    auto _r = (expr);                        \
    if (!_r.ok()) return _r.status();        \
    lhs = static_cast<std::remove_cvref_t<decltype(lhs)>>(*_r); \
  } while (0)

constexpr std::int64_t kMaxI64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kMaxDay = std::numeric_limits<DayKey>::max();
constexpr std::int64_t kMinDay = std::numeric_limits<DayKey>::min();
constexpr std::int64_t kMaxId = kMaxInternedId - 1;

absl::Status read_day(object obj, std::size_t currencies, DayKey& day, DayStats& d) {
  VSHOP_ASSIGN(day, int_field(obj, "day", kMinDay, kMaxDay));
  VSHOP_ASSIGN(d.initiated, int_field(obj, "initiated", 0, kMaxU32));
  VSHOP_ASSIGN(d.claimed, int_field(obj, "claimed", 0, kMaxU32));
  VSHOP_ASSIGN(d.missed, int_field(obj, "missed", 0, kMaxU32));
  VSHOP_ASSIGN(d.taken, int_field(obj, "taken", 0, kMaxU32));
  VSHOP_ASSIGN(d.transfers_in, int_field(obj, "transfers_in", 0, kMaxU32));
  VSHOP_ASSIGN(d.converted, int_field(obj, "converted", 0, kMaxU32));
  VSHOP_ASSIGN(d.ratings, int_field(obj, "ratings", 0, kMaxU32));
  VSHOP_ASSIGN(d.rating_sum, int_field(obj, "rating_sum", 0, kMaxU32));
  VSHOP_ASSIGN(d.unattributed_orders, int_field(obj, "unattributed_orders", 0, kMaxU32));
  array list;
  if (obj["response"].get(list) == simdjson::SUCCESS) {
    for (element pair : list) {
      array p;
      if (pair.get(p) != simdjson::SUCCESS || p.size() != 2) return bad("response");
      int bucket = 0;
      std::uint32_t n = 0;
      VSHOP_ASSIGN(bucket, int_value(p.at(0), "response", 0, kResponseBuckets - 1));
      VSHOP_ASSIGN(n, int_value(p.at(1), "response", 1, kMaxU32));
      d.response.add_bucket(bucket, n);
    }
  }
  if (obj["orders"].get(list) == simdjson::SUCCESS) {
    for (element entry : list) {
      array p;
      if (entry.get(p) != simdjson::SUCCESS || p.size() != 3) return bad("orders");
      OrderTotal o;
      const auto last_currency = static_cast<std::int64_t>(currencies) - 1;
      VSHOP_ASSIGN(o.currency, int_value(p.at(0), "orders", 0, last_currency));
      VSHOP_ASSIGN(o.orders, int_value(p.at(1), "orders", 1, kMaxU32));
      VSHOP_ASSIGN(o.gross_minor, int_value(p.at(2), "orders", 0, kMaxI64));
      d.orders.push_back(o);
    }
  }
  if (obj["available"].get(list) == simdjson::SUCCESS) {
    for (element id : list) {
      std::uint32_t expert = 0;
      VSHOP_ASSIGN(expert, int_value(id, "available", 0, kMaxId));
      d.mark_available(expert);
    }
  }
  bool self = false;
  if (obj["self_available"].get(self) == simdjson::SUCCESS) d.self_available = self;
  return absl::OkStatus();
}

absl::Status read_series(element e, std::size_t currencies, DaySeries& series) {
  array days;
  if (e.get(days) != simdjson::SUCCESS) return bad("days");
  bool first = true;
  DayKey previous = 0;
  for (element item : days) {
    object obj;
    if (item.get(obj) != simdjson::SUCCESS) return bad("days");
    DayKey day = 0;
    DayStats d;
    if (auto s = read_day(obj, currencies, day, d); !s.ok()) return s;
    if (!first && day <= previous) return bad("day");  // strictly increasing
    first = false;
    previous = day;
    series.at(day) = std::move(d);
  }
  return absl::OkStatus();
}

absl::Status read_scoped(object root, std::string_view name, std::string_view id_name,
                         std::size_t currencies, std::vector<DaySeries>& all) {
  array list;
  if (root[name].get(list) != simdjson::SUCCESS) return bad(name);
  for (element item : list) {
    object obj;
    if (item.get(obj) != simdjson::SUCCESS) return bad(name);
    std::uint32_t id = 0;
    VSHOP_ASSIGN(id, int_field(obj, id_name, 0, kMaxId));
    if (all.size() <= id) all.resize(id + 1);
    if (!all[id].empty()) return bad(id_name);  // listed twice
    element days;
    if (obj["days"].get(days) != simdjson::SUCCESS) return bad("days");
    if (auto s = read_series(days, currencies, all[id]); !s.ok()) return s;
  }
  return absl::OkStatus();
}

template <typename Set>
absl::Status read_set(object converted, std::string_view name, Set& set) {
  array list;
  if (converted[name].get(list) != simdjson::SUCCESS) return bad(name);
  for (element e : list) {
    std::uint64_t key = 0;
    VSHOP_ASSIGN(key, int_value(e, name, 0, kMaxI64));
    set.insert(key);
  }
  return absl::OkStatus();
}

}  // namespace

void MetricsBook::write(JsonWriter& out) const {
  out.begin_object();
  out.key("reporting_timezone").string(zone_name_);
  out.key("currencies");
  out.begin_array();
  for (const CurrencyInfo& c : currencies_) out.string(c.code);
  out.end_array();
  out.key("latest_day");
  if (any_event_) {
    out.integer(latest_day_);
  } else {
    out.null();
  }
  out.key("merchant");
  write_series(out, merchant_);
  out.key("stores");
  write_scoped(out, "store", stores_);
  out.key("experts");
  write_scoped(out, "expert", experts_);
  std::vector<ChatId> chats;
  for (const auto& [chat, p] : pending_) chats.push_back(chat);
  std::sort(chats.begin(), chats.end());
  out.key("pending");
  out.begin_array();
  for (ChatId chat : chats) {
    const Pending& p = pending_.at(chat);
    out.begin_object();
    out.key("chat").integer(chat);
    out.key("requested_at").instant(p.requested_at);
    out.key("day").integer(p.day);
    out.key("experts");
    out.begin_array();
    for (ExpertId e : p.experts) out.integer(e);
    out.end_array();
    out.key("stores");
    out.begin_array();
    for (StoreId s : p.stores) out.integer(s);
    out.end_array();
    out.end_object();
  }
  out.end_array();
  std::vector<ExpertId> open;
  for (const auto& [expert, period] : open_) open.push_back(expert);
  std::sort(open.begin(), open.end());
  out.key("open");
  out.begin_array();
  for (ExpertId e : open) {
    out.begin_object();
    out.key("expert").integer(e);
    out.key("store").integer(open_.at(e).store);
    out.key("last_marked").integer(open_.at(e).last_marked);
    out.end_object();
  }
  out.end_array();
  out.key("converted");
  out.begin_object();
  out.key("merchant");
  write_sorted(out, converted_merchant_);
  out.key("store");
  write_sorted(out, converted_store_);
  out.key("expert");
  write_sorted(out, converted_expert_);
  out.end_object();
  out.end_object();
}

absl::StatusOr<MetricsBook> MetricsBook::read(std::string_view json) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS) {
    return error(ErrorCode::kInvalidArgument, "analytics snapshot: not valid JSON");
  }
  object root;
  if (doc.get(root) != simdjson::SUCCESS) return bad("(root)");
  MetricsBook book;
  std::string_view zone;
  if (root["reporting_timezone"].get(zone) != simdjson::SUCCESS) return bad("reporting_timezone");
  if (auto s = book.set_reporting_timezone(zone); !s.ok()) return s;
  array list;
  if (root["currencies"].get(list) != simdjson::SUCCESS) return bad("currencies");
  for (element e : list) {
    std::string_view code;
    std::optional<CurrencyInfo> info;
    if (e.get(code) == simdjson::SUCCESS) info = find_currency(code);
    if (!info) return bad("currencies");
    for (const CurrencyInfo& c : book.currencies_) {
      if (c.code == info->code) return bad("currencies");
    }
    book.intern_currency(*info);
  }
  element latest;
  if (root["latest_day"].get(latest) != simdjson::SUCCESS) return bad("latest_day");
  if (!latest.is_null()) {
    VSHOP_ASSIGN(book.latest_day_, int_value(latest, "latest_day", kMinDay, kMaxDay));
    book.any_event_ = true;
  }
  const std::size_t currencies = book.currencies_.size();
  element merchant;
  if (root["merchant"].get(merchant) != simdjson::SUCCESS) return bad("merchant");
  if (auto s = read_series(merchant, currencies, book.merchant_); !s.ok()) return s;
  if (auto s = read_scoped(root, "stores", "store", currencies, book.stores_); !s.ok()) return s;
  if (auto s = read_scoped(root, "experts", "expert", currencies, book.experts_); !s.ok()) {
    return s;
  }
  // Merchant totals per currency bound every partial sum a query makes (no overflow).
  for (const auto& [day, d] : book.merchant_.entries()) {
    for (const OrderTotal& o : d.orders) {
      std::int64_t& total = book.currency_totals_[o.currency];
      if (total > std::numeric_limits<std::int64_t>::max() - o.gross_minor) return bad("orders");
      total += o.gross_minor;
    }
  }
  if (root["pending"].get(list) != simdjson::SUCCESS) return bad("pending");
  for (element item : list) {
    object obj;
    if (item.get(obj) != simdjson::SUCCESS) return bad("pending");
    ChatId chat = 0;
    Pending p;
    VSHOP_ASSIGN(chat, int_field(obj, "chat", 0, kMaxU32));
    VSHOP_ASSIGN(p.day, int_field(obj, "day", kMinDay, kMaxDay));
    std::string_view requested;
    if (obj["requested_at"].get(requested) != simdjson::SUCCESS) return bad("requested_at");
    auto t = parse_instant(requested, "requested_at");
    if (!t.ok()) return t.status();
    p.requested_at = *t;
    array ids;
    if (obj["experts"].get(ids) != simdjson::SUCCESS) return bad("experts");
    for (element e : ids) {
      ExpertId id = 0;
      VSHOP_ASSIGN(id, int_value(e, "experts", 0, kMaxId));
      p.experts.push_back(id);
    }
    if (obj["stores"].get(ids) != simdjson::SUCCESS) return bad("stores");
    for (element e : ids) {
      StoreId id = 0;
      VSHOP_ASSIGN(id, int_value(e, "stores", 0, kMaxId));
      p.stores.push_back(id);
    }
    if (!book.pending_.emplace(chat, std::move(p)).second) return bad("chat");
  }
  if (root["open"].get(list) != simdjson::SUCCESS) return bad("open");
  for (element item : list) {
    object obj;
    if (item.get(obj) != simdjson::SUCCESS) return bad("open");
    ExpertId expert = 0;
    OpenPeriod period;
    VSHOP_ASSIGN(expert, int_field(obj, "expert", 0, kMaxId));
    VSHOP_ASSIGN(period.store, int_field(obj, "store", 0, kMaxId));
    VSHOP_ASSIGN(period.last_marked, int_field(obj, "last_marked", kMinDay, kMaxDay));
    if (!book.open_.emplace(expert, period).second) return bad("expert");
  }
  object converted;
  if (root["converted"].get(converted) != simdjson::SUCCESS) return bad("converted");
  if (auto s = read_set(converted, "merchant", book.converted_merchant_); !s.ok()) return s;
  if (auto s = read_set(converted, "store", book.converted_store_); !s.ok()) return s;
  if (auto s = read_set(converted, "expert", book.converted_expert_); !s.ok()) return s;
  return book;
}

}  // namespace vshop::analytics
