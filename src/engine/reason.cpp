// Name tables of the effect reasons (docs/reference.md §11 "Reasons"): one array per vocabulary,
// indexed by the enum value, so a name and its enum cannot drift apart.
#include "vshop/engine/reason.hpp"

#include <array>
#include <cstddef>

namespace vshop {
namespace {

constexpr std::array<std::string_view, 6> kUnavailableNames = {
    "requested",     "store_closed", "decline_streak",
    "missed_streak", "deactivated",  "store_deactivated"};
constexpr std::array<std::string_view, 3> kWithdrawNames = {"claimed_by_other", "declined",
                                                            "expert_unavailable"};
constexpr std::array<std::string_view, 2> kMissNames = {"no_expert_available", "claim_window"};
constexpr std::array<std::string_view, 4> kTransferFailNames = {"declined", "timeout",
                                                                "target_unavailable", "chat_ended"};
constexpr std::array<std::string_view, 2> kUnattributedNames = {"no_contact", "outside_window"};

static_assert(kUnavailableNames.size() ==
              static_cast<std::size_t>(UnavailableReason::kStoreDeactivated) + 1);
static_assert(kWithdrawNames.size() ==
              static_cast<std::size_t>(WithdrawReason::kExpertUnavailable) + 1);
static_assert(kMissNames.size() == static_cast<std::size_t>(MissReason::kClaimWindow) + 1);
static_assert(kTransferFailNames.size() ==
              static_cast<std::size_t>(TransferFailReason::kChatEnded) + 1);
static_assert(kUnattributedNames.size() ==
              static_cast<std::size_t>(UnattributedReason::kOutsideWindow) + 1);

template <typename R, std::size_t N>
std::string_view name_in(const std::array<std::string_view, N>& names, R reason) {
  const auto i = static_cast<std::size_t>(reason);
  return i < N ? names[i] : std::string_view("unknown");
}

template <typename R, std::size_t N>
std::optional<R> find_in(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<R>(i);
  }
  return std::nullopt;
}

template <typename R, std::size_t N>
std::optional<EffectReason> reason_in(const std::array<std::string_view, N>& names,
                                      std::string_view name) {
  const std::optional<R> r = find_in<R>(names, name);
  if (!r) return std::nullopt;
  return EffectReason(*r);
}

}  // namespace

std::string_view reason_name(UnavailableReason r) { return name_in(kUnavailableNames, r); }
std::string_view reason_name(WithdrawReason r) { return name_in(kWithdrawNames, r); }
std::string_view reason_name(MissReason r) { return name_in(kMissNames, r); }
std::string_view reason_name(TransferFailReason r) { return name_in(kTransferFailNames, r); }
std::string_view reason_name(UnattributedReason r) { return name_in(kUnattributedNames, r); }

std::optional<UnavailableReason> unavailable_reason_from_name(std::string_view name) {
  return find_in<UnavailableReason>(kUnavailableNames, name);
}
std::optional<WithdrawReason> withdraw_reason_from_name(std::string_view name) {
  return find_in<WithdrawReason>(kWithdrawNames, name);
}
std::optional<MissReason> miss_reason_from_name(std::string_view name) {
  return find_in<MissReason>(kMissNames, name);
}
std::optional<TransferFailReason> transfer_fail_reason_from_name(std::string_view name) {
  return find_in<TransferFailReason>(kTransferFailNames, name);
}
std::optional<UnattributedReason> unattributed_reason_from_name(std::string_view name) {
  return find_in<UnattributedReason>(kUnattributedNames, name);
}

std::string_view EffectReason::name() const {
  switch (vocabulary_) {
    case ReasonVocabulary::kNone:
      return "";
    case ReasonVocabulary::kUnavailable:
      return reason_name(static_cast<UnavailableReason>(code_));
    case ReasonVocabulary::kWithdraw:
      return reason_name(static_cast<WithdrawReason>(code_));
    case ReasonVocabulary::kMiss:
      return reason_name(static_cast<MissReason>(code_));
    case ReasonVocabulary::kTransferFail:
      return reason_name(static_cast<TransferFailReason>(code_));
    case ReasonVocabulary::kUnattributed:
      return reason_name(static_cast<UnattributedReason>(code_));
  }
  return "unknown";
}

std::optional<EffectReason> effect_reason_from_name(ReasonVocabulary vocabulary,
                                                    std::string_view name) {
  switch (vocabulary) {
    case ReasonVocabulary::kNone:
      if (name.empty()) return EffectReason{};
      return std::nullopt;
    case ReasonVocabulary::kUnavailable:
      return reason_in<UnavailableReason>(kUnavailableNames, name);
    case ReasonVocabulary::kWithdraw:
      return reason_in<WithdrawReason>(kWithdrawNames, name);
    case ReasonVocabulary::kMiss:
      return reason_in<MissReason>(kMissNames, name);
    case ReasonVocabulary::kTransferFail:
      return reason_in<TransferFailReason>(kTransferFailNames, name);
    case ReasonVocabulary::kUnattributed:
      return reason_in<UnattributedReason>(kUnattributedNames, name);
  }
  return std::nullopt;
}

}  // namespace vshop
