#include "analytics/chat_log.hpp"

#include <algorithm>

namespace vshop::analytics {

ChatRecord* ChatLog::find(std::uint32_t chat) {
  auto it = records_.find(chat);
  return it == records_.end() ? nullptr : &it->second;
}

void ChatLog::requested(std::uint32_t chat, std::int64_t at_ms, DayKey day) {
  ChatRecord& r = records_[chat];
  r.answered_ms = -1;
  r.outcome = ChatOutcome::kAwaiting;
  r.rating = 0;
  r.first_offer_store = 0xFFFFFFFFu;
  r.experts.clear();
  r.stores.clear();
  r.orders.clear();
  r.requested_ms = at_ms;
  r.day = day;
}

void ChatLog::offered(std::uint32_t chat, std::uint32_t store) {
  if (ChatRecord* r = find(chat); r != nullptr && r->first_offer_store == 0xFFFFFFFFu) {
    r->first_offer_store = store;
  }
}

void ChatLog::handled(std::uint32_t chat, std::int64_t at_ms, ChatOutcome outcome,
                      std::uint32_t expert, std::uint32_t store) {
  ChatRecord* r = find(chat);
  if (r == nullptr) return;
  r->answered_ms = at_ms;
  r->outcome = outcome;
  r->experts.push_back(expert);
  r->stores.push_back(store);
}

void ChatLog::missed(std::uint32_t chat) {
  if (ChatRecord* r = find(chat)) r->outcome = ChatOutcome::kMissed;
}

void ChatLog::transferred(std::uint32_t chat, std::uint32_t expert, std::uint32_t store) {
  if (ChatRecord* r = find(chat)) {
    r->experts.push_back(expert);
    r->stores.push_back(store);
  }
}

void ChatLog::rated(std::uint32_t chat, int stars) {
  if (ChatRecord* r = find(chat)) r->rating = static_cast<std::uint8_t>(stars);
}

void ChatLog::ordered(std::uint32_t chat, std::uint16_t currency, std::int64_t minor) {
  ChatRecord* r = find(chat);
  if (r == nullptr) return;
  for (OrderTotal& o : r->orders) {
    if (o.currency == currency) {
      ++o.orders;
      o.gross_minor += minor;
      return;
    }
  }
  r->orders.push_back(OrderTotal{currency, 1, minor});
}

void ChatLog::prune(DayKey cutoff) {
  absl::erase_if(records_, [cutoff](const auto& e) { return e.second.day < cutoff; });
}

std::vector<std::pair<std::uint32_t, const ChatRecord*>> ChatLog::range(DayKey first,
                                                                        DayKey last) const {
  std::vector<std::pair<std::uint32_t, const ChatRecord*>> out;
  for (const auto& [chat, r] : records_) {
    if (r.day >= first && r.day <= last) out.emplace_back(chat, &r);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second->requested_ms != b.second->requested_ms
               ? a.second->requested_ms < b.second->requested_ms
               : a.first < b.first;
  });
  return out;
}

}  // namespace vshop::analytics
