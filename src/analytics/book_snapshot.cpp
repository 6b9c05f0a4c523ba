// MetricsBook snapshot: the whole state as canonical JSON so that an engine snapshot can embed
// it (restore + rest of the journal == uninterrupted run). The fields are described once
// (BookSnapshot::fields) and run by a FieldWriter to write, a FieldReader to read
// (src/core/field_io.hpp). Zero counters and empty lists are omitted; everything is written
// in id / day order, so equal books give equal bytes.
#include <algorithm>
#include <bit>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "analytics/metrics_book.hpp"
#include "core/field_io.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

constexpr std::int64_t kMaxI64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kMaxDay = std::numeric_limits<DayKey>::max();
constexpr std::int64_t kMinDay = std::numeric_limits<DayKey>::min();
constexpr std::size_t kIds = kMaxInternedId;  // ids are below it

// Experts marked in an availability bitset, ascending.
std::vector<std::uint32_t> marked(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint32_t> out;
  for (std::size_t w = 0; w < words.size(); ++w) {
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
      out.push_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)));
    }
  }
  return out;
}

// One day's counters; `currencies` bounds the interned currency indexes.
template <typename V, typename Stats>
void stats_fields(V& v, Stats& d, std::size_t currencies) {
  v.count("initiated", d.initiated, kMaxU32);
  v.count("claimed", d.claimed, kMaxU32);
  v.count("missed", d.missed, kMaxU32);
  v.count("offered", d.offered, kMaxU32);
  std::vector<std::pair<int, std::uint32_t>> response;
  if constexpr (!V::kReading) response = d.response.buckets();
  v.sparse_list("response_100ms", response, [](auto& w, auto& b) {
    w.integer("bucket", b.first, 0, kResponseBuckets - 1);
    w.integer("n", b.second, 1, kMaxU32);
  });
  v.count("taken", d.taken, kMaxU32);
  v.count("transfers_in", d.transfers_in, kMaxU32);
  v.count("converted", d.converted, kMaxU32);
  v.count("ratings", d.ratings, kMaxU32);
  v.count("rating_sum", d.rating_sum, kMaxU32);
  v.count("unattributed_orders", d.unattributed_orders, kMaxU32);
  std::vector<OrderTotal> orders;
  if constexpr (!V::kReading) {
    orders.assign(d.orders.begin(), d.orders.end());
    std::sort(orders.begin(), orders.end(),
              [](const OrderTotal& a, const OrderTotal& b) { return a.currency < b.currency; });
  }
  v.sparse_list("orders", orders, [&](auto& w, auto& o) {
    w.index("currency", o.currency, currencies, std::uint16_t{0xFFFF}, /*nullable=*/false);
    w.integer("orders", o.orders, 1, kMaxU32);
    w.integer("gross_minor", o.gross_minor, 0, kMaxI64);
  });
  std::vector<std::uint32_t> available;
  if constexpr (!V::kReading) available = marked(d.available);
  v.sparse_indexes("available", available, kIds);
  v.count("self_available", d.self_available, 1);
  if constexpr (V::kReading) {
    for (const auto& [bucket, n] : response) d.response.add_bucket(bucket, n);
    d.orders.assign(orders.begin(), orders.end());
    for (std::uint32_t expert : available) d.mark_available(expert);
  }
}

template <typename V, typename Entry>
void day_fields(V& v, Entry& e, std::size_t currencies) {
  v.integer("day", e.first, kMinDay, kMaxDay);
  stats_fields(v, e.second, currencies);
}

// The folded days of a series (days before the retention cutoff), when any.
template <typename V, typename Series>
void folded_field(V& v, std::string_view name, Series& series, std::size_t currencies) {
  std::vector<FoldedDays> folded;
  if constexpr (!V::kReading) {
    if (const FoldedDays* f = series.folded()) folded.push_back(*f);
  }
  v.sparse_list(name, folded, [&](auto& w, auto& f) {
    w.integer("first", f.first, kMinDay, kMaxDay);
    w.integer("last", f.last, kMinDay, kMaxDay);
    w.integer("associate_days", f.associate_days, 0, kMaxI64);
    stats_fields(w, f.stats, currencies);
  });
  if constexpr (V::kReading) {
    if (folded.size() > 1) v.fail(name, "holds one record at most");
    if (!folded.empty() && folded.front().first > folded.front().last) v.fail(name, "first > last");
    series.folded_storage() = std::move(folded);
  }
}

// A day series (days strictly increasing).
template <typename V, typename Series>
void series_field(V& v, std::string_view name, Series& series, std::size_t currencies) {
  const auto fields = [&](auto& w, auto& e) { day_fields(w, e, currencies); };
  if constexpr (V::kReading) {
    std::vector<DaySeries::Entry> entries;
    v.list(name, entries, fields);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i > 0 && entries[i].first <= entries[i - 1].first) v.fail(name, "days must increase");
      series.at(entries[i].first) = std::move(entries[i].second);
    }
  } else {
    v.list(name, series.entries(), fields);
  }
}

// A store's or expert's series: written as {id, days}, only for scopes with a recorded day.
template <typename Series>
struct ScopedRow {
  std::uint32_t id = 0;
  Series series{};
};

template <typename V, typename All>
void scoped_field(V& v, std::string_view name, std::string_view id_name, All& all,
                  std::size_t currencies) {
  using Series = std::conditional_t<V::kReading, DaySeries, const DaySeries*>;
  std::vector<ScopedRow<Series>> rows;
  if constexpr (!V::kReading) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!all[i].empty()) rows.push_back({static_cast<std::uint32_t>(i), &all[i]});
    }
  }
  v.list(name, rows, [&](auto& w, auto& row) {
    w.integer(id_name, row.id, 0, static_cast<std::int64_t>(kIds) - 1);
    if constexpr (V::kReading) {
      series_field(w, "days", row.series, currencies);
      folded_field(w, "folded", row.series, currencies);
      if (row.series.empty()) w.fail(id_name, "a listed scope has no day");
    } else {
      series_field(w, "days", *row.series, currencies);
      folded_field(w, "folded", *row.series, currencies);
    }
  });
  if constexpr (V::kReading) {
    for (auto& row : rows) {
      if (all.size() <= row.id) all.resize(row.id + 1);
      if (!all[row.id].empty()) v.fail(name, "a scope is listed twice");
      all[row.id] = std::move(row.series);
    }
  }
}

struct PendingRow {
  ChatId chat = 0;
  std::int64_t requested_ms = 0;
  DayKey day = 0;
  std::vector<std::uint32_t> experts, stores;  // in offer order
};

struct MissedRow {
  ChatId chat = 0;
  DayKey day = 0;
  StoreId store = 0;  // MetricsBook::kNoStore: missed with no offer
};

struct ChatRow {
  ChatId chat = 0;
  ChatRecord record;
};

struct OpenRow {
  ExpertId expert = 0;
  StoreId store = 0;
  DayKey last_marked = 0;
};

struct ConvertedRows {
  std::vector<std::uint64_t> merchant, store, expert;  // ascending keys
};

}  // namespace

struct BookSnapshot {
  // The whole book. `B` is `const MetricsBook` when writing, `MetricsBook` when reading.
  template <typename V, typename B>
  static void fields(V& v, B& b) {
    constexpr bool kReading = V::kReading;
    std::string zone = b.zone_name_;
    v.text("reporting_timezone", zone);
    if constexpr (kReading) {
      if (auto s = b.set_reporting_timezone(zone); !s.ok()) {
        v.fail("reporting_timezone", std::string(s.message()));
      }
    }
    std::vector<std::string> codes;
    if constexpr (!kReading) {
      for (const CurrencyInfo& c : b.currencies_) codes.emplace_back(c.code);
    }
    v.texts("currencies", codes);
    if constexpr (kReading) {
      for (const std::string& code : codes) {
        const std::optional<CurrencyInfo> info = find_currency(code);
        if (!info) v.fail("currencies", "\"" + code + "\" is not an ISO 4217 code");
        for (const CurrencyInfo& c : b.currencies_) {
          if (c.code == info->code) v.fail("currencies", "\"" + code + "\" is listed twice");
        }
        b.intern_currency(*info);
      }
    }
    const std::size_t currencies = codes.size();
    v.optional_integer("latest_day", b.latest_day_, b.any_event_, kMinDay, kMaxDay);
    v.integer("retention_days", b.retention_days_, 1, 36600);
    bool has_cutoff = b.cutoff_ != std::numeric_limits<DayKey>::min();
    DayKey cutoff = has_cutoff ? b.cutoff_ : 0;
    v.optional_integer("retention_cutoff", cutoff, has_cutoff, kMinDay + 1, kMaxDay);
    if constexpr (kReading) {
      if (has_cutoff) b.cutoff_ = cutoff;
    }
    series_field(v, "merchant", b.merchant_, currencies);
    folded_field(v, "merchant_folded", b.merchant_, currencies);
    scoped_field(v, "stores", "store", b.stores_, currencies);
    scoped_field(v, "experts", "expert", b.experts_, currencies);

    std::vector<PendingRow> pending;
    std::vector<OpenRow> open;
    std::vector<MissedRow> missed;
    std::vector<ChatRow> chats;
    ConvertedRows converted;
    if constexpr (!kReading) {
      for (const auto& [chat, p] : b.pending_) {
        pending.push_back({chat,
                           to_epoch_ms(p.requested_at),
                           p.day,
                           {p.experts.begin(), p.experts.end()},
                           {p.stores.begin(), p.stores.end()}});
      }
      std::sort(pending.begin(), pending.end(),
                [](const PendingRow& x, const PendingRow& y) { return x.chat < y.chat; });
      for (const auto& [chat, owner] : b.missed_) missed.push_back({chat, owner.day, owner.store});
      for (auto& [chat, record] : b.log_.all()) chats.push_back({chat, std::move(record)});
      std::sort(missed.begin(), missed.end(),
                [](const MissedRow& x, const MissedRow& y) { return x.chat < y.chat; });
      for (const auto& [expert, period] : b.open_) {
        open.push_back({expert, period.store, period.last_marked});
      }
      std::sort(open.begin(), open.end(),
                [](const OpenRow& x, const OpenRow& y) { return x.expert < y.expert; });
      converted = {b.converted_.sorted_keys(ScopeKind::kMerchant),
                   b.converted_.sorted_keys(ScopeKind::kStore),
                   b.converted_.sorted_keys(ScopeKind::kExpert)};
    }
    v.list("pending", pending, [](auto& w, auto& p) {
      w.integer("chat", p.chat, 0, kMaxU32);
      w.instant("requested_at", p.requested_ms);
      w.integer("day", p.day, kMinDay, kMaxDay);
      w.indexes("experts", p.experts, kIds);
      w.indexes("stores", p.stores, kIds);
    });
    v.sparse_list("missed", missed, [](auto& w, auto& m) {
      w.integer("chat", m.chat, 0, kMaxU32);
      w.integer("day", m.day, kMinDay, kMaxDay);
      w.index("store", m.store, kIds, MetricsBook::kNoStore);
    });
    v.sparse_list("chats", chats, [&](auto& w, auto& c) {
      auto& r = c.record;
      w.integer("chat", c.chat, 0, kMaxU32);
      w.instant("requested_at", r.requested_ms);
      w.integer("answered_ms", r.answered_ms, -1, kMaxI64);
      w.integer("day", r.day, kMinDay, kMaxDay);
      auto outcome = static_cast<std::uint8_t>(r.outcome);
      w.integer("outcome", outcome, 0, 3);
      w.integer("rating", r.rating, 0, 5);
      w.index("first_offer_store", r.first_offer_store, kIds, 0xFFFFFFFFu);
      std::vector<std::uint32_t> experts(r.experts.begin(), r.experts.end());
      std::vector<std::uint32_t> stores(r.stores.begin(), r.stores.end());
      w.indexes("experts", experts, kIds);
      w.indexes("stores", stores, kIds);
      std::vector<OrderTotal> orders(r.orders.begin(), r.orders.end());
      w.sparse_list("orders", orders, [&](auto& x, auto& o) {
        x.index("currency", o.currency, currencies, std::uint16_t{0xFFFF}, /*nullable=*/false);
        x.integer("orders", o.orders, 1, kMaxU32);
        x.integer("gross_minor", o.gross_minor, 0, kMaxI64);
      });
      if constexpr (kReading) {
        if (experts.size() != stores.size()) w.fail("stores", "one store per expert");
        r.outcome = static_cast<ChatOutcome>(outcome);
        r.experts.assign(experts.begin(), experts.end());
        r.stores.assign(stores.begin(), stores.end());
        r.orders.assign(orders.begin(), orders.end());
      }
    });
    v.list("open", open, [](auto& w, auto& o) {
      w.integer("expert", o.expert, 0, static_cast<std::int64_t>(kIds) - 1);
      w.integer("store", o.store, 0, static_cast<std::int64_t>(kIds) - 1);
      w.integer("last_marked", o.last_marked, kMinDay, kMaxDay);
    });
    v.object("converted", converted, [](auto& w, auto& c) {
      w.indexes("merchant", c.merchant, static_cast<std::size_t>(kMaxI64));
      w.indexes("store", c.store, static_cast<std::size_t>(kMaxI64));
      w.indexes("expert", c.expert, static_cast<std::size_t>(kMaxI64));
    });

    if constexpr (kReading) {
      // Merchant totals per currency bound every partial sum a query makes (no overflow).
      for (const auto& [day, d] : b.merchant_.entries()) {
        for (const OrderTotal& o : d.orders) {
          std::int64_t& total = b.currency_totals_[o.currency];
          if (total > kMaxI64 - o.gross_minor) v.fail("merchant", "orders overflow");
          total += o.gross_minor;
        }
      }
      for (const PendingRow& p : pending) {
        MetricsBook::Pending entry;
        entry.requested_at = from_epoch_ms(p.requested_ms);
        entry.day = p.day;
        entry.experts.assign(p.experts.begin(), p.experts.end());
        entry.stores.assign(p.stores.begin(), p.stores.end());
        if (!b.pending_.emplace(p.chat, std::move(entry)).second) {
          v.fail("pending", "a chat is listed twice");
        }
      }
      for (ChatRow& c : chats) {
        if (!b.log_.insert(c.chat, c.record)) {
          v.fail("chats", "a chat is listed twice");
        }
      }
      for (const MissedRow& m : missed) {
        if (b.pending_.contains(m.chat) ||
            !b.missed_.emplace(m.chat, MetricsBook::MissedOwner{m.day, m.store}).second) {
          v.fail("missed", "a chat is listed twice or is also pending");
        }
      }
      for (const OpenRow& o : open) {
        if (!b.open_.emplace(o.expert, MetricsBook::OpenPeriod{o.store, o.last_marked}).second) {
          v.fail("open", "an expert is listed twice");
        }
      }
      for (std::uint64_t key : converted.merchant) b.converted_.mark_key(ScopeKind::kMerchant, key);
      for (std::uint64_t key : converted.store) b.converted_.mark_key(ScopeKind::kStore, key);
      for (std::uint64_t key : converted.expert) b.converted_.mark_key(ScopeKind::kExpert, key);
    }
  }
};

void MetricsBook::write(JsonWriter& out) const {
  out.begin_object();
  field_io::FieldWriter writer(out);
  BookSnapshot::fields(writer, *this);
  out.end_object();
}

absl::StatusOr<MetricsBook> MetricsBook::read(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object root;
  if (json.empty() || parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS) {
    return error(ErrorCode::kInvalidArgument, "analytics snapshot: not valid JSON");
  }
  if (doc.get_object().get(root) != simdjson::SUCCESS) {
    return error(ErrorCode::kInvalidArgument, "analytics snapshot: must be a JSON object");
  }
  MetricsBook book;
  try {
    field_io::FieldReader reader(root, "");
    BookSnapshot::fields(reader, book);
    reader.finish();
  } catch (const field_io::Bad& e) {
    return error(ErrorCode::kInvalidArgument, "analytics snapshot: %s", e.what());
  }
  return book;
}

}  // namespace vshop::analytics
