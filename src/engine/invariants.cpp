// Engine::check_invariants: every consistency rule of the engine state in one place, so that
// restore can refuse an inconsistent snapshot and tests can check the state after every step.
// Each check names the first broken reference (`experts[2] "a1".store: ...`); the order is
// bounds first, so that no check reads through an index it has not checked.
#include <algorithm>

#include "engine/core.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/error.hpp"
#include "vshop/limits.hpp"

namespace vshop {

namespace engine_detail {
namespace {

// The upper bound of max_active_chats (R-SET-1): an expert may hold more than the current
// setting after it was lowered, never more than this.
constexpr int kMaxActiveChatsBound = 20;

absl::Status broken(std::string_view what) {
  return error(ErrorCode::kInternal, "invariant broken: %s", what);
}

template <typename... Args>
absl::Status broken(const absl::FormatSpec<Args...>& format, const Args&... args) {
  return broken(absl::StrFormat(format, args...));
}

bool in_range(std::int64_t ms) { return ms >= kMinEpochMs && ms <= kMaxEpochMs; }

bool is_open(ChatState s) {
  return s == ChatState::kRequested || s == ChatState::kActive || s == ChatState::kLeftMessage;
}

// Checks in groups, each returning the first failure.
struct Checker {
  const Core& c;

  absl::Status counts() const {
    if (c.stores.size() > limits::kMaxStores) return broken("stores: more than the limit");
    if (c.experts.size() > limits::kMaxExperts) return broken("experts: more than the limit");
    if (c.chats.size() > limits::kMaxChats) return broken("chats: more than the limit");
    if (c.shoppers.size() > limits::kMaxShoppers) return broken("shoppers: more than the limit");
    if (c.managers.size() > limits::kMaxManagers) return broken("managers: more than the limit");
    if (!in_range(c.now_ms)) return broken("now: %d outside years 0001..9999", c.now_ms);
    return absl::OkStatus();
  }

  // The index an id lookup yields: a map's value, or the element of an index set (ChatIds).
  static Idx found(const std::pair<const std::string, Idx>& entry) { return entry.second; }
  static Idx found(Idx index) { return index; }

  template <typename Vec, typename Map, typename IdOf>
  absl::Status id_map(std::string_view what, const Vec& items, const Map& ids, IdOf id_of) const {
    if (ids.size() != items.size()) {
      return broken("%s: %d ids for %d entries (an id repeated?)", what, ids.size(), items.size());
    }
    for (Idx i = 0; i < items.size(); ++i) {
      const std::string& id = id_of(items[i]);
      const auto it = ids.find(id);
      if (it == ids.end() || found(*it) != i) {
        return broken("%s[%d] \"%s\": not found by its id", what, i, id);
      }
      if (!is_valid_id(id)) return broken("%s[%d] \"%s\": not a valid id", what, i, id);
    }
    return absl::OkStatus();
  }

  absl::Status maps() const {
    if (auto s = id_map("stores", c.stores, c.store_ids,
                        [](const Store& x) -> const std::string& { return x.spec.id; });
        !s.ok()) {
      return s;
    }
    if (auto s = id_map("experts", c.experts, c.expert_ids,
                        [](const Expert& x) -> const std::string& { return x.id; });
        !s.ok()) {
      return s;
    }
    if (auto s = id_map("chats", c.chats, c.chat_ids,
                        [](const Chat& x) -> const std::string& { return x.id; });
        !s.ok()) {
      return s;
    }
    if (auto s = id_map("shoppers", c.shoppers, c.shopper_ids,
                        [](const Shopper& x) -> const std::string& { return x.id; });
        !s.ok()) {
      return s;
    }
    if (c.department_ids.size() != c.department_names.size()) {
      return broken("departments: %d ids for %d names", c.department_ids.size(),
                    c.department_names.size());
    }
    for (Idx d = 0; d < c.department_names.size(); ++d) {
      const auto it = c.department_ids.find(c.department_names[d]);
      if (it == c.department_ids.end() || it->second != d) {
        return broken("departments[%d] \"%s\": not found by its name", d, c.department_names[d]);
      }
    }
    std::size_t with_email = 0;
    for (Idx e = 0; e < c.experts.size(); ++e) {
      const Expert& x = c.experts[e];
      if (x.email_key.empty()) continue;
      ++with_email;
      const auto it = c.expert_emails.find(x.email_key);
      if (it == c.expert_emails.end() || it->second != e) {
        return broken("experts[%d] \"%s\".email: not found by its email", e, x.id);
      }
    }
    if (with_email != c.expert_emails.size()) {
      return broken("expert emails: %d entries for %d experts with an email",
                    c.expert_emails.size(), with_email);
    }
    return absl::OkStatus();
  }

  absl::Status experts() const {
    const Idx n_chats = static_cast<Idx>(c.chats.size());
    std::size_t available = 0;
    for (Idx e = 0; e < c.experts.size(); ++e) {
      const Expert& x = c.experts[e];
      if (x.store != kNone && x.store >= c.stores.size()) {
        return broken("experts[%d] \"%s\".store: %d out of range", e, x.id, x.store);
      }
      if ((x.account == ExpertAccount::kPending) != (x.store == kNone)) {
        return broken("experts[%d] \"%s\".store: %s while the account is %s", e, x.id,
                      x.store == kNone ? "null" : "set", expert_account_name(x.account));
      }
      if (x.anonymized && x.account != ExpertAccount::kDeactivated) {
        return broken("experts[%d] \"%s\".anonymized: the expert is not deactivated", e, x.id);
      }
      if (x.available) {
        ++available;
        if (x.account != ExpertAccount::kApproved || !c.stores[x.store].active) {
          return broken("experts[%d] \"%s\".available: not approved at an active store", e, x.id);
        }
      }
      if (x.missed_streak < 0 || x.decline_streak < 0) {
        return broken("experts[%d] \"%s\": a negative streak", e, x.id);
      }
      if (x.active_chats != static_cast<int>(x.chats.size()) ||
          x.active_chats > kMaxActiveChatsBound) {
        return broken("experts[%d] \"%s\".active_chats: %d for %d chats listed", e, x.id,
                      x.active_chats, x.chats.size());
      }
      for (std::size_t k = 0; k < x.chats.size(); ++k) {
        const Idx ch = x.chats[k];
        if (ch >= n_chats || (k > 0 && x.chats[k - 1] >= ch)) {
          return broken("experts[%d] \"%s\".chats: not ascending chat indexes", e, x.id);
        }
        if (c.chats[ch].state != ChatState::kActive || c.chats[ch].expert != e) {
          return broken("experts[%d] \"%s\".chats: chat \"%s\" is not an active chat of theirs", e,
                        x.id, c.chats[ch].id);
        }
      }
      if (x.pending_offer != kNone) {
        if (x.pending_offer >= n_chats) return broken("experts[%d].pending_offer: out of range", e);
        const Chat& ch = c.chats[x.pending_offer];
        const std::vector<Offer>& offers = c.live_view(ch).offers;
        const bool listed = std::any_of(offers.begin(), offers.end(), [&](const Offer& o) {
          return o.expert == e && o.state == OfferState::kPending;
        });
        if (ch.state != ChatState::kRequested || ch.silent || !listed) {
          return broken(
              "experts[%d] \"%s\".pending_offer: chat \"%s\" has no pending offer to them", e, x.id,
              ch.id);
        }
      }
      if (x.pending_transfer != kNone) {
        if (x.pending_transfer >= n_chats) {
          return broken("experts[%d].pending_transfer: out of range", e);
        }
        if (c.live_view(c.chats[x.pending_transfer]).transfer_to != e) {
          return broken(
              "experts[%d] \"%s\".pending_transfer: chat \"%s\" is not transferred to them", e,
              x.id, c.chats[x.pending_transfer].id);
        }
      }
      if (x.video_chat != kNone) {
        if (x.video_chat >= n_chats) return broken("experts[%d].video_chat: out of range", e);
        const Chat& ch = c.chats[x.video_chat];
        if (!ch.video || ch.expert != e || ch.state != ChatState::kActive) {
          return broken("experts[%d] \"%s\".video_chat: chat \"%s\" has no video of theirs", e,
                        x.id, ch.id);
        }
      }
    }
    // Routing indexes: the per-store lists and the global order hold exactly the available.
    if (c.available_all.size() != available) {
      return broken("available experts: the routing index holds %d, the experts %d",
                    c.available_all.size(), available);
    }
    for (const IdleKey& k : c.available_all) {
      if (k.expert >= c.experts.size() || !c.experts[k.expert].available ||
          c.experts[k.expert].idle_since_ms != k.idle_ms) {
        return broken("available experts: the routing index lists expert %d wrongly", k.expert);
      }
    }
    std::size_t per_store = 0;
    for (Idx s = 0; s < c.stores.size(); ++s) {
      const auto& list = c.stores[s].available;
      per_store += list.size();
      if (c.stores[s].available_idle.size() != list.size()) {
        return broken("stores[%d] \"%s\".available_idle: %d times for %d experts", s,
                      c.stores[s].spec.id, c.stores[s].available_idle.size(), list.size());
      }
      for (std::size_t k = 0; k < list.size(); ++k) {
        const Idx e = list[k];
        if (e >= c.experts.size() || !c.experts[e].available || c.experts[e].store != s ||
            c.stores[s].available_idle[k] != c.experts[e].idle_since_ms ||
            (k > 0 && !c.idle_before(list[k - 1], e))) {
          return broken("stores[%d] \"%s\".available: lists expert %d wrongly", s,
                        c.stores[s].spec.id, e);
        }
      }
    }
    if (per_store != available) {
      return broken("stores: the available lists hold %d experts, the experts %d", per_store,
                    available);
    }
    return absl::OkStatus();
  }

  absl::Status chats() const {
    const Idx n_experts = static_cast<Idx>(c.experts.size());
    std::size_t open = 0;
    for (Idx i = 0; i < c.chats.size(); ++i) {
      const Chat& ch = c.chats[i];
      if (ch.shopper >= c.shoppers.size())
        return broken("chats[%d] \"%s\".shopper: out of range", i, ch.id);
      const LiveChat& live = c.live_view(ch);
      for (const Idx e : {ch.expert, ch.reconnect_expert, live.transfer_to}) {
        if (e != kNone && e >= n_experts) {
          return broken("chats[%d] \"%s\": an expert index out of range", i, ch.id);
        }
      }
      if (!in_range(ch.requested_ms) || !in_range(ch.claim_deadline_ms)) {
        return broken("chats[%d] \"%s\": request or claim deadline outside years 0001..9999", i,
                      ch.id);
      }
      if (ch.requested_ms > c.now_ms) {
        return broken("chats[%d] \"%s\".requested: %d is after the engine's time %d", i, ch.id,
                      ch.requested_ms, c.now_ms);
      }
      const Shopper& sh = c.shoppers[ch.shopper];
      if (is_open(ch.state)) {
        ++open;
        if (sh.open_chat != i) {
          return broken("chats[%d] \"%s\": open but not shopper \"%s\"'s open chat", i, ch.id,
                        sh.id);
        }
      }
      const bool requested = ch.state == ChatState::kRequested;
      if (ch.silent && !requested && ch.state != ChatState::kClosed) {
        return broken("chats[%d] \"%s\".silent: a silent chat is %s", i, ch.id,
                      chat_state_name(ch.state));
      }
      if (requested && ch.silent && !sh.blocked) {
        return broken("chats[%d] \"%s\".silent: shopper \"%s\" is not blocked", i, ch.id, sh.id);
      }
      if ((requested && !ch.silent) != (live.wave_timer != kNoTimer)) {
        return broken("chats[%d] \"%s\".wave_timer: %s for a %s chat", i, ch.id,
                      live.wave_timer == kNoTimer ? "missing" : "set", chat_state_name(ch.state));
      }
      for (const Offer& o : live.offers) {
        if (o.expert >= n_experts) return broken("chats[%d] \"%s\".offers: out of range", i, ch.id);
        if (o.state != OfferState::kPending) continue;
        if (!requested || c.experts[o.expert].pending_offer != i) {
          return broken("chats[%d] \"%s\".offers: the offer to \"%s\" is not their pending offer",
                        i, ch.id, c.experts[o.expert].id);
        }
      }
      const bool needs_expert = ch.state == ChatState::kActive ||
                                ch.state == ChatState::kFinished || ch.state == ChatState::kBlocked;
      if (needs_expert && ch.expert == kNone) {
        return broken("chats[%d] \"%s\".expert: null for a %s chat", i, ch.id,
                      chat_state_name(ch.state));
      }
      if (ch.state == ChatState::kActive) {
        const auto& list = c.experts[ch.expert].chats;
        if (!std::binary_search(list.begin(), list.end(), i)) {
          return broken("chats[%d] \"%s\": active but not in expert \"%s\"'s chat list", i, ch.id,
                        c.experts[ch.expert].id);
        }
      }
      if ((ch.state == ChatState::kLeftMessage) != c.left_messages.contains(i)) {
        return broken("chats[%d] \"%s\": %s but %s the left-message queue", i, ch.id,
                      chat_state_name(ch.state), c.left_messages.contains(i) ? "in" : "not in");
      }
      if ((ch.state == ChatState::kLeftMessage || ch.has_contact) && !c.messages.contains(i)) {
        return broken("chats[%d] \"%s\".message: missing", i, ch.id);
      }
      if (live.transfer_to != kNone) {
        if (ch.state != ChatState::kActive || live.transfer_to == ch.expert ||
            c.experts[live.transfer_to].pending_transfer != i) {
          return broken("chats[%d] \"%s\".transfer_to: not expert \"%s\"'s pending transfer", i,
                        ch.id, c.experts[live.transfer_to].id);
        }
      }
      if ((live.transfer_to != kNone) != (live.transfer_timer != kNoTimer)) {
        return broken("chats[%d] \"%s\".transfer_timer: does not match transfer_to", i, ch.id);
      }
      if (ch.video && (ch.state != ChatState::kActive || c.experts[ch.expert].video_chat != i)) {
        return broken("chats[%d] \"%s\".video: not expert's video chat", i, ch.id);
      }
      if (ch.department != kNone && ch.department >= c.department_names.size()) {
        return broken("chats[%d] \"%s\".department: out of range", i, ch.id);
      }
      if (ch.rating > 5 || (ch.rating != 0 && ch.state != ChatState::kFinished)) {
        return broken("chats[%d] \"%s\".rating: %d", i, ch.id, ch.rating);
      }
      if (ch.claimed_by != kNone && ch.claimed_by >= c.experts.size()) {
        return broken("chats[%d] \"%s\".claimed_by: out of range", i, ch.id);
      }
      if (ch.previous_chat != kNone &&
          (ch.previous_chat >= i || c.chats[ch.previous_chat].shopper != ch.shopper)) {
        return broken("chats[%d] \"%s\".previous_chat: not an earlier chat of its shopper", i,
                      ch.id);
      }
      if (ch.waves < 0) return broken("chats[%d] \"%s\".waves: negative", i, ch.id);
    }
    // §12 records: bounded, and their references in range.
    for (const auto& [s, r] : c.shopper_records) {
      if (s >= c.shoppers.size() || r.views.size() > kMaxProductViews) {
        return broken("shopper_contexts: shopper %d out of range or too many views", s);
      }
    }
    std::string_view bad_order;
    bool bad = false;
    c.purchases.for_each([&](std::string_view order, const PurchaseRecord& p) {
      if (!bad && p.decided && p.has_contact &&
          (p.expert >= c.experts.size() || p.chat >= c.chats.size())) {
        bad = true;
        bad_order = order;
      }
    });
    if (bad) return broken("purchases \"%s\": a contact out of range", bad_order);
    if (c.claim_waits.size() > kQueueWaitSamples) return broken("claim_waits: more than 50");
    if (open != c.open_chats) {
      return broken("open chats: %d counted, %d open", c.open_chats, open);
    }
    std::size_t shoppers_open = 0;
    for (Idx s = 0; s < c.shoppers.size(); ++s) {
      const Shopper& sh = c.shoppers[s];
      for (const Idx ch : {sh.open_chat, sh.latest_chat}) {
        if (ch != kNone && (ch >= c.chats.size() || c.chats[ch].shopper != s)) {
          return broken("shoppers[%d] \"%s\": a chat that is not theirs", s, sh.id);
        }
      }
      if (sh.open_chat == kNone) continue;
      ++shoppers_open;
      if (!is_open(c.chats[sh.open_chat].state)) {
        return broken("shoppers[%d] \"%s\".open_chat: chat \"%s\" is %s", s, sh.id,
                      c.chats[sh.open_chat].id, chat_state_name(c.chats[sh.open_chat].state));
      }
    }
    if (shoppers_open != open) {
      return broken("shoppers: %d with an open chat, %d chats open", shoppers_open, open);
    }
    for (const Idx i : c.left_messages) {
      if (i >= c.chats.size()) return broken("left_messages: chat %d out of range", i);
    }
    for (const auto& [i, m] : c.messages) {
      if (i >= c.chats.size()) return broken("messages: chat %d out of range", i);
    }
    return absl::OkStatus();
  }

  // The live records (LiveChat): each slot held by one chat or free, never both.
  absl::Status live_pool() const {
    std::vector<bool> used(c.live_chats.size(), false);
    for (Idx i = 0; i < c.chats.size(); ++i) {
      const Idx l = c.chats[i].live;
      if (l == kNone) continue;
      if (l >= used.size() || used[l]) {
        return broken("chats[%d] \"%s\".live: out of range or shared", i, c.chats[i].id);
      }
      used[l] = true;
    }
    for (const Idx l : c.free_live) {
      if (l >= used.size() || used[l]) return broken("free live records: %d is in use", l);
      used[l] = true;
    }
    if (std::find(used.begin(), used.end(), false) != used.end()) {
      return broken("live records: a record is neither used nor free");
    }
    return absl::OkStatus();
  }

  // Each timer owned exactly once, by an owner that points back at it, within years 1..9999.
  absl::Status timers() const {
    std::size_t owners = 0;
    const auto owned = [&](const TimerKey& key) { owners += key != kNoTimer ? 1 : 0; };
    for (const Store& s : c.stores) owned(s.close_timer);
    for (const Chat& ch : c.chats) {
      const LiveChat& live = c.live_view(ch);
      owned(live.wave_timer);
      owned(live.transfer_timer);
    }
    owned(c.digest_timer);
    owned(c.pii_timer);
    if (owners != c.timers.size()) {
      return broken("timers: %d pending, %d owned (a timer repeated or lost)", c.timers.size(),
                    owners);
    }
    for (const auto& [key, timer] : c.timers) {
      if (!in_range(key.deadline_ms)) {
        return broken("timers: deadline %d outside years 0001..9999", key.deadline_ms);
      }
      if (key.seq == 0 || key.seq >= c.next_timer_seq) {
        return broken("timers: sequence %d not below timer_seq %d", key.seq, c.next_timer_seq);
      }
      bool ok = false;
      switch (timer.kind) {
        case TimerKind::kWave:
          ok =
              timer.target < c.chats.size() && c.live_view(c.chats[timer.target]).wave_timer == key;
          break;
        case TimerKind::kTransfer:
          ok = timer.target < c.chats.size() &&
               c.live_view(c.chats[timer.target]).transfer_timer == key;
          break;
        case TimerKind::kStoreClose:
          ok = timer.target < c.stores.size() && c.stores[timer.target].close_timer == key;
          break;
        case TimerKind::kDigest:
          ok = c.digest_timer == key;
          break;
        case TimerKind::kPiiAnonymize:
          ok = c.pii_timer == key;
          break;
      }
      if (!ok) return broken("timers: the timer due at %d is not its owner's", key.deadline_ms);
    }
    if (c.digest_timer != kNoTimer && c.managers.empty()) {
      return broken("digest_timer: set with no manager subscribed");
    }
    if (c.pii_timer != kNoTimer && !c.merchant_deactivated_ms) {
      return broken("pii_timer: set for a merchant not deactivated");
    }
    if (c.merchant_deactivated_ms && !in_range(*c.merchant_deactivated_ms)) {
      return broken("merchant_deactivated: outside years 0001..9999");
    }
    return absl::OkStatus();
  }

  absl::Status contacts() const {
    if (c.contacts.size() > c.shoppers.size()) return broken("contacts: more than the shoppers");
    for (std::size_t s = 0; s < c.contacts.size(); ++s) {
      const auto slot = c.contacts.last(static_cast<std::uint32_t>(s));
      if (!slot) continue;
      const attribution::Contact& k = *slot;
      if (k.expert >= c.experts.size() || k.chat >= c.chats.size() ||
          c.chats[k.chat].shopper != s || to_epoch_ms(k.at) > c.now_ms) {
        return broken("contacts[%d]: not a chat of shopper \"%s\" before now", s, c.shoppers[s].id);
      }
    }
    return absl::OkStatus();
  }

  // R-CONTACT-2: invitations and contacts name existing entities and an anonymized expert
  // holds none (the merchant's erasure empties both; later invitations may add again).
  absl::Status address_book() const {
    const auto erased = [&](Idx e) { return e >= c.experts.size() || c.experts[e].anonymized; };
    for (const auto& [chat, inv] : c.invitations) {
      if (chat >= c.chats.size() || erased(inv.expert) || inv.at_ms > c.now_ms) {
        return broken("invitations: chat %d holds an invitation of a missing or erased expert",
                      chat);
      }
    }
    for (const auto& [key, contact] : c.address_book) {
      if (erased(key.first) || key.second >= c.shoppers.size()) {
        return broken("address_book: a contact of a missing or erased expert or shopper");
      }
    }
    return absl::OkStatus();
  }

  // The metrics book agrees with the entities: chats awaiting a claim are the requested ones
  // (a blocked shopper's silent chat is left out), open periods are the available experts.
  absl::Status metrics() const {
    const analytics::MetricsBook::Refs refs = c.metrics.refs();
    if (refs.store_bound > c.stores.size() || refs.expert_bound > c.experts.size()) {
      return broken("metrics: a store or expert id out of range");
    }
    std::size_t k = 0;
    for (Idx i = 0; i < c.chats.size(); ++i) {
      if (c.chats[i].state != ChatState::kRequested || c.chats[i].silent) continue;
      if (k >= refs.awaiting.size() || refs.awaiting[k] != i) {
        return broken("metrics: chat \"%s\" is requested but not awaiting a claim in the book",
                      c.chats[i].id);
      }
      if (to_epoch_ms(refs.awaiting_since[k]) != c.chats[i].requested_ms) {
        return broken("metrics: chat \"%s\" awaits a claim since another instant in the book",
                      c.chats[i].id);
      }
      ++k;
    }
    if (!refs.awaiting_days_agree) {
      return broken("metrics: a chat awaiting a claim is filed under another reporting day");
    }
    if (k != refs.awaiting.size()) {
      return broken("metrics: %d chats await a claim in the book, %d are requested",
                    refs.awaiting.size(), k);
    }
    k = 0;
    for (Idx e = 0; e < c.experts.size(); ++e) {
      if (!c.experts[e].available) continue;
      if (k >= refs.open.size() || refs.open[k].first != e ||
          refs.open[k].second != c.experts[e].store) {
        return broken("metrics: expert \"%s\" is available without its open period in the book",
                      c.experts[e].id);
      }
      ++k;
    }
    if (k != refs.open.size()) {
      return broken("metrics: %d open availability periods, %d experts available", refs.open.size(),
                    k);
    }
    return absl::OkStatus();
  }
};

}  // namespace

absl::Status Core::check_invariants() const {
  const Checker check{*this};
  if (auto s = check.counts(); !s.ok()) return s;
  if (auto s = check.maps(); !s.ok()) return s;
  if (auto s = check.experts(); !s.ok()) return s;
  if (auto s = check.chats(); !s.ok()) return s;
  if (auto s = check.live_pool(); !s.ok()) return s;
  if (auto s = check.timers(); !s.ok()) return s;
  if (auto s = check.contacts(); !s.ok()) return s;
  if (auto s = check.address_book(); !s.ok()) return s;
  return check.metrics();
}

absl::Status Core::finish_restore() {
  open_chats = 0;
  for (const Shopper& sh : shoppers) open_chats += sh.open_chat != kNone ? 1 : 0;
  absl::Status s = check_invariants();
  if (s.ok()) return s;
  return error(ErrorCode::kInvalidArgument, "snapshot: %s", s.message());
}

}  // namespace engine_detail

absl::Status Engine::check_invariants() const { return core_->check_invariants(); }

}  // namespace vshop
