// R-WHY-1: the troubleshooting answers. Each reads the state through the engine's own checks
// (expert_blockers shares capacity_free with routing's eligible(); explain_widget is
// widget_decision in widget.cpp; a purchase keeps the decision record_purchase made).
#include <algorithm>

#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;

std::string_view widget_reason_name(WidgetReason reason) {
  switch (reason) {
    case WidgetReason::kUrlDenied:
      return "url_denied";
    case WidgetReason::kUrlNotAllowed:
      return "url_not_allowed";
    case WidgetReason::kPageTypeNotShown:
      return "page_type_not_shown";
    case WidgetReason::kGeoHidden:
      return "geo_hidden";
    case WidgetReason::kGeoOngoingOnly:
      return "geo_ongoing_only";
    case WidgetReason::kNoExpertAvailable:
      return "no_expert_available";
    case WidgetReason::kAllExpertsBusy:
      return "all_experts_busy";
    case WidgetReason::kOutsideOpeningHours:
      return "outside_opening_hours";
    case WidgetReason::kShown:
      return "shown";
  }
  return "unknown";
}

std::string_view expert_reason_name(ExpertReason reason) {
  switch (reason) {
    case ExpertReason::kNotApproved:
      return "not_approved";
    case ExpertReason::kNoStore:
      return "no_store";
    case ExpertReason::kStoreDeactivated:
      return "store_deactivated";
    case ExpertReason::kStoreClosed:
      return "store_closed";
    case ExpertReason::kUnavailable:
      return "unavailable";
    case ExpertReason::kAtCapacity:
      return "at_capacity";
    case ExpertReason::kHoldingOffer:
      return "holding_offer";
    case ExpertReason::kHoldingTransfer:
      return "holding_transfer";
  }
  return "unknown";
}

namespace engine_detail {

void Core::expert_blockers(Idx e, std::int64_t at_ms, std::vector<ExpertReason>& out) const {
  const Expert& x = experts[e];
  if (x.account != ExpertAccount::kApproved) out.push_back(ExpertReason::kNotApproved);
  if (x.store == kNone) {
    out.push_back(ExpertReason::kNoStore);
  } else if (!stores[x.store].active) {
    out.push_back(ExpertReason::kStoreDeactivated);
  } else if (!store_open(x.store, at_ms)) {
    out.push_back(ExpertReason::kStoreClosed);  // routing's store_open_memo, read-only
  }
  if (!x.available) out.push_back(ExpertReason::kUnavailable);
  if (capacity_free(x)) return;  // the fast path routing's eligible() takes
  if (x.active_chats >= settings.max_active_chats) out.push_back(ExpertReason::kAtCapacity);
  if (x.pending_offer != kNone) out.push_back(ExpertReason::kHoldingOffer);
  if (x.pending_transfer != kNone) out.push_back(ExpertReason::kHoldingTransfer);
}

void Core::remember_purchase(PurchaseRecord& r, const Command& c, bool shopper_known,
                             const attribution::Decision& decision) {
  r.decided = true;
  r.shopper = c.shopper;
  r.at_ms = now_ms;
  r.window_days = settings.attribution_window_days;
  r.shopper_known = shopper_known;
  r.attributed = decision.outcome == attribution::Outcome::kAttributed;
  r.reason = decision.outcome == attribution::Outcome::kOutsideWindow
                 ? UnattributedReason::kOutsideWindow
                 : UnattributedReason::kNoContact;
  r.has_contact = decision.outcome != attribution::Outcome::kNoContact;
  if (r.has_contact) {
    r.expert = decision.contact.expert;
    r.chat = decision.contact.chat;
    r.contact_ms = to_epoch_ms(decision.contact.at);
  }
}

}  // namespace engine_detail

absl::StatusOr<ExpertExplanation> Engine::explain_expert(std::string_view expert,
                                                         Instant now) const {
  auto e = core_->find_expert(expert);
  if (!e.ok()) return e.status();
  const std::int64_t t = std::clamp(to_epoch_ms(now), kMinEpochMs, kMaxEpochMs);
  ExpertExplanation out;
  out.expert = core_->experts[*e].id;
  core_->expert_blockers(*e, t, out.reasons);
  out.eligible = out.reasons.empty();
  const std::uint8_t last = core_->experts[*e].last_unavailable;
  if (!core_->experts[*e].available && last != 0) {
    out.unavailable_reason = static_cast<UnavailableReason>(last - 1);
  }
  return out;
}

absl::StatusOr<PurchaseExplanation> Engine::explain_purchase(std::string_view order) const {
  const engine_detail::PurchaseRecord* found = core_->purchases.find(order);
  if (found == nullptr || !found->decided) {
    return error(ErrorCode::kNotFound, "order: no recorded order \"%s\"", order);
  }
  const engine_detail::PurchaseRecord& r = *found;
  PurchaseExplanation out;
  out.order = std::string(order);
  out.shopper = r.shopper;
  out.at = from_epoch_ms(r.at_ms);
  out.window_days = r.window_days;
  out.attributed = r.attributed;
  out.shopper_known = r.shopper_known;
  if (!r.attributed) out.reason = r.reason;
  if (r.has_contact) {
    out.expert = core_->experts[r.expert].id;
    out.chat = core_->chats[r.chat].id;
    out.contact_at = from_epoch_ms(r.contact_ms);
    if (!r.attributed) {
      const Duration window = std::chrono::hours(24) * r.window_days;
      out.missed_by = (out.at - *out.contact_at) - window;
    }
  }
  return out;
}

}  // namespace vshop
