// The chat lifecycle (docs/reference.md §4): request, claim, decline, miss, left messages,
// presence, finish, rating, blocking, and the purchases attributed to chats (R-ATTR-1).
#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "attribution/money.hpp"
#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

absl::Status check_lat_lon(const std::optional<double>& lat, const std::optional<double>& lon) {
  if (lat.has_value() != lon.has_value()) {
    return error(ErrorCode::kInvalidArgument, "%s: required together with %s", lat ? "lon" : "lat",
                 lat ? "lat" : "lon");
  }
  if (lat && !(*lat >= -90 && *lat <= 90)) {
    return error(ErrorCode::kInvalidArgument, "lat: %g is outside -90..90", *lat);
  }
  if (lon && !(*lon >= -180 && *lon <= 180)) {
    return error(ErrorCode::kInvalidArgument, "lon: %g is outside -180..180", *lon);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Core::check_chat_expert(Idx c, Idx e, std::string_view what) const {
  const Chat& chat = chats[c];
  if (chat.state != ChatState::kActive) {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" is %s; %s needs an active chat", chat.id,
                 chat_state_name(chat.state), what);
  }
  if (chat.expert != e) {
    return error(ErrorCode::kNotChatExpert, "expert: \"%s\" is not the expert of chat \"%s\"",
                 experts[e].id, chat.id);
  }
  return absl::OkStatus();
}

absl::Status Core::request_chat(const Command& c) {
  if (auto s = check_lat_lon(c.lat, c.lon); !s.ok()) return s;
  const auto known = shopper_ids.find(absl::string_view(c.shopper.data(), c.shopper.size()));
  if (known != shopper_ids.end() && shoppers[known->second].open_chat != kNone) {
    last_chat_id = chats[shoppers[known->second].open_chat].id;  // R-CHAT-1
    return absl::OkStatus();
  }
  if (!c.chat.empty() && chat_ids.contains(std::string_view(c.chat))) {
    return error(ErrorCode::kAlreadyExists, "chat: \"%s\" already exists", c.chat);
  }
  if (chats.size() >= limits::kMaxChats) return limit_error("chat", "chats", limits::kMaxChats);
  if (known == shopper_ids.end() && shoppers.size() >= limits::kMaxShoppers) {
    return limit_error("shopper", "shoppers", limits::kMaxShoppers);
  }
  if (open_chats >= limits::kMaxOpenChats) {
    return limit_error("chat", "open chats", limits::kMaxOpenChats);
  }
  std::string id = c.chat;
  while (id.empty()) {
    // StrCat, not "c" + std::to_string(...): GCC 12 at -O3 reports a false -Wrestrict there.
    std::string candidate = absl::StrCat("c", next_chat_number++);
    if (!chat_ids.contains(std::string_view(candidate))) id = std::move(candidate);
  }
  const Idx sh = known != shopper_ids.end() ? known->second : intern_shopper(c.shopper);
  const auto idx = static_cast<Idx>(chats.size());
  Chat& chat = chats.emplace_back();
  chat.id = std::move(id);
  chat.shopper = sh;
  chat.requested_ms = now_ms;
  chat.claim_deadline_ms = std::min(now_ms + settings.claim_window.count(), kMaxEpochMs);
  chat.has_location = c.lat.has_value();
  if (chat.has_location) chat.where = unit_vector(*c.lat, *c.lon);
  if (c.department) chat.department = intern_department(*c.department);
  chat_ids.insert(idx);
  last_chat_id = chat.id;

  Shopper& shopper = shoppers[sh];
  const Idx previous = shopper.latest_chat;
  if (previous != kNone && chats[previous].state == ChatState::kFinished) {
    chat.reconnect_expert = chats[previous].expert;
  }
  chat.previous_chat = previous;
  shopper.latest_chat = idx;
  shopper.open_chat = idx;
  ++open_chats;
  shopper.online = true;
  if (shopper.blocked) {
    chat.silent = true;  // R-BLOCK-1: accepted silently, reaches nobody (nor the metrics)
    return absl::OkStatus();
  }
  fed(metrics.chat_requested(from_epoch_ms(now_ms), idx));
  start_wave(idx, now_ms, true);
  return absl::OkStatus();
}

LiveChat& Core::live(Chat& chat) {
  if (chat.live != kNone) return live_chats[chat.live];
  if (free_live.empty()) {
    chat.live = static_cast<Idx>(live_chats.size());
    return live_chats.emplace_back();
  }
  chat.live = free_live.back();
  free_live.pop_back();
  return live_chats[chat.live];
}

const LiveChat& Core::live_view(const Chat& chat) const {
  static const LiveChat kEmpty;
  return chat.live == kNone ? kEmpty : live_chats[chat.live];
}

void Core::release_live(Chat& chat) {
  if (chat.live == kNone) return;
  LiveChat& l = live_chats[chat.live];
  l.wave_timer = l.transfer_timer = kNoTimer;
  l.transfer_to = kNone;
  l.offers.clear();  // keeps its capacity for the next chat
  free_live.push_back(chat.live);
  chat.live = kNone;
}

// The one place where a chat becomes active with an expert (claim or take).
void Core::activate_chat(Idx c, Idx e, std::int64_t at_ms) {
  Chat& chat = chats[c];
  Expert& x = experts[e];
  chat.state = ChatState::kActive;
  chat.expert = e;
  if (chat.claimed_by == kNone) chat.claimed_by = e;
  ++x.active_chats;
  x.chats.insert(std::lower_bound(x.chats.begin(), x.chats.end(), c), c);
  set_idle(e, at_ms);
  contacts.touch(chat.shopper, e, c, from_epoch_ms(at_ms));
}

absl::Status Core::claim(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  Chat& chat = chats[*ch];
  if (experts[*e].pending_offer != *ch) {
    return error(ErrorCode::kOfferNotPending, "chat: no pending offer of \"%s\" to expert \"%s\"",
                 c.chat, c.expert);
  }
  if (experts[*e].active_chats >= settings.max_active_chats) {
    return error(ErrorCode::kAtCapacity, "expert: \"%s\" already has %d active chats", c.expert,
                 experts[*e].active_chats);
  }
  LiveChat& l = live(chat);
  cancel_timer(l.wave_timer);
  for (Offer& o : l.offers) {
    if (o.expert == *e && o.state == OfferState::kPending) o.state = OfferState::kClaimed;
  }
  experts[*e].pending_offer = kNone;
  // R-AVAIL-3/4: a claim (not a take or an accepted transfer) resets both streaks.
  experts[*e].decline_streak = 0;
  experts[*e].missed_streak = 0;
  activate_chat(*ch, *e, now_ms);
  record_claim_wait(*ch, now_ms);
  fed(metrics.chat_claimed(from_epoch_ms(chat.requested_ms), from_epoch_ms(now_ms), *ch, *e,
                           metrics_store(*e)));
  Effect& eff = emit(EffectKind::kChatClaimed, now_ms);
  eff.chat = chat.id;
  eff.expert = c.expert;
  for (const Offer& o : l.offers) {  // offer order (R-CHAT-3)
    if (o.state == OfferState::kPending)
      withdraw_offer(*ch, o.expert, now_ms, WithdrawReason::kClaimedByOther);
  }
  release_live(chat);  // routing is over; a transfer makes a new record
  return absl::OkStatus();
}

absl::Status Core::decline(const Command& c, bool go_unavailable) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (experts[*e].pending_offer != *ch) {
    return error(ErrorCode::kOfferNotPending, "chat: no pending offer of \"%s\" to expert \"%s\"",
                 c.chat, c.expert);
  }
  withdraw_offer(*ch, *e, now_ms, WithdrawReason::kDeclined);
  Expert& x = experts[*e];
  ++x.decline_streak;
  x.missed_streak = 0;
  if (go_unavailable) {
    make_unavailable(*e, now_ms, UnavailableReason::kRequested);
  } else if (x.decline_streak >= settings.decline_streak_limit) {
    make_unavailable(*e, now_ms, UnavailableReason::kDeclineStreak);
  }
  offer_replacement(*ch, now_ms);
  return absl::OkStatus();
}

absl::Status Core::leave_message(const Command& c) {
  const std::optional<NotifyChannel> channel = notify_channel_from_name(c.channel);
  if (!channel) {
    return error(ErrorCode::kInvalidArgument, "channel: \"%s\" is not email or sms", c.channel);
  }
  if (c.address.empty()) {
    return error(ErrorCode::kInvalidArgument, "address: must not be empty");
  }
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  Chat& chat = chats[*ch];
  if (chat.state != ChatState::kMissed) {
    return error(ErrorCode::kInvalidState,
                 "chat: \"%s\" is %s; a message can be left on a "
                 "missed chat",
                 c.chat, chat_state_name(chat.state));
  }
  Shopper& shopper = shoppers[chat.shopper];
  if (shopper.open_chat != kNone) {
    return error(ErrorCode::kInvalidState, "chat: shopper \"%s\" already has the open chat \"%s\"",
                 shopper.id, chats[shopper.open_chat].id);
  }
  if (open_chats >= limits::kMaxOpenChats) {
    return limit_error("chat", "open chats", limits::kMaxOpenChats);
  }
  chat.state = ChatState::kLeftMessage;
  messages[*ch] = LeftMessage{c.text, *channel, c.address};
  chat.has_contact = true;
  shopper.open_chat = *ch;
  ++open_chats;
  left_messages.insert(*ch);
  emit(EffectKind::kLeftMessageQueued, now_ms).chat = chat.id;
  return absl::OkStatus();
}

absl::Status Core::take_left_message(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  Chat& chat = chats[*ch];
  if (chat.state != ChatState::kLeftMessage) {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" is %s, not a left message", c.chat,
                 chat_state_name(chat.state));
  }
  if (!experts[*e].available) {
    return error(ErrorCode::kInvalidState, "expert: \"%s\" is not available", c.expert);
  }
  if (experts[*e].active_chats >= settings.max_active_chats) {
    return error(ErrorCode::kAtCapacity, "expert: \"%s\" already has %d active chats", c.expert,
                 experts[*e].active_chats);
  }
  left_messages.erase(*ch);
  activate_chat(*ch, *e, now_ms);
  fed(metrics.chat_taken(from_epoch_ms(now_ms), *ch, *e, metrics_store(*e)));
  chat.notified = false;
  shoppers[chat.shopper].online = false;  // R-CHAT-6: the shopper is shown as offline
  Effect& eff = emit(EffectKind::kChatTaken, now_ms);
  eff.chat = chat.id;
  eff.expert = c.expert;
  return absl::OkStatus();
}

absl::Status Core::send_message(const Command& c) {
  const bool from_expert = c.from == "expert";
  if (!from_expert && c.from != "shopper") {
    return error(ErrorCode::kInvalidArgument, "from: \"%s\" is not expert or shopper", c.from);
  }
  if (c.message_kind) {
    static constexpr std::string_view kKinds[] = {"text", "product_card", "media", "appointment",
                                                  "saved_reply"};
    if (std::find(std::begin(kKinds), std::end(kKinds), *c.message_kind) == std::end(kKinds)) {
      return error(ErrorCode::kInvalidArgument, "kind: \"%s\" is not a message kind",
                   *c.message_kind);
    }
  }
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  Chat& chat = chats[*ch];
  if (!from_expert && (chat.state == ChatState::kRequested ||
                       (chat.state == ChatState::kBlocked && shoppers[chat.shopper].blocked))) {
    // A waiting (or silently blocked) shopper may type, and a blocked shopper in the chat where
    // they were blocked: accepted without effect, reaches nobody (R-BLOCK-1, R-PIN-5).
    return absl::OkStatus();
  }
  if (chat.state != ChatState::kActive) {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" is %s; messages need an active chat",
                 c.chat, chat_state_name(chat.state));
  }
  contacts.touch(chat.shopper, chat.expert, *ch, from_epoch_ms(now_ms));
  const Shopper& shopper = shoppers[chat.shopper];
  if (from_expert && !shopper.online && chat.has_contact && !chat.notified) {
    chat.notified = true;  // R-CHAT-7: once per offline period
    Effect& eff = emit(EffectKind::kNotifyShopper, now_ms);
    eff.chat = chat.id;
    eff.shopper = shopper.id;
    if (const auto m = messages.find(*ch); m != messages.end()) {
      eff.channel = m->second.channel;
      eff.address = m->second.address;
    }
  }
  return absl::OkStatus();
}

absl::Status Core::shopper_presence(const Command& c, bool online) {
  auto sh = find_shopper(c.shopper);
  if (!sh.ok()) return sh.status();
  Shopper& shopper = shoppers[*sh];
  if (shopper.online == online) return absl::OkStatus();
  shopper.online = online;
  if (online && shopper.open_chat != kNone) chats[shopper.open_chat].notified = false;
  return absl::OkStatus();
}

// The one place where an active chat ends: pending transfer, then video, then the chat
// (R-XFER-2, docs/reference.md §11 order of effects).
void Core::end_chat(Idx c, std::int64_t at_ms, ChatState final_state) {
  Chat& chat = chats[c];
  if (live_view(chat).transfer_to != kNone) fail_transfer(c, at_ms, TransferFailReason::kChatEnded);
  release_live(chat);
  if (chat.video) stop_video(c, at_ms);
  const Idx e = chat.expert;
  Expert& x = experts[e];
  chat.state = final_state;
  --x.active_chats;
  x.chats.erase(std::lower_bound(x.chats.begin(), x.chats.end(), c));
  set_idle(e, at_ms);
  shoppers[chat.shopper].open_chat = kNone;
  --open_chats;
  // A finish is a contact for attribution; a block is not (R-ATTR-1, R-PIN-5).
  if (final_state == ChatState::kFinished) contacts.touch(chat.shopper, e, c, from_epoch_ms(at_ms));
  Effect& eff = emit(
      final_state == ChatState::kFinished ? EffectKind::kChatFinished : EffectKind::kShopperBlocked,
      at_ms);
  eff.chat = chat.id;
  if (final_state == ChatState::kBlocked) eff.shopper = shoppers[chat.shopper].id;
  eff.expert = x.id;
}

absl::Status Core::finish_chat(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (auto s = check_chat_expert(*ch, *e, "finish_chat"); !s.ok()) return s;
  end_chat(*ch, now_ms, ChatState::kFinished);
  return absl::OkStatus();
}

absl::Status Core::rate_chat(const Command& c) {
  if (c.stars < 1 || c.stars > 5) {
    return error(ErrorCode::kInvalidArgument, "stars: %d is outside 1..5", c.stars);
  }
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  Chat& chat = chats[*ch];
  if (shoppers[chat.shopper].id != c.shopper) {
    return error(ErrorCode::kNotFound, "chat: shopper \"%s\" has no chat \"%s\"", c.shopper,
                 c.chat);
  }
  if (chat.state != ChatState::kFinished) {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" is %s, not finished", c.chat,
                 chat_state_name(chat.state));
  }
  if (chat.rating != 0) {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" is already rated", c.chat);
  }
  chat.rating = static_cast<std::uint8_t>(c.stars);
  fed(metrics.chat_rated(from_epoch_ms(now_ms), *ch, chat.expert, metrics_store(chat.expert),
                         chat.rating));
  return absl::OkStatus();
}

absl::Status Core::block_shopper(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (auto s = check_chat_expert(*ch, *e, "block_shopper"); !s.ok()) return s;
  shoppers[chats[*ch].shopper].blocked = true;
  end_chat(*ch, now_ms, ChatState::kBlocked);
  return absl::OkStatus();
}

absl::Status Core::unblock_shopper(const Command& c) {
  auto sh = find_shopper(c.shopper);
  if (!sh.ok()) return sh.status();
  Shopper& shopper = shoppers[*sh];
  if (!shopper.blocked) {
    return error(ErrorCode::kInvalidState, "shopper: \"%s\" is not blocked", c.shopper);
  }
  shopper.blocked = false;
  if (shopper.open_chat != kNone && chats[shopper.open_chat].silent) {
    chats[shopper.open_chat].state = ChatState::kClosed;  // closed silently (R-BLOCK-1)
    release_live(chats[shopper.open_chat]);
    shopper.open_chat = kNone;
    --open_chats;
  }
  return absl::OkStatus();
}

absl::Status Core::record_purchase(const Command& c) {
  // Integer minor units were checked to be a canonical 64-bit integer (validate_command); read
  // without exceptions all the same: nothing may escape the core.
  std::int64_t minor = 0;
  if (c.subtotal_is_integer) {
    const auto [end, ec] =
        std::from_chars(c.subtotal.data(), c.subtotal.data() + c.subtotal.size(), minor);
    if (ec != std::errc{} || end != c.subtotal.data() + c.subtotal.size()) {
      return error(ErrorCode::kInvalidArgument,
                   "subtotal: must be a decimal string or integer minor units");
    }
  }
  absl::StatusOr<attribution::Money> money = c.subtotal_is_integer
                                                 ? attribution::money_from_minor(minor, c.currency)
                                                 : attribution::parse_money(c.subtotal, c.currency);
  if (!money.ok()) return money.status();
  if (money->minor < 0) {
    // A purchase is never negative (refunds are not purchases); the dashboard sums would lie.
    return error(ErrorCode::kInvalidArgument, "subtotal: %s is negative", c.subtotal);
  }
  // The order's entry is made now (one hash of its id) and removed if a later check fails.
  const auto [record, fresh] = purchases.try_insert(c.order);
  if (!fresh) {
    return error(ErrorCode::kDuplicateOrder, "order: \"%s\" was already recorded", c.order);
  }
  std::optional<std::uint32_t> shopper;
  if (auto it = shopper_ids.find(absl::string_view(c.shopper.data(), c.shopper.size()));
      it != shopper_ids.end()) {
    shopper = it->second;
  }
  const auto decision =
      contacts.decide(shopper, from_epoch_ms(now_ms), settings.attribution_window_days);
  std::optional<analytics::Attribution> credited;
  if (decision.outcome == attribution::Outcome::kAttributed) {
    credited = analytics::Attribution{
        decision.contact.expert, metrics_store(decision.contact.expert), decision.contact.chat};
  }
  // The book refuses an order that would overflow the merchant's total of its currency: the
  // last check, made before anything changes (R-ERR-1).
  if (auto s =
          metrics.order_recorded(from_epoch_ms(now_ms), credited, money->currency, money->minor);
      !s.ok()) {
    purchases.pop_back();
    return s;
  }
  remember_purchase(*record, c, shopper.has_value(), decision);
  if (decision.outcome == attribution::Outcome::kAttributed) {
    Effect& eff = emit(EffectKind::kSaleAttributed, now_ms);
    eff.order = c.order;
    eff.shopper = c.shopper;
    eff.expert = experts[decision.contact.expert].id;
    eff.chat = chats[decision.contact.chat].id;
    eff.subtotal = c.subtotal;
    eff.subtotal_is_integer = c.subtotal_is_integer;
    eff.currency = c.currency;
  } else {
    Effect& eff = emit(EffectKind::kSaleUnattributed, now_ms);
    eff.order = c.order;
    eff.shopper = c.shopper;
    eff.reason = decision.outcome == attribution::Outcome::kNoContact
                     ? UnattributedReason::kNoContact
                     : UnattributedReason::kOutsideWindow;
  }
  return absl::OkStatus();
}

}  // namespace vshop::engine_detail
