// Merchant-wide commands and schedules: configure (R-SET-1), the team digest (R-SCHED-1) and
// the anonymization of personal data 60 days after deactivation (R-SCHED-2).
#include <algorithm>

#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kDigestHourMs = 10 * 3'600'000;
constexpr std::int64_t kPiiDelayMs = 60 * kDayMs;

// The first digest instant strictly after t: 10:00 UTC on a day whose number since
// 1970-01-01 is even.
std::int64_t next_digest_after(std::int64_t t) {
  std::int64_t day = t >= 0 ? t / kDayMs : -((-t + kDayMs - 1) / kDayMs);
  if (day % 2 != 0) --day;  // floor to an even day (also for negative days)
  std::int64_t at = day * kDayMs + kDigestHourMs;
  while (at <= t) at += 2 * kDayMs;
  return at;
}

}  // namespace

absl::Status Core::configure(const Command& c) {
  auto next = apply_settings_patch(settings, c.settings);
  if (!next.ok()) return next.status();
  // The zone was validated with the rest of the patch, so the book accepts it; reporting days
  // recorded so far keep their keys (docs/decisions.md, "## Analytics").
  if (next->reporting_timezone != settings.reporting_timezone) {
    fed(metrics.set_reporting_timezone(next->reporting_timezone));
  }
  if (next->metrics_retention_days != settings.metrics_retention_days) {
    fed(metrics.set_retention_days(next->metrics_retention_days));
  }
  settings = std::move(*next);
  return absl::OkStatus();
}

int Core::pending_experts() const {
  int n = 0;
  for (const Expert& x : experts) n += x.account == ExpertAccount::kPending ? 1 : 0;
  return n;
}

// The digest timer exists only while someone subscribed: a recurring timer created when the
// previous one fires (docs/reference.md §11), so an idle merchant has no timer to wake it up.
void Core::arm_digest() {
  if (digest_timer != kNoTimer || managers.empty()) return;
  const std::int64_t at = next_digest_after(now_ms);
  if (at > kMaxEpochMs) return;  // past year 9999: never reached (recurring, so not clamped)
  digest_timer = add_timer(at, TimerKind::kDigest, 0);
}

void Core::on_digest(std::int64_t at_ms) {
  const int pending = pending_experts();
  if (pending > 0 && !managers.empty()) {
    Effect& eff = emit(EffectKind::kTeamDigest, at_ms);
    eff.pending = pending;
    for (const auto& [id, email] : managers) eff.managers.push_back(email);
    std::sort(eff.managers.begin(), eff.managers.end());
  }
  arm_digest();
}

absl::Status Core::subscribe_digest(const Command& c) {
  if (c.email.find('@') == std::string::npos) {
    return error(ErrorCode::kInvalidArgument, "email: \"%s\" is not an email address", c.email);
  }
  if (managers.contains(c.manager)) {
    return error(ErrorCode::kAlreadyExists, "manager: \"%s\" is already subscribed", c.manager);
  }
  if (managers.size() >= limits::kMaxManagers) {
    return limit_error("manager", "digest subscribers", limits::kMaxManagers);
  }
  managers.emplace(c.manager, c.email);
  arm_digest();
  return absl::OkStatus();
}

absl::Status Core::unsubscribe_digest(const Command& c) {
  auto it = managers.find(c.manager);
  if (it == managers.end()) {
    return error(ErrorCode::kNotFound, "manager: \"%s\" is not subscribed", c.manager);
  }
  managers.erase(it);
  if (managers.empty()) cancel_timer(digest_timer);
  return absl::OkStatus();
}

absl::Status Core::deactivate_merchant(const Command&) {
  if (merchant_deactivated_ms) {
    return error(ErrorCode::kInvalidState, "merchant: already deactivated at %s",
                 format_instant(from_epoch_ms(*merchant_deactivated_ms)));
  }
  merchant_deactivated_ms = now_ms;
  pii_timer = add_timer(now_ms + kPiiDelayMs, TimerKind::kPiiAnonymize, 0);  // clamped
  return absl::OkStatus();
}

// R-SCHED-2: names, emails, phone numbers, addresses and message texts are erased; ids stay
// so that history and metrics survive.
void Core::on_pii(std::int64_t at_ms) {
  for (Expert& x : experts) {
    x.name.clear();
    x.email.clear();
    x.employee_id.clear();
    x.email_key.clear();
  }
  expert_emails.clear();
  for (auto& [chat, message] : messages) {
    message.text.clear();
    message.address.clear();
    chats[chat].has_contact = false;
  }
  for (Store& store : stores) store.spec.address.clear();
  // The erasure also ends every digest subscription (R-SCHED-3), and takes the contacts and
  // pending invitations (R-CONTACT-2).
  managers.clear();
  cancel_timer(digest_timer);
  invitations.clear();
  address_book.clear();
  pii_anonymized = true;
  emit(EffectKind::kPiiAnonymized, at_ms);
}

}  // namespace vshop::engine_detail
