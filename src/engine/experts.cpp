// Expert accounts (R-EXP-1, R-EXP-2) and availability (R-AVAIL-1..4, R-CAP-1).
#include <algorithm>

#include "absl/strings/ascii.h"
#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {

std::string trim_space(std::string_view s) {
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos && email.size() <= 254;
}

bool Core::idle_before(Idx a, Idx b) const {
  const Expert& x = experts[a];
  const Expert& y = experts[b];
  if (x.idle_since_ms != y.idle_since_ms) return x.idle_since_ms < y.idle_since_ms;
  return x.id < y.id;
}

// The routing index: available experts per store and overall, each sorted by (idle, id).
bool IdleOrder::operator()(const IdleKey& a, const IdleKey& b) const {
  if (a.idle_ms != b.idle_ms) return a.idle_ms < b.idle_ms;
  return a.expert != b.expert && core->experts[a.expert].id < core->experts[b.expert].id;
}

std::size_t Core::store_slot(const Store& store, std::int64_t idle_ms, Idx e) const {
  const auto& idle = store.available_idle;
  std::size_t k =
      static_cast<std::size_t>(std::lower_bound(idle.begin(), idle.end(), idle_ms) - idle.begin());
  while (k < idle.size() && idle[k] == idle_ms && experts[store.available[k]].id < experts[e].id) {
    ++k;
  }
  return k;
}

// Per store a sorted vector (few experts per store); overall a B-tree (possibly 100k experts).
void Core::index_insert(Idx e) {
  const std::int64_t idle_ms = experts[e].idle_since_ms;
  Store& store = stores[experts[e].store];
  const auto k = static_cast<std::ptrdiff_t>(store_slot(store, idle_ms, e));
  store.available.insert(store.available.begin() + k, e);
  store.available_idle.insert(store.available_idle.begin() + k, idle_ms);
  available_all.insert(IdleKey{idle_ms, e});
}

void Core::index_erase(Idx e) {
  const std::int64_t idle_ms = experts[e].idle_since_ms;
  Store& store = stores[experts[e].store];
  const std::size_t k = store_slot(store, idle_ms, e);
  if (k < store.available.size() && store.available[k] == e) {
    store.available.erase(store.available.begin() + static_cast<std::ptrdiff_t>(k));
    store.available_idle.erase(store.available_idle.begin() + static_cast<std::ptrdiff_t>(k));
  }
  available_all.erase(IdleKey{idle_ms, e});
}

void Core::set_idle(Idx e, std::int64_t at_ms) {
  Expert& x = experts[e];
  if (x.available) index_erase(e);
  x.idle_since_ms = at_ms;
  if (x.available) index_insert(e);
}

bool Core::eligible(Idx e) const {
  const Expert& x = experts[e];
  return x.available && capacity_free(x);
}

bool Core::capacity_free(const Expert& x) const {
  return x.active_chats < settings.max_active_chats && x.pending_offer == kNone &&
         x.pending_transfer == kNone;
}

absl::Status Core::register_expert(const Command& c) {
  const std::string email = trim_space(c.email);
  if (!plausible_email(email)) {
    return error(ErrorCode::kInvalidArgument, "email: \"%s\" is not an email address", c.email);
  }
  if (settings.invite_code.empty() ||
      absl::AsciiStrToUpper(absl::string_view(c.invite_code.data(), c.invite_code.size())) !=
          settings.invite_code) {
    return error(ErrorCode::kInvalidInviteCode, "invite_code: \"%s\" is not the merchant's code",
                 c.invite_code);
  }
  if (expert_ids.contains(absl::string_view(c.expert.data(), c.expert.size()))) {
    return error(ErrorCode::kAlreadyExists, "expert: \"%s\" already exists", c.expert);
  }
  std::string key = absl::AsciiStrToLower(absl::string_view(email.data(), email.size()));
  if (expert_emails.contains(key)) {
    return error(ErrorCode::kAlreadyExists, "email: \"%s\" already has an account", email);
  }
  static_assert(limits::kMaxExperts <= analytics::kMaxInternedId);  // dense metrics tables
  if (experts.size() >= limits::kMaxExperts) {
    return limit_error("expert", "experts", limits::kMaxExperts);
  }
  const auto idx = static_cast<Idx>(experts.size());
  Expert& x = experts.emplace_back();
  x.id = c.expert;
  x.email = email;
  x.email_key = key;
  x.name = c.name;
  x.employee_id = c.employee_id.value_or("");
  expert_ids.emplace(c.expert, idx);
  expert_emails.emplace(std::move(key), idx);
  arm_digest();
  return absl::OkStatus();
}

absl::Status Core::approve_expert(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto s = find_store(c.store);
  if (!s.ok()) return s.status();
  Expert& x = experts[*e];
  if (x.account == ExpertAccount::kDeactivated) {
    return error(ErrorCode::kInvalidState,
                 "expert: \"%s\" is deactivated (reactivate_expert first)", c.expert);
  }
  if (x.available) {
    return error(ErrorCode::kInvalidState,
                 "expert: \"%s\" is available; go unavailable before changing the store", c.expert);
  }
  x.account = ExpertAccount::kApproved;
  x.store = *s;
  if (c.team) x.team = *c.team;
  if (c.departments) x.departments = *c.departments;
  return absl::OkStatus();
}

absl::Status Core::deactivate_expert(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  Expert& x = experts[*e];
  if (x.account != ExpertAccount::kApproved) {
    return error(ErrorCode::kInvalidState, "expert: \"%s\" is %s, not approved", c.expert,
                 expert_account_name(x.account));
  }
  if (x.available) make_unavailable(*e, now_ms, UnavailableReason::kDeactivated);
  // A transfer offered to a deactivated target fails even when they were not available.
  if (x.pending_transfer != kNone)
    fail_transfer(x.pending_transfer, now_ms, TransferFailReason::kTargetUnavailable);
  x.account = ExpertAccount::kDeactivated;
  return absl::OkStatus();
}

absl::Status Core::reactivate_expert(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  Expert& x = experts[*e];
  if (x.account != ExpertAccount::kDeactivated || x.anonymized) {
    return error(ErrorCode::kInvalidState, "expert: \"%s\" is %s, not deactivated", c.expert,
                 x.anonymized ? "anonymized" : expert_account_name(x.account));
  }
  x.account = ExpertAccount::kApproved;
  return absl::OkStatus();
}

absl::Status Core::anonymize_expert(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  Expert& x = experts[*e];
  if (x.account != ExpertAccount::kDeactivated) {
    return error(ErrorCode::kInvalidState, "expert: \"%s\" is %s, not deactivated", c.expert,
                 expert_account_name(x.account));
  }
  if (x.anonymized) return absl::OkStatus();
  expert_emails.erase(x.email_key);
  x.name.clear();
  x.email.clear();
  x.email_key.clear();
  x.employee_id.clear();
  x.anonymized = true;
  erase_contacts_of(*e);
  return absl::OkStatus();
}

absl::Status Core::go_available(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  Expert& x = experts[*e];
  if (x.account != ExpertAccount::kApproved) {
    return error(ErrorCode::kNotApproved, "expert: \"%s\" is %s", c.expert,
                 expert_account_name(x.account));
  }
  const Store& store = stores[x.store];
  if (!store.active) {
    return error(ErrorCode::kNoStore, "expert: \"%s\" has store \"%s\", which is deactivated",
                 c.expert, store.spec.id);
  }
  if (!store_open_memo(x.store, now_ms)) {
    return error(ErrorCode::kStoreClosed, "expert: store \"%s\" of \"%s\" is closed at %s",
                 store.spec.id, c.expert, format_instant(from_epoch_ms(now_ms)));
  }
  if (x.available) return absl::OkStatus();
  make_available(*e, now_ms);
  return absl::OkStatus();
}

void Core::make_available(Idx e, std::int64_t at_ms) {
  Expert& x = experts[e];
  x.available = true;
  x.idle_since_ms = at_ms;
  x.missed_streak = 0;  // R-AVAIL-3/4: going available resets both streaks
  x.decline_streak = 0;
  index_insert(e);
  emit(EffectKind::kExpertAvailable, at_ms).expert = x.id;
  fed(metrics.expert_available(from_epoch_ms(at_ms), e, metrics_store(e)));
  arm_store_close(x.store);
}

absl::Status Core::go_unavailable(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  if (experts[*e].available) make_unavailable(*e, now_ms, UnavailableReason::kRequested);
  return absl::OkStatus();
}

void Core::make_unavailable(Idx e, std::int64_t at_ms, UnavailableReason reason) {
  Expert& x = experts[e];
  index_erase(e);
  x.available = false;
  x.last_unavailable = static_cast<std::uint8_t>(1 + static_cast<int>(reason));
  Effect& eff = emit(EffectKind::kExpertUnavailable, at_ms);
  eff.expert = x.id;
  eff.reason = reason;
  fed(metrics.expert_unavailable(from_epoch_ms(at_ms), e));
  const Idx offered_chat = x.pending_offer;
  if (offered_chat != kNone)
    withdraw_offer(offered_chat, e, at_ms, WithdrawReason::kExpertUnavailable);
  if (x.pending_transfer != kNone)
    fail_transfer(x.pending_transfer, at_ms, TransferFailReason::kTargetUnavailable);
  if (offered_chat != kNone) offer_replacement(offered_chat, at_ms);
}

}  // namespace vshop::engine_detail
