#include "analytics/converted_chats.hpp"

#include <algorithm>

namespace vshop::analytics {

absl::flat_hash_set<std::uint64_t>& ConvertedChats::more(ScopeKind kind) {
  return kind == ScopeKind::kMerchant ? more_merchant_
         : kind == ScopeKind::kStore  ? more_store_
                                      : more_expert_;
}

const absl::flat_hash_set<std::uint64_t>& ConvertedChats::more(ScopeKind kind) const {
  return const_cast<ConvertedChats*>(this)->more(kind);
}

bool ConvertedChats::mark(ScopeKind kind, std::uint32_t id, std::uint32_t chat) {
  const std::uint64_t key = (std::uint64_t{id} << 32) | chat;
  if (kind == ScopeKind::kMerchant) {
    return id == 0 ? first_.try_emplace(chat).second : more_merchant_.insert(key).second;
  }
  if (auto it = first_.find(chat); it != first_.end() && id != kNone) {
    std::uint32_t& slot = kind == ScopeKind::kStore ? it->second.store : it->second.expert;
    if (slot == id) return false;
    if (slot == kNone) {
      // A key marked before its chat's merchant pair stays in the overflow set.
      if (more(kind).contains(key)) return false;
      slot = id;
      return true;
    }
  }
  return more(kind).insert(key).second;
}

bool ConvertedChats::mark_key(ScopeKind kind, std::uint64_t key) {
  return mark(kind, static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key));
}

void ConvertedChats::erase_chats(absl::FunctionRef<bool(std::uint32_t)> gone) {
  absl::erase_if(first_, [&](const auto& e) { return gone(e.first); });
  const auto gone_key = [&](std::uint64_t key) { return gone(static_cast<std::uint32_t>(key)); };
  absl::erase_if(more_merchant_, gone_key);
  absl::erase_if(more_store_, gone_key);
  absl::erase_if(more_expert_, gone_key);
}

std::vector<std::uint64_t> ConvertedChats::sorted_keys(ScopeKind kind) const {
  const absl::flat_hash_set<std::uint64_t>& extra = more(kind);
  std::vector<std::uint64_t> keys(extra.begin(), extra.end());
  for (const auto& [chat, first] : first_) {
    if (kind == ScopeKind::kMerchant) {
      keys.push_back(chat);
      continue;
    }
    const std::uint32_t id = kind == ScopeKind::kStore ? first.store : first.expert;
    if (id != kNone) keys.push_back((std::uint64_t{id} << 32) | chat);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace vshop::analytics
