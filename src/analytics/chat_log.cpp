#include "analytics/chat_log.hpp"

#include <algorithm>

namespace vshop::analytics {
namespace {

// A new id at most this far past the dense run extends it (the empty slots between cost 32 bytes
// each: at most a quarter of the run, or 128 KiB); an id further away goes to the sparse map.
std::uint64_t max_gap(std::size_t dense) { return std::max<std::uint64_t>(4096, dense / 4); }

}  // namespace

const ChatLog::Slot* ChatLog::find(std::uint32_t chat) const {
  if (chat >= base_ && chat - base_ < dense_.size()) {
    const Slot& s = dense_[chat - base_];
    if (s.outcome != kAbsent) return &s;
  }
  if (sparse_.empty()) return nullptr;
  auto it = sparse_.find(chat);
  return it == sparse_.end() ? nullptr : &it->second;
}

void ChatLog::clear_extras(std::uint32_t chat, Slot& s) {
  if (s.answer_delta == kFarAnswer) far_answers_.erase(chat);
  if (s.flags & kMoreHolders) more_holders_.erase(chat);
  if (s.flags & kHasOrders) orders_.erase(chat);
  s = Slot{};
}

ChatLog::Slot& ChatLog::make(std::uint32_t chat) {
  if (Slot* s = find(chat)) {
    clear_extras(chat, *s);
    return *s;
  }
  ++count_;
  if (dense_.empty()) {
    base_ = chat;
    return dense_.emplace_back();
  }
  if (chat >= base_) {
    const std::uint64_t offset = chat - base_;
    if (offset < dense_.size()) return dense_[offset];
    if (offset - dense_.size() < max_gap(dense_.size())) {
      dense_.resize(offset + 1);
      return dense_.back();
    }
  }
  return sparse_[chat];
}

void ChatLog::set_answer(std::uint32_t chat, Slot& s, std::int64_t answered_ms) {
  if (s.answer_delta == kFarAnswer) far_answers_.erase(chat);
  if (answered_ms == -1) {
    s.answer_delta = kNoAnswer;
    return;
  }
  // Unsigned arithmetic: the difference is exact whenever answered_ms >= requested_ms.
  const std::uint64_t delta =
      static_cast<std::uint64_t>(answered_ms) - static_cast<std::uint64_t>(s.requested_ms);
  if (answered_ms >= s.requested_ms && delta < kFarAnswer) {
    s.answer_delta = static_cast<std::uint32_t>(delta);
  } else {
    s.answer_delta = kFarAnswer;
    far_answers_[chat] = answered_ms;
  }
}

void ChatLog::add_holder(std::uint32_t chat, Slot& s, std::uint32_t expert, std::uint32_t store) {
  if (s.expert == kNone && !(s.flags & kMoreHolders) && expert != kNone) {
    s.expert = expert;
    s.store = store;
    return;
  }
  s.flags |= kMoreHolders;
  more_holders_[chat].emplace_back(expert, store);
}

void ChatLog::requested(std::uint32_t chat, std::int64_t at_ms, DayKey day) {
  Slot& s = make(chat);
  s.requested_ms = at_ms;
  s.day = day;
  s.outcome = static_cast<std::uint8_t>(ChatOutcome::kAwaiting);
}

void ChatLog::offered(std::uint32_t chat, std::uint32_t store) {
  if (Slot* s = find(chat); s != nullptr && s->first_offer_store == kNone) {
    s->first_offer_store = store;
  }
}

void ChatLog::handled(std::uint32_t chat, std::int64_t at_ms, ChatOutcome outcome,
                      std::uint32_t expert, std::uint32_t store) {
  Slot* s = find(chat);
  if (s == nullptr) return;
  set_answer(chat, *s, at_ms);
  s->outcome = static_cast<std::uint8_t>(outcome);
  add_holder(chat, *s, expert, store);
}

void ChatLog::missed(std::uint32_t chat) {
  if (Slot* s = find(chat)) s->outcome = static_cast<std::uint8_t>(ChatOutcome::kMissed);
}

void ChatLog::transferred(std::uint32_t chat, std::uint32_t expert, std::uint32_t store) {
  if (Slot* s = find(chat)) add_holder(chat, *s, expert, store);
}

void ChatLog::rated(std::uint32_t chat, int stars) {
  if (Slot* s = find(chat)) s->rating = static_cast<std::uint8_t>(stars);
}

void ChatLog::ordered(std::uint32_t chat, std::uint16_t currency, std::int64_t minor) {
  Slot* s = find(chat);
  if (s == nullptr) return;
  s->flags |= kHasOrders;
  absl::InlinedVector<OrderTotal, 1>& orders = orders_[chat];
  for (OrderTotal& o : orders) {
    if (o.currency == currency) {
      ++o.orders;
      o.gross_minor += minor;
      return;
    }
  }
  orders.push_back(OrderTotal{currency, 1, minor});
}

void ChatLog::prune(DayKey cutoff) {
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    Slot& s = dense_[i];
    if (s.outcome == kAbsent || s.day >= cutoff) continue;
    clear_extras(base_ + static_cast<std::uint32_t>(i), s);
    --count_;
  }
  const auto kept = std::find_if(dense_.begin(), dense_.end(),
                                 [](const Slot& s) { return s.outcome != kAbsent; });
  base_ += static_cast<std::uint32_t>(kept - dense_.begin());
  dense_.erase(dense_.begin(), kept);
  absl::erase_if(sparse_, [&](auto& e) {
    if (e.second.day >= cutoff) return false;
    clear_extras(e.first, e.second);
    --count_;
    return true;
  });
}

ChatRecord ChatLog::record(std::uint32_t chat, const Slot& s) const {
  ChatRecord r;
  r.requested_ms = s.requested_ms;
  r.answered_ms = s.answer_delta == kNoAnswer    ? -1
                  : s.answer_delta == kFarAnswer ? far_answers_.at(chat)
                                                 : s.requested_ms + s.answer_delta;
  r.day = s.day;
  r.outcome = static_cast<ChatOutcome>(s.outcome);
  r.rating = s.rating;
  r.first_offer_store = s.first_offer_store;
  if (s.expert != kNone) {
    r.experts.push_back(s.expert);
    r.stores.push_back(s.store);
  }
  if (s.flags & kMoreHolders) {
    for (const auto& [expert, store] : more_holders_.at(chat)) {
      r.experts.push_back(expert);
      r.stores.push_back(store);
    }
  }
  if (s.flags & kHasOrders) r.orders = orders_.at(chat);
  return r;
}

bool ChatLog::insert(std::uint32_t chat, const ChatRecord& record) {
  if (contains(chat)) return false;
  Slot& s = make(chat);
  s.requested_ms = record.requested_ms;
  s.day = record.day;
  s.outcome = static_cast<std::uint8_t>(record.outcome);
  s.rating = record.rating;
  s.first_offer_store = record.first_offer_store;
  set_answer(chat, s, record.answered_ms);
  for (std::size_t i = 0; i < std::min(record.experts.size(), record.stores.size()); ++i) {
    add_holder(chat, s, record.experts[i], record.stores[i]);
  }
  if (!record.orders.empty()) {
    s.flags |= kHasOrders;
    orders_[chat] = record.orders;
  }
  return true;
}

std::vector<std::pair<std::uint32_t, ChatRecord>> ChatLog::range(DayKey first, DayKey last) const {
  std::vector<std::pair<std::int64_t, std::uint32_t>> keys;  // (requested_ms, chat)
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    const Slot& s = dense_[i];
    if (s.outcome != kAbsent && s.day >= first && s.day <= last) {
      keys.emplace_back(s.requested_ms, base_ + static_cast<std::uint32_t>(i));
    }
  }
  for (const auto& [chat, s] : sparse_) {
    if (s.day >= first && s.day <= last) keys.emplace_back(s.requested_ms, chat);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::pair<std::uint32_t, ChatRecord>> out;
  out.reserve(keys.size());
  for (const auto& key : keys) out.emplace_back(key.second, record(key.second, *find(key.second)));
  return out;
}

std::vector<std::pair<std::uint32_t, ChatRecord>> ChatLog::all() const {
  std::vector<std::uint32_t> chats;
  chats.reserve(count_);
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    if (dense_[i].outcome != kAbsent) chats.push_back(base_ + static_cast<std::uint32_t>(i));
  }
  for (const auto& entry : sparse_) chats.push_back(entry.first);
  std::sort(chats.begin(), chats.end());
  std::vector<std::pair<std::uint32_t, ChatRecord>> out;
  out.reserve(chats.size());
  for (std::uint32_t chat : chats) out.emplace_back(chat, record(chat, *find(chat)));
  return out;
}

std::size_t ChatLog::bytes() const {
  const auto table = [](const auto& map) { return map.capacity() * (sizeof(*map.begin()) + 1); };
  std::size_t holders = 0;
  for (const auto& entry : more_holders_) holders += entry.second.capacity() * 8;
  return dense_.capacity() * sizeof(Slot) + table(sparse_) + table(far_answers_) +
         table(more_holders_) + holders + table(orders_);
}

}  // namespace vshop::analytics
