// Routing of a requested chat (R-CHAT-2, R-CHAT-4, R-CHAT-5, R-AVAIL-4): candidates by distance,
// fan-out waves with a countdown, replacements, expiry and the miss.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "engine/core.hpp"

namespace vshop::engine_detail {

UnitVector unit_vector(double lat_deg, double lon_deg) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double lat = lat_deg * kRad, lon = lon_deg * kRad;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double chord2(const UnitVector& a, const UnitVector& b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

bool Core::matches_department(const Chat& chat, Idx e) const {
  if (chat.department == kNone) return true;
  const Expert& x = experts[e];
  const auto& list = x.departments.empty() ? stores[x.store].spec.departments : x.departments;
  return std::find(list.begin(), list.end(), department_names[chat.department]) != list.end();
}

namespace {
bool already_offered(const std::vector<Offer>& offers, Idx e) {
  for (const Offer& o : offers) {
    if (o.expert == e) return true;
  }
  return false;
}
}  // namespace

void Core::candidates(const Chat& chat, std::size_t want, std::vector<Idx>& out) {
  out.clear();
  const std::vector<Offer>& offers = live_view(chat).offers;
  const auto take = [&](Idx e) {
    if (eligible(e) && !already_offered(offers, e) && matches_department(chat, e) &&
        store_open_memo(experts[e].store, now_ms)) {
      out.push_back(e);
    }
    return out.size() >= want;
  };
  if (!chat.has_location) {
    // Every store is at the same distance: one global order by (idle since, id).
    for (const IdleKey& k : available_all) {
      if (take(k.expert)) return;
    }
    return;
  }
  if (store_index_dirty) {
    std::vector<StoreIndex::Point> points;
    unlocated_stores.clear();
    for (Idx s = 0; s < stores.size(); ++s) {
      if (stores[s].has_location) {
        points.push_back({stores[s].where.x, stores[s].where.y, stores[s].where.z, s});
      } else {
        unlocated_stores.push_back(s);
      }
    }
    store_index.build(std::move(points));
    store_index_dirty = false;
  }
  // Stores nearest first; stores at exactly the same distance form one group whose experts
  // are merged by (idle since, id).
  const auto visit_group = [&](const Idx* group, std::size_t n) {
    if (n == 1) {
      const Store& store = stores[group[0]];
      if (!store.active) return true;
      for (Idx e : store.available) {
        if (take(e)) return false;
      }
      return true;
    }
    scratch_group.clear();
    for (std::size_t k = 0; k < n; ++k) {
      const Store& store = stores[group[k]];
      if (store.active)
        scratch_group.insert(scratch_group.end(), store.available.begin(), store.available.end());
    }
    std::sort(scratch_group.begin(), scratch_group.end(),
              [this](Idx a, Idx b) { return idle_before(a, b); });
    for (std::size_t k = 0; k < scratch_group.size(); ++k) {
      if (take(scratch_group[k])) return false;
    }
    return true;
  };
  bool more = true;
  store_index.visit_by_distance(chat.where.x, chat.where.y, chat.where.z,
                                [&](const Idx* group, std::size_t n) {
                                  more = visit_group(group, n);
                                  return more;
                                });
  if (more && !unlocated_stores.empty()) {
    visit_group(unlocated_stores.data(), unlocated_stores.size());
  }
}

void Core::start_wave(Idx c, std::int64_t at_ms, bool first) {
  Chat& chat = chats[c];
  std::vector<Idx>& wave = scratch_wave;
  wave.clear();
  const Idx again = chat.reconnect_expert;
  if (first && again != kNone && eligible(again) && matches_department(chat, again) &&
      store_open_memo(experts[again].store, at_ms)) {
    wave.push_back(again);  // R-CHAT-8: a first wave of the previous expert alone
  } else {
    candidates(chat, static_cast<std::size_t>(settings.offer_fanout), wave);
  }
  if (wave.empty()) {
    miss_chat(c, at_ms, MissReason::kNoExpertAvailable);
    return;
  }
  // A new wave is a decision made now: it uses the offer_timeout in force now, while the claim
  // window keeps the one of the request (R-SET-1).
  const std::int64_t deadline =
      std::min(at_ms + settings.offer_timeout.count(), chat.claim_deadline_ms);
  LiveChat& l = live(chat);
  l.wave_timer = add_timer(deadline, TimerKind::kWave, c);  // the deadline clamped
  ++chat.waves;
  Effect& eff = emit(EffectKind::kChatOffered, at_ms);
  eff.chat = chat.id;
  eff.deadline = from_epoch_ms(l.wave_timer.deadline_ms);
  for (Idx e : wave) {
    l.offers.push_back(Offer{e, OfferState::kPending});
    experts[e].pending_offer = c;
    eff.experts.push_back(experts[e].id);
    fed(metrics.chat_offered(from_epoch_ms(at_ms), c, e, metrics_store(e)));
  }
}

void Core::offer_replacement(Idx c, std::int64_t at_ms) {
  Chat& chat = chats[c];
  if (chat.state != ChatState::kRequested || chat.silent) return;
  std::vector<Idx>& next = scratch_wave;
  candidates(chat, 1, next);
  LiveChat& l = live(chat);
  if (!next.empty()) {
    const Idx e = next.front();
    l.offers.push_back(Offer{e, OfferState::kPending});
    experts[e].pending_offer = c;
    Effect& eff = emit(EffectKind::kChatOffered, at_ms);
    eff.chat = chat.id;
    eff.experts.push_back(experts[e].id);
    // Keeps the running wave's deadline (a replacement happens only while the wave runs).
    eff.deadline = from_epoch_ms(l.wave_timer.deadline_ms);
    fed(metrics.chat_offered(from_epoch_ms(at_ms), c, e, metrics_store(e)));
    return;
  }
  for (const Offer& o : l.offers) {
    if (o.state == OfferState::kPending) return;  // the wave still runs
  }
  miss_chat(c, at_ms, MissReason::kNoExpertAvailable);
}

void Core::on_wave_deadline(Idx c, std::int64_t at_ms) {
  Chat& chat = chats[c];
  Effect& eff = emit(EffectKind::kOfferExpired, at_ms);
  eff.chat = chat.id;
  for (Offer& o : live(chat).offers) {
    if (o.state != OfferState::kPending) continue;
    o.state = OfferState::kExpired;
    experts[o.expert].pending_offer = kNone;
    eff.experts.push_back(experts[o.expert].id);
  }
  if (at_ms >= chat.claim_deadline_ms) {
    miss_chat(c, at_ms, MissReason::kClaimWindow);  // wins when both hold (R-CHAT-5)
  } else {
    start_wave(c, at_ms, false);
  }
}

void Core::withdraw_offer(Idx c, Idx e, std::int64_t at_ms, WithdrawReason reason) {
  Chat& chat = chats[c];
  for (Offer& o : live(chat).offers) {
    if (o.expert == e && o.state == OfferState::kPending) {
      o.state = OfferState::kWithdrawn;
      break;
    }
  }
  experts[e].pending_offer = kNone;
  Effect& eff = emit(EffectKind::kOfferWithdrawn, at_ms);
  eff.chat = chat.id;
  eff.expert = experts[e].id;
  eff.reason = reason;
}

// The one place where a chat is missed.
void Core::miss_chat(Idx c, std::int64_t at_ms, MissReason reason) {
  Chat& chat = chats[c];
  LiveChat& l = live(chat);
  cancel_timer(l.wave_timer);
  chat.state = ChatState::kMissed;
  shoppers[chat.shopper].open_chat = kNone;
  --open_chats;
  fed(metrics.chat_missed(from_epoch_ms(at_ms), c));
  Effect& eff = emit(EffectKind::kChatMissed, at_ms);
  eff.chat = chat.id;
  eff.reason = reason;
  // R-AVAIL-4: every expert who let an offer of this chat time out has one more miss; those
  // reaching the limit leave in id order (as several experts leaving at once always do).
  std::vector<Idx> streaked;
  for (const Offer& o : l.offers) {
    if (o.state == OfferState::kExpired) streaked.push_back(o.expert);
  }
  std::sort(streaked.begin(), streaked.end(),
            [this](Idx a, Idx b) { return experts[a].id < experts[b].id; });
  release_live(chat);  // routing is over: a missed chat keeps none of it
  for (Idx e : streaked) {
    Expert& x = experts[e];
    ++x.missed_streak;
    if (x.available && x.missed_streak >= settings.missed_streak_limit) {
      make_unavailable(e, at_ms, UnavailableReason::kMissedStreak);
    }
  }
}

}  // namespace vshop::engine_detail
