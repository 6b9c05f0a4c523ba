// R-CONTACT-2: an expert invites the shopper of their chat to their contacts; the shopper opts
// in within 7 days. Invitations and contacts are personal data (R-SCHED-2).
#include <algorithm>

#include "core/json_writer.hpp"
#include "engine/core.hpp"
#include "engine/phone_number.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

constexpr std::int64_t kInvitationMs = 7 * 86'400'000LL;
constexpr std::string_view kChannels[] = {"email", "sms", "whatsapp"};

absl::Status check_invitation_fields(const Command& c) {
  if (std::find(std::begin(kChannels), std::end(kChannels), c.channel) == std::end(kChannels)) {
    return error(ErrorCode::kInvalidArgument, "channel: \"%s\" is not email, sms or whatsapp",
                 c.channel);
  }
  if (c.channel == "email") {
    if (!plausible_email(trim_space(c.address))) {
      return error(ErrorCode::kInvalidArgument, "address: \"%s\" is not an email address",
                   c.address);
    }
  } else if (!valid_e164_phone(c.address)) {
    return error(ErrorCode::kInvalidArgument,
                 "address: \"%s\" is not a valid E.164 phone number (+ and 8..15 digits)",
                 c.address);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Core::invite_contact(const Command& c) {
  if (auto s = check_invitation_fields(c); !s.ok()) return s;
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (auto s = check_chat_expert(*ch, *e, "invite_contact"); !s.ok()) return s;
  const auto& enabled = settings.contact_channels;
  if (std::find(enabled.begin(), enabled.end(), c.channel) == enabled.end()) {
    return error(ErrorCode::kChannelDisabled, "channel: \"%s\" is not in contact_channels",
                 c.channel);
  }
  const Chat& chat = chats[*ch];
  // A chat holds one pending invitation: a new one replaces it.
  invitations[*ch] =
      Invitation{*e, c.channel, c.channel == "email" ? trim_space(c.address) : c.address, now_ms};
  Effect& eff = emit(EffectKind::kContactInvited, now_ms);
  eff.chat = chat.id;
  eff.expert = experts[*e].id;
  eff.shopper = shoppers[chat.shopper].id;
  eff.contact_channel = c.channel;
  return absl::OkStatus();
}

absl::Status Core::accept_contact(const Command& c) {
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  const Chat& chat = chats[*ch];
  if (shoppers[chat.shopper].id != c.shopper) {  // another shopper's chat is not theirs to see
    return error(ErrorCode::kNotFound, "chat: \"%s\" is not a chat of shopper \"%s\"", c.chat,
                 c.shopper);
  }
  auto it = invitations.find(*ch);
  if (it == invitations.end()) {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" has no pending contact invitation",
                 c.chat);
  }
  if (now_ms > it->second.at_ms + kInvitationMs) {
    return error(ErrorCode::kInvalidState, "chat: the invitation of %s expired after 7 days",
                 format_instant(from_epoch_ms(it->second.at_ms)));
  }
  Invitation inv = std::move(it->second);
  invitations.erase(it);
  Effect& eff = emit(EffectKind::kContactAdded, now_ms);
  eff.expert = experts[inv.expert].id;
  eff.shopper = shoppers[chat.shopper].id;
  eff.contact_channel = inv.channel;
  eff.address = inv.address;
  address_book[{inv.expert, chat.shopper}] =
      SavedContact{std::move(inv.channel), std::move(inv.address)};
  return absl::OkStatus();
}

void Core::erase_contacts_of(Idx expert) {
  absl::erase_if(invitations, [&](const auto& entry) { return entry.second.expert == expert; });
  absl::erase_if(address_book, [&](const auto& entry) { return entry.first.first == expert; });
}

}  // namespace vshop::engine_detail

namespace vshop {

absl::StatusOr<std::vector<ContactEntry>> Engine::contacts(std::string_view expert) const {
  const auto& core = *core_;
  auto e = core.find_expert(expert);
  if (!e.ok()) return e.status();
  std::vector<ContactEntry> out;
  for (auto it = core.address_book.lower_bound({*e, 0});
       it != core.address_book.end() && it->first.first == *e; ++it) {
    out.push_back({core.shoppers[it->first.second].id, it->second.channel, it->second.address});
  }
  std::sort(out.begin(), out.end(),
            [](const ContactEntry& a, const ContactEntry& b) { return a.shopper < b.shopper; });
  return out;
}

std::string contacts_to_json(const std::vector<ContactEntry>& contacts) {
  JsonWriter out;
  out.begin_array();
  for (const ContactEntry& c : contacts) {
    out.begin_object();
    out.key("shopper").string(c.shopper);
    out.key("channel").string(c.channel);
    out.key("address").string(c.address);
    out.end_object();
  }
  out.end_array();
  return out.take();
}

}  // namespace vshop
