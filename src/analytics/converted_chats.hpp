// ConvertedChats: which (scope, chat) pairs already counted a conversion (the first attributed
// order of a chat in that scope, R-METRIC-1). A chat converts once per scope, and nearly always
// for one store and one expert, so the common case is one map entry per converted chat holding
// the store and the expert credited first; any further (store, chat) or (expert, chat) pair,
// after a transfer or a store change, goes to a small overflow set of packed keys. The packed
// key (scope id << 32 | chat) is the book's snapshot form ("converted").
#pragma once

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "vshop/analytics/metrics.hpp"

namespace vshop::analytics {

class ConvertedChats {
 public:
  // Marks (kind, id, chat) converted; true when it was not yet (the caller counts it).
  bool mark(ScopeKind kind, std::uint32_t id, std::uint32_t chat);
  // Marks a packed key (restore); true when it was not yet marked.
  bool mark_key(ScopeKind kind, std::uint64_t key);
  // Forgets every pair whose chat `gone(chat)` says is gone (retention).
  void erase_chats(absl::FunctionRef<bool(std::uint32_t)> gone);
  // The packed keys of one scope kind (merchant, store or expert), ascending.
  std::vector<std::uint64_t> sorted_keys(ScopeKind kind) const;
  // Converted chats (entries of the per-chat map), for the memory figures.
  std::size_t chats() const { return first_.size(); }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  struct First {
    std::uint32_t store = kNone;   // the first store credited for the chat
    std::uint32_t expert = kNone;  // the first expert credited for the chat
  };
  absl::flat_hash_set<std::uint64_t>& more(ScopeKind kind);
  const absl::flat_hash_set<std::uint64_t>& more(ScopeKind kind) const;

  // Key: a chat whose merchant pair (0, chat) is marked.
  absl::flat_hash_map<std::uint32_t, First> first_;
  // Every other marked pair, packed, per kind (merchant: only ids other than 0).
  absl::flat_hash_set<std::uint64_t> more_merchant_, more_store_, more_expert_;
};

}  // namespace vshop::analytics
