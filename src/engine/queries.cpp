// Const queries of the engine (docs/design.md: the first kind of method).
#include <algorithm>

#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;

std::string_view expert_account_name(ExpertAccount state) {
  switch (state) {
    case ExpertAccount::kPending:
      return "pending";
    case ExpertAccount::kApproved:
      return "approved";
    case ExpertAccount::kDeactivated:
      return "deactivated";
  }
  return "unknown";
}

std::string_view chat_state_name(ChatState state) {
  switch (state) {
    case ChatState::kRequested:
      return "requested";
    case ChatState::kActive:
      return "active";
    case ChatState::kFinished:
      return "finished";
    case ChatState::kMissed:
      return "missed";
    case ChatState::kLeftMessage:
      return "left_message";
    case ChatState::kBlocked:
      return "blocked";
    case ChatState::kClosed:
      return "closed";
  }
  return "unknown";
}

std::string_view message_sender_name(MessageSender sender) {
  switch (sender) {
    case MessageSender::kExpert:
      return "expert";
    case MessageSender::kShopper:
      return "shopper";
  }
  return "unknown";
}

std::string_view widget_state_name(WidgetState state) {
  switch (state) {
    case WidgetState::kVisible:
      return "visible";
    case WidgetState::kOngoingOnly:
      return "ongoing_only";
    case WidgetState::kHidden:
      return "hidden";
  }
  return "unknown";
}

std::optional<ExpertView> Engine::expert(std::string_view id) const {
  auto e = core_->find_expert(id);
  if (!e.ok()) return std::nullopt;
  const auto& x = core_->experts[*e];
  const auto chat_id = [&](Idx c) { return c == kNone ? std::string() : core_->chats[c].id; };
  ExpertView v;
  v.id = x.id;
  v.account = x.account;
  v.anonymized = x.anonymized;
  v.store = x.store == kNone ? std::string() : core_->stores[x.store].spec.id;
  v.available = x.available;
  v.active_chats = x.active_chats;
  v.missed_streak = x.missed_streak;
  v.decline_streak = x.decline_streak;
  v.pending_offer = chat_id(x.pending_offer);
  v.pending_transfer = chat_id(x.pending_transfer);
  v.video_chat = chat_id(x.video_chat);
  return v;
}

std::optional<ChatView> Engine::chat(std::string_view id) const {
  auto c = core_->find_chat(id);
  if (!c.ok()) return std::nullopt;
  const auto& chat = core_->chats[*c];
  ChatView v;
  v.id = chat.id;
  v.shopper = core_->shoppers[chat.shopper].id;
  v.state = chat.state;
  v.expert = chat.expert == kNone ? std::string() : core_->experts[chat.expert].id;
  v.transfer_pending = core_->live_view(chat).transfer_to != kNone;
  v.video = chat.video;
  for (const auto& o : core_->live_view(chat).offers) {
    if (o.state == engine_detail::OfferState::kPending) {
      v.pending_offers.push_back(core_->experts[o.expert].id);
    }
  }
  v.rating = chat.rating;
  v.shopper_online = core_->shoppers[chat.shopper].online;
  v.left_message = core_->messages.contains(*c);
  return v;
}

std::vector<std::string> Engine::open_chats(std::string_view expert) const {
  std::vector<std::string> out;
  auto e = core_->find_expert(expert);
  if (!e.ok()) return out;
  for (Idx c : core_->experts[*e].chats) out.push_back(core_->chats[c].id);
  return out;
}

absl::StatusOr<std::vector<StoreCandidates>> Engine::transfer_candidates(
    std::string_view chat) const {
  auto c = core_->find_chat(chat);
  if (!c.ok()) return c.status();
  const auto& ch = core_->chats[*c];
  std::vector<StoreCandidates> out;
  std::vector<Idx> order(core_->stores.size());
  for (Idx s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(),
            [&](Idx a, Idx b) { return core_->stores[a].spec.id < core_->stores[b].spec.id; });
  for (Idx s : order) {
    StoreCandidates group{core_->stores[s].spec.id, {}};
    for (Idx e : core_->stores[s].available) {
      if (e != ch.expert && core_->eligible(e)) group.experts.push_back(core_->experts[e].id);
    }
    if (group.experts.empty()) continue;
    std::sort(group.experts.begin(), group.experts.end());
    out.push_back(std::move(group));
  }
  return out;
}

std::vector<std::string> Engine::pending_left_messages() const {
  std::vector<std::string> out;
  for (Idx c : core_->left_messages) out.push_back(core_->chats[c].id);
  return out;
}

}  // namespace vshop
