// The reasons that effects carry (docs/reference.md §11 "Reasons"): one enum per vocabulary, each
// with its snake_case JSON name and the way back, and EffectReason, the one typed value an Effect
// holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "vshop/export.hpp"

namespace vshop {

// expert_unavailable: why an expert stopped being available.
enum class UnavailableReason : std::uint8_t {
  kRequested,         // go_unavailable / decline_and_go_unavailable
  kStoreClosed,       // the store's opening hours ended (R-AVAIL-3)
  kDeclineStreak,     // decline_streak_limit consecutive declines (R-AVAIL-4)
  kMissedStreak,      // missed_streak_limit consecutive expired offers (R-AVAIL-4)
  kDeactivated,       // deactivate_expert
  kStoreDeactivated,  // deactivate_store
};

// offer_withdrawn: why a pending offer was taken back from one expert.
enum class WithdrawReason : std::uint8_t {
  kClaimedByOther,     // another expert claimed the chat
  kDeclined,           // the expert declined it
  kExpertUnavailable,  // the expert stopped being available
};

// chat_missed: why a requested chat ended without a claim.
enum class MissReason : std::uint8_t {
  kNoExpertAvailable,  // nobody left to offer it to
  kClaimWindow,        // claim_window elapsed (wins when both hold, R-CHAT-5)
};

// transfer_failed: why a transfer offer ended without the target taking the chat.
enum class TransferFailReason : std::uint8_t {
  kDeclined,           // decline_transfer
  kTimeout,            // transfer_timeout elapsed
  kTargetUnavailable,  // the target stopped being available or was deactivated
  kChatEnded,          // the chat was finished or the shopper blocked
};

// sale_unattributed: why a purchase went to nobody (R-ATTR-1).
enum class UnattributedReason : std::uint8_t {
  kNoContact,      // the shopper never had a contact
  kOutsideWindow,  // the last contact is older than attribution_window_days
};

// The JSON name of each reason (`store_closed`, `claimed_by_other`, ...); "unknown" for a value
// outside the enum.
VSHOP_API std::string_view reason_name(UnavailableReason reason);
VSHOP_API std::string_view reason_name(WithdrawReason reason);
VSHOP_API std::string_view reason_name(MissReason reason);
VSHOP_API std::string_view reason_name(TransferFailReason reason);
VSHOP_API std::string_view reason_name(UnattributedReason reason);

// The reason of a JSON name, if it is one of that vocabulary (exact, case-sensitive).
VSHOP_API std::optional<UnavailableReason> unavailable_reason_from_name(std::string_view name);
VSHOP_API std::optional<WithdrawReason> withdraw_reason_from_name(std::string_view name);
VSHOP_API std::optional<MissReason> miss_reason_from_name(std::string_view name);
VSHOP_API std::optional<TransferFailReason> transfer_fail_reason_from_name(std::string_view name);
VSHOP_API std::optional<UnattributedReason> unattributed_reason_from_name(std::string_view name);

// Which vocabulary a reason value belongs to (kNone: the effect carries no reason).
enum class ReasonVocabulary : std::uint8_t {
  kNone,
  kUnavailable,   // expert_unavailable
  kWithdraw,      // offer_withdrawn
  kMiss,          // chat_missed
  kTransferFail,  // transfer_failed
  kUnattributed,  // sale_unattributed
};

namespace reason_detail {
template <typename R>
struct VocabularyOf;
template <>
struct VocabularyOf<UnavailableReason> {
  static constexpr ReasonVocabulary kValue = ReasonVocabulary::kUnavailable;
};
template <>
struct VocabularyOf<WithdrawReason> {
  static constexpr ReasonVocabulary kValue = ReasonVocabulary::kWithdraw;
};
template <>
struct VocabularyOf<MissReason> {
  static constexpr ReasonVocabulary kValue = ReasonVocabulary::kMiss;
};
template <>
struct VocabularyOf<TransferFailReason> {
  static constexpr ReasonVocabulary kValue = ReasonVocabulary::kTransferFail;
};
template <>
struct VocabularyOf<UnattributedReason> {
  static constexpr ReasonVocabulary kValue = ReasonVocabulary::kUnattributed;
};
}  // namespace reason_detail

// A reason of any vocabulary, or none: two bytes, comparable with any reason enum
// (`effect.reason == WithdrawReason::kDeclined`). Only values of the five enums can be stored,
// so a misspelt reason does not compile.
class VSHOP_API EffectReason {
 public:
  constexpr EffectReason() = default;
  template <typename R, ReasonVocabulary V = reason_detail::VocabularyOf<R>::kValue>
  constexpr EffectReason(R reason)  // NOLINT(google-explicit-constructor): a reason is a reason
      : vocabulary_(V), code_(static_cast<std::uint8_t>(reason)) {}

  constexpr ReasonVocabulary vocabulary() const { return vocabulary_; }
  constexpr bool empty() const { return vocabulary_ == ReasonVocabulary::kNone; }
  // The reason as enum R, or nullopt when it belongs to another vocabulary (or is empty).
  template <typename R, ReasonVocabulary V = reason_detail::VocabularyOf<R>::kValue>
  constexpr std::optional<R> as() const {
    if (vocabulary_ != V) return std::nullopt;
    return static_cast<R>(code_);
  }
  // The JSON name; "" when empty.
  std::string_view name() const;

  friend constexpr bool operator==(const EffectReason&, const EffectReason&) = default;

 private:
  ReasonVocabulary vocabulary_ = ReasonVocabulary::kNone;
  std::uint8_t code_ = 0;
};

// Reads a reason name in the vocabulary `vocabulary` (nullopt when it is not one of its names;
// kNone reads only "" as the empty reason).
VSHOP_API std::optional<EffectReason> effect_reason_from_name(ReasonVocabulary vocabulary,
                                                              std::string_view name);

}  // namespace vshop
