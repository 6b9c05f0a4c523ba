// Effects (docs/reference.md §10): what the host must carry out, as plain values drained from the
// engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/engine/reason.hpp"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop {

enum class EffectKind : std::uint8_t {
  kChatOffered,
  kOfferWithdrawn,
  kOfferExpired,
  kChatClaimed,
  kChatMissed,
  kLeftMessageQueued,
  kChatTaken,
  kNotifyShopper,
  kChatFinished,
  kTransferOffered,
  kTransferCompleted,
  kTransferFailed,
  kShopperBlocked,
  kExpertAvailable,
  kExpertUnavailable,
  kVideoStarted,
  kVideoEnded,
  kSaleAttributed,
  kSaleUnattributed,
  kTeamDigest,
  kPiiAnonymized,
  kAppointmentSent,  // R-APPT-2
  kContactInvited,   // R-CONTACT-2
  kContactAdded,     // R-CONTACT-2
};

inline constexpr int kEffectKindCount = static_cast<int>(EffectKind::kContactAdded) + 1;

// The snake_case name used as `effect` in JSON ("unknown" outside the enum), and back.
VSHOP_API std::string_view effect_name(EffectKind kind);
VSHOP_API std::optional<EffectKind> effect_kind_from_name(std::string_view name);

// The reason vocabulary an effect kind carries (kNone for the kinds without a `reason`).
VSHOP_API ReasonVocabulary reason_vocabulary(EffectKind kind);

// The channel of a left message, which notify_shopper asks the host to use.
enum class NotifyChannel : std::uint8_t { kEmail, kSms };
// `email` / `sms` ("unknown" outside the enum), and back.
VSHOP_API std::string_view notify_channel_name(NotifyChannel channel);
VSHOP_API std::optional<NotifyChannel> notify_channel_from_name(std::string_view name);

// One effect. Which fields are meaningful depends on `kind` (docs/reference.md §11 lists them); the
// others stay empty. One flat struct rather than a variant keeps the outbox a single vector and the
// serializer a single switch.
struct Effect {
  EffectKind kind = EffectKind::kChatOffered;
  Instant at{};
  std::string chat;
  std::string expert;
  std::string shopper;
  std::string from;
  std::string to;
  std::vector<std::string> experts;  // chat_offered / offer_expired, in offer order
  std::optional<Instant> deadline;   // chat_offered / transfer_offered
  EffectReason reason;               // of reason_vocabulary(kind); empty for the others
  NotifyChannel channel = NotifyChannel::kEmail;  // notify_shopper
  std::string address;                            // notify_shopper
  std::string order;                              // sale_*
  std::string subtotal;                           // sale_attributed, echoed as given
  bool subtotal_is_integer = false;   // given as integer minor units: echoed as a JSON integer
  std::string currency;               // sale_attributed
  std::int64_t pending = 0;           // team_digest
  std::vector<std::string> managers;  // team_digest, sorted emails
  Instant start{}, end{};             // appointment_sent, UTC
  std::string ics;                    // appointment_sent: the RFC 5545 VCALENDAR text
  std::string contact_channel;        // contact_*: email, sms or whatsapp
  friend bool operator==(const Effect&, const Effect&) = default;
};

// The canonical JSON object of docs/reference.md §11 (keys `at`, `effect`, then the fields in
// order).
VSHOP_API std::string effect_to_json(const Effect& effect);
// The same text appended to `out` (for writers that buffer many effects).
VSHOP_API void append_effect_json(std::string& out, const Effect& effect);

}  // namespace vshop
