// The enum.Enum mirrors of the C++ enums (values: the snake_case names of the text contract;
// ErrorCode: an IntEnum of the stable numbers).
#include "conv.hpp"
#include "engine.hpp"
#include "vshop/analytics/metrics.hpp"
#include "vshop/engine/command.hpp"
#include "vshop/engine/effect.hpp"
#include "vshop/engine/reason.hpp"
#include "vshop/error.hpp"
#include "vshop/events/issue.hpp"

namespace vshop::python {

namespace {

// The reasons and the scope kind have no count constant: their last enumerator plus one.
template <typename E>
constexpr int count_to(E last) {
  return static_cast<int>(last) + 1;
}

std::string_view scope_kind_name(analytics::ScopeKind kind) {
  switch (kind) {
    case analytics::ScopeKind::kMerchant:
      return "merchant";
    case analytics::ScopeKind::kStore:
      return "store";
    case analytics::ScopeKind::kExpert:
      return "expert";
    case analytics::ScopeKind::kTeam:
      return "team";
  }
  return "unknown";
}

}  // namespace

void bind_enums(py::module_& m) {
  const auto reason = [](auto r) { return reason_name(r); };
  bind_enum<ErrorCode>(m, "ErrorCode", kErrorCodeCount, &error_code_name, true);
  bind_enum<ChatState>(m, "ChatState", count_to(ChatState::kClosed), &chat_state_name);
  bind_enum<ExpertAccount>(m, "ExpertAccount", count_to(ExpertAccount::kDeactivated),
                           &expert_account_name);
  bind_enum<WidgetState>(m, "WidgetState", count_to(WidgetState::kHidden), &widget_state_name);
  bind_enum<EffectKind>(m, "EffectKind", kEffectKindCount, &effect_name);
  bind_enum<MessageSender>(m, "MessageSender", count_to(MessageSender::kShopper),
                           &message_sender_name);
  bind_enum<NotifyChannel>(m, "NotifyChannel", count_to(NotifyChannel::kSms), &notify_channel_name);
  bind_enum<CommandKind>(m, "CommandKind", kCommandKindCount, &command_name);
  bind_enum<UnavailableReason>(m, "UnavailableReason",
                               count_to(UnavailableReason::kStoreDeactivated), reason);
  bind_enum<WithdrawReason>(m, "WithdrawReason", count_to(WithdrawReason::kExpertUnavailable),
                            reason);
  bind_enum<MissReason>(m, "MissReason", count_to(MissReason::kClaimWindow), reason);
  bind_enum<TransferFailReason>(m, "TransferFailReason", count_to(TransferFailReason::kChatEnded),
                                reason);
  bind_enum<UnattributedReason>(m, "UnattributedReason",
                                count_to(UnattributedReason::kOutsideWindow), reason);
  bind_enum<analytics::ScopeKind>(m, "ScopeKind", count_to(analytics::ScopeKind::kTeam),
                                  &scope_kind_name);
  bind_enum<events::Severity>(m, "Severity", count_to(events::Severity::kWarning),
                              &events::severity_name);
  bind_enum<events::EventType>(m, "EventType", count_to(events::EventType::kProductSearch),
                               &events::event_type_name);
  bind_enum<events::IssueCode>(m, "IssueCode", events::kIssueCodeCount, &events::issue_code_name);
}

}  // namespace vshop::python
