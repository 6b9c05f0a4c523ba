// OrderTable: the order ids recorded so far (R-ATTR-2: an order id counts once), each with a
// record of the caller's (the engine keeps its purchase decision, R-WHY-1). Built for a large
// number of orders: the ids' bytes go once into an append-only arena, the records into a dense
// vector in insertion order, and the hash table holds only 4-byte indexes, so an insert touches
// one table slot and appends the rest. Lookups are exact: the table compares the whole id
// whenever the hashes' fingerprints match.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace vshop::attribution {

template <typename Record>
class OrderTable {
 public:
  OrderTable() : table_(0, Hash{this}, Eq{this}) {}
  // The table's functors point back at the arena: it stays where it was made.
  OrderTable(const OrderTable&) = delete;
  OrderTable& operator=(const OrderTable&) = delete;

  std::size_t size() const { return records_.size(); }
  // The order's record, or null.
  const Record* find(std::string_view order) const {
    auto it = table_.find(order);
    return it == table_.end() ? nullptr : &records_[*it];
  }
  Record* find(std::string_view order) {
    auto it = table_.find(order);
    return it == table_.end() ? nullptr : &records_[*it];
  }
  // Adds `order` with a default record, hashing it once; {its record, false} when present.
  std::pair<Record*, bool> try_insert(std::string_view order) {
    bool inserted = false;
    auto it = table_.lazy_emplace(order, [&](const auto& construct) {
      arena_.append(order);
      ends_.push_back(arena_.size());
      records_.emplace_back();
      inserted = true;
      construct(static_cast<std::uint32_t>(records_.size() - 1));
    });
    return {&records_[*it], inserted};
  }
  // Removes the order inserted last (a purchase refused after its id was taken).
  void pop_back() {
    if (records_.empty()) return;
    table_.erase(static_cast<std::uint32_t>(records_.size() - 1));
    records_.pop_back();
    ends_.pop_back();
    arena_.resize(ends_.empty() ? 0 : ends_.back());
  }
  // Calls f(id, record) for every order, in insertion order (no sorting, no allocation).
  template <typename F>
  void for_each(F&& f) const {
    for (std::uint32_t i = 0; i < records_.size(); ++i) f(id(i), records_[i]);
  }
  // Every order with its record, by order id (snapshots: R-DET-1, never hash order).
  std::vector<std::pair<std::string_view, const Record*>> sorted() const {
    std::vector<std::pair<std::string_view, const Record*>> out;
    out.reserve(records_.size());
    for (std::uint32_t i = 0; i < records_.size(); ++i) out.emplace_back(id(i), &records_[i]);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }
  // Bytes held (capacities), for the memory figures.
  std::size_t bytes() const {
    return arena_.capacity() + ends_.capacity() * sizeof(std::size_t) +
           records_.capacity() * sizeof(Record) + table_.capacity() * (sizeof(std::uint32_t) + 1);
  }

 private:
  std::string_view id(std::uint32_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(arena_).substr(begin, ends_[i] - begin);
  }
  // Transparent functors: the table stores indexes and is searched by id.
  struct Hash {
    using is_transparent = void;
    const OrderTable* t;
    std::size_t operator()(std::string_view s) const { return absl::Hash<std::string_view>{}(s); }
    std::size_t operator()(std::uint32_t i) const { return (*this)(t->id(i)); }
  };
  struct Eq {
    using is_transparent = void;
    const OrderTable* t;
    bool operator()(std::uint32_t a, std::uint32_t b) const { return a == b; }
    bool operator()(std::uint32_t a, std::string_view b) const { return t->id(a) == b; }
    bool operator()(std::string_view a, std::uint32_t b) const { return a == t->id(b); }
  };

  std::string arena_;              // every id's bytes, in insertion order
  std::vector<std::size_t> ends_;  // end of id i in arena_ (it starts at the previous end)
  std::vector<Record> records_;    // record i belongs to id i
  absl::flat_hash_set<std::uint32_t, Hash, Eq> table_;
};

}  // namespace vshop::attribution
