// The canonical text of effects (docs/reference.md §11): keys `at`, `effect`, then the fields in
// the order the contract lists them.
#include "vshop/engine/effect.hpp"

#include "core/json_writer.hpp"

namespace vshop {

std::string_view effect_name(EffectKind kind) {
  switch (kind) {
    case EffectKind::kChatOffered:
      return "chat_offered";
    case EffectKind::kOfferWithdrawn:
      return "offer_withdrawn";
    case EffectKind::kOfferExpired:
      return "offer_expired";
    case EffectKind::kChatClaimed:
      return "chat_claimed";
    case EffectKind::kChatMissed:
      return "chat_missed";
    case EffectKind::kLeftMessageQueued:
      return "left_message_queued";
    case EffectKind::kChatTaken:
      return "chat_taken";
    case EffectKind::kNotifyShopper:
      return "notify_shopper";
    case EffectKind::kChatFinished:
      return "chat_finished";
    case EffectKind::kTransferOffered:
      return "transfer_offered";
    case EffectKind::kTransferCompleted:
      return "transfer_completed";
    case EffectKind::kTransferFailed:
      return "transfer_failed";
    case EffectKind::kShopperBlocked:
      return "shopper_blocked";
    case EffectKind::kExpertAvailable:
      return "expert_available";
    case EffectKind::kExpertUnavailable:
      return "expert_unavailable";
    case EffectKind::kVideoStarted:
      return "video_started";
    case EffectKind::kVideoEnded:
      return "video_ended";
    case EffectKind::kSaleAttributed:
      return "sale_attributed";
    case EffectKind::kSaleUnattributed:
      return "sale_unattributed";
    case EffectKind::kTeamDigest:
      return "team_digest";
    case EffectKind::kPiiAnonymized:
      return "pii_anonymized";
    case EffectKind::kAppointmentSent:
      return "appointment_sent";
    case EffectKind::kContactInvited:
      return "contact_invited";
    case EffectKind::kContactAdded:
      return "contact_added";
  }
  return "unknown";
}

std::optional<EffectKind> effect_kind_from_name(std::string_view name) {
  for (int i = 0; i < kEffectKindCount; ++i) {
    const auto kind = static_cast<EffectKind>(i);
    if (effect_name(kind) == name) return kind;
  }
  return std::nullopt;
}

ReasonVocabulary reason_vocabulary(EffectKind kind) {
  switch (kind) {
    case EffectKind::kExpertUnavailable:
      return ReasonVocabulary::kUnavailable;
    case EffectKind::kOfferWithdrawn:
      return ReasonVocabulary::kWithdraw;
    case EffectKind::kChatMissed:
      return ReasonVocabulary::kMiss;
    case EffectKind::kTransferFailed:
      return ReasonVocabulary::kTransferFail;
    case EffectKind::kSaleUnattributed:
      return ReasonVocabulary::kUnattributed;
    default:
      return ReasonVocabulary::kNone;
  }
}

std::string_view notify_channel_name(NotifyChannel channel) {
  switch (channel) {
    case NotifyChannel::kEmail:
      return "email";
    case NotifyChannel::kSms:
      return "sms";
  }
  return "unknown";
}

std::optional<NotifyChannel> notify_channel_from_name(std::string_view name) {
  if (name == "email") return NotifyChannel::kEmail;
  if (name == "sms") return NotifyChannel::kSms;
  return std::nullopt;
}

namespace {
void strings(JsonWriter& out, std::string_view name, const std::vector<std::string>& list) {
  out.key(name).begin_array();
  for (const auto& s : list) out.string(s);
  out.end_array();
}
}  // namespace

void write_effect(JsonWriter& out, const Effect& e) {
  out.begin_object();
  out.key("at").instant(e.at);
  out.key("effect").string(effect_name(e.kind));
  const auto str = [&](std::string_view name, const std::string& value) {
    out.key(name).string(value);
  };
  switch (e.kind) {
    case EffectKind::kChatOffered:
      str("chat", e.chat);
      strings(out, "experts", e.experts);
      out.key("deadline").instant(e.deadline.value_or(e.at));
      break;
    case EffectKind::kOfferWithdrawn:
      str("chat", e.chat);
      str("expert", e.expert);
      out.key("reason").string(e.reason.name());
      break;
    case EffectKind::kOfferExpired:
      str("chat", e.chat);
      strings(out, "experts", e.experts);
      break;
    case EffectKind::kChatClaimed:
    case EffectKind::kChatTaken:
    case EffectKind::kChatFinished:
    case EffectKind::kVideoStarted:
    case EffectKind::kVideoEnded:
      str("chat", e.chat);
      str("expert", e.expert);
      break;
    case EffectKind::kChatMissed:
      str("chat", e.chat);
      out.key("reason").string(e.reason.name());
      break;
    case EffectKind::kLeftMessageQueued:
      str("chat", e.chat);
      break;
    case EffectKind::kNotifyShopper:
      str("chat", e.chat);
      str("shopper", e.shopper);
      out.key("channel").string(notify_channel_name(e.channel));
      str("address", e.address);
      break;
    case EffectKind::kTransferOffered:
      str("chat", e.chat);
      str("from", e.from);
      str("to", e.to);
      out.key("deadline").instant(e.deadline.value_or(e.at));
      break;
    case EffectKind::kTransferCompleted:
      str("chat", e.chat);
      str("from", e.from);
      str("to", e.to);
      break;
    case EffectKind::kTransferFailed:
      str("chat", e.chat);
      str("from", e.from);
      str("to", e.to);
      out.key("reason").string(e.reason.name());
      break;
    case EffectKind::kShopperBlocked:
      str("chat", e.chat);
      str("shopper", e.shopper);
      str("expert", e.expert);
      break;
    case EffectKind::kExpertAvailable:
      str("expert", e.expert);
      break;
    case EffectKind::kExpertUnavailable:
      str("expert", e.expert);
      out.key("reason").string(e.reason.name());
      break;
    case EffectKind::kSaleAttributed:
      str("order", e.order);
      str("shopper", e.shopper);
      str("expert", e.expert);
      str("chat", e.chat);
      if (e.subtotal_is_integer) {
        out.key("subtotal").raw(e.subtotal);
      } else {
        str("subtotal", e.subtotal);
      }
      str("currency", e.currency);
      break;
    case EffectKind::kSaleUnattributed:
      str("order", e.order);
      str("shopper", e.shopper);
      out.key("reason").string(e.reason.name());
      break;
    case EffectKind::kTeamDigest:
      out.key("pending").integer(e.pending);
      strings(out, "managers", e.managers);
      break;
    case EffectKind::kPiiAnonymized:
      break;
    case EffectKind::kAppointmentSent:
      str("chat", e.chat);
      str("expert", e.expert);
      out.key("start").instant(e.start);
      out.key("end").instant(e.end);
      str("ics", e.ics);
      break;
    case EffectKind::kContactInvited:
      str("chat", e.chat);
      str("expert", e.expert);
      str("shopper", e.shopper);
      str("channel", e.contact_channel);
      break;
    case EffectKind::kContactAdded:
      str("expert", e.expert);
      str("shopper", e.shopper);
      str("channel", e.contact_channel);
      str("address", e.address);
      break;
  }
  out.end_object();
}

std::string effect_to_json(const Effect& effect) {
  JsonWriter out;
  write_effect(out, effect);
  return out.take();
}

void append_effect_json(std::string& out, const Effect& effect) {
  thread_local JsonWriter writer;  // reused: its buffer keeps its capacity
  writer.clear();
  write_effect(writer, effect);
  out += writer.str();
}

}  // namespace vshop
