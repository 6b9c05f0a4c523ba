// Snapshot and restore: the whole state of one engine as canonical JSON (DESIGN.md §6).
// References between entities are dense indexes (creation order), so equal states give equal
// bytes; the timer queue and the routing index are rebuilt from their owners on restore.
#include <stdexcept>

#include "engine/core.hpp"
#include "hours/store_json.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

constexpr std::int64_t kSnapshotVersion = 1;

void idx(JsonWriter& out, std::string_view name, Idx i) {
  out.key(name);
  if (i == kNone) {
    out.null();
  } else {
    out.integer(i);
  }
}

void timer(JsonWriter& out, std::string_view name, const TimerKey& k) {
  out.key(name);
  if (k == kNoTimer) {
    out.null();
    return;
  }
  out.begin_array();
  out.integer(k.deadline_ms);
  out.integer(static_cast<std::int64_t>(k.seq));
  out.end_array();
}

void strings(JsonWriter& out, std::string_view name, const std::vector<std::string>& list) {
  out.key(name).begin_array();
  for (const auto& s : list) out.string(s);
  out.end_array();
}

std::string_view offer_state_name(OfferState s) {
  switch (s) {
    case OfferState::kPending: return "pending";
    case OfferState::kClaimed: return "claimed";
    case OfferState::kWithdrawn: return "withdrawn";
    case OfferState::kExpired: return "expired";
  }
  return "pending";
}

}  // namespace

std::string Core::snapshot() const {
  JsonWriter out;
  out.begin_object();
  out.key("version").integer(kSnapshotVersion);
  out.key("now").instant(from_epoch_ms(now_ms));
  out.key("timer_seq").integer(static_cast<std::int64_t>(next_timer_seq));
  out.key("chat_number").integer(static_cast<std::int64_t>(next_chat_number));

  out.key("settings").begin_object();
  out.key("max_active_chats").integer(settings.max_active_chats);
  out.key("claim_window_ms").integer(settings.claim_window.count());
  out.key("offer_timeout_ms").integer(settings.offer_timeout.count());
  out.key("offer_fanout").integer(settings.offer_fanout);
  out.key("missed_streak_limit").integer(settings.missed_streak_limit);
  out.key("decline_streak_limit").integer(settings.decline_streak_limit);
  out.key("transfer_timeout_ms").integer(settings.transfer_timeout.count());
  out.key("attribution_window_days").integer(settings.attribution_window_days);
  out.key("reporting_timezone").string(settings.reporting_timezone);
  out.key("show_when_busy").boolean(settings.show_when_busy);
  out.key("show_outside_opening_hours").boolean(settings.show_outside_opening_hours);
  out.key("invite_code").string(settings.invite_code);
  strings(out, "contact_channels", settings.contact_channels);
  out.key("region").string(settings.region);
  out.end_object();

  out.key("stores").begin_array();
  for (const Store& s : stores) {
    out.begin_object();
    out.key("spec").begin_object();
    hours::write_store_fields(out, s.spec);
    out.end_object();
    out.key("active").boolean(s.active);
    timer(out, "close_timer", s.close_timer);
    out.end_object();
  }
  out.end_array();

  out.key("experts").begin_array();
  for (const Expert& x : experts) {
    out.begin_object();
    out.key("id").string(x.id);
    out.key("email").string(x.email);
    out.key("name").string(x.name);
    out.key("employee_id").string(x.employee_id);
    out.key("team").string(x.team);
    strings(out, "departments", x.departments);
    out.key("account").string(expert_account_name(x.account));
    out.key("anonymized").boolean(x.anonymized);
    idx(out, "store", x.store);
    out.key("available").boolean(x.available);
    out.key("idle_since").integer(x.idle_since_ms);
    out.key("missed_streak").integer(x.missed_streak);
    out.key("decline_streak").integer(x.decline_streak);
    idx(out, "pending_offer", x.pending_offer);
    idx(out, "pending_transfer", x.pending_transfer);
    idx(out, "video_chat", x.video_chat);
    out.key("chats").begin_array();
    for (Idx c : x.chats) out.integer(c);
    out.end_array();
    out.end_object();
  }
  out.end_array();

  out.key("shoppers").begin_array();
  for (const Shopper& s : shoppers) {
    out.begin_object();
    out.key("id").string(s.id);
    idx(out, "open_chat", s.open_chat);
    idx(out, "latest_chat", s.latest_chat);
    out.key("online").boolean(s.online);
    out.key("blocked").boolean(s.blocked);
    out.end_object();
  }
  out.end_array();

  out.key("chats").begin_array();
  for (const Chat& c : chats) {
    out.begin_object();
    out.key("id").string(c.id);
    out.key("shopper").integer(c.shopper);
    out.key("state").string(chat_state_name(c.state));
    out.key("silent").boolean(c.silent);
    out.key("requested").integer(c.requested_ms);
    out.key("claim_deadline").integer(c.claim_deadline_ms);
    timer(out, "wave_timer", c.wave_timer);
    out.key("where");
    if (c.has_location) {
      out.begin_array();
      out.number(c.where.x);
      out.number(c.where.y);
      out.number(c.where.z);
      out.end_array();
    } else {
      out.null();
    }
    out.key("department");
    if (c.department) {
      out.string(*c.department);
    } else {
      out.null();
    }
    idx(out, "reconnect", c.reconnect_expert);
    out.key("offers").begin_array();
    for (const Offer& o : c.offers) {
      out.begin_array();
      out.integer(o.expert);
      out.string(offer_state_name(o.state));
      out.end_array();
    }
    out.end_array();
    idx(out, "expert", c.expert);
    out.key("message");
    if (const auto m = messages.find(static_cast<Idx>(&c - chats.data())); m != messages.end()) {
      out.begin_array();
      out.string(m->second.text);
      out.string(notify_channel_name(m->second.channel));
      out.string(m->second.address);
      out.end_array();
    } else {
      out.null();
    }
    out.key("has_contact").boolean(c.has_contact);
    out.key("notified").boolean(c.notified);
    idx(out, "transfer_to", c.transfer_to);
    timer(out, "transfer_timer", c.transfer_timer);
    out.key("video").boolean(c.video);
    out.key("rating").integer(c.rating);
    out.end_object();
  }
  out.end_array();

  out.key("left_messages").begin_array();
  for (Idx c : left_messages) out.integer(c);
  out.end_array();
  out.key("managers").begin_array();
  for (const auto& [id, email] : managers) {
    out.begin_array();
    out.string(id);
    out.string(email);
    out.end_array();
  }
  out.end_array();
  timer(out, "digest_timer", digest_timer);
  out.key("merchant_deactivated");
  if (merchant_deactivated_ms) {
    out.integer(*merchant_deactivated_ms);
  } else {
    out.null();
  }
  timer(out, "pii_timer", pii_timer);
  out.key("pii_anonymized").boolean(pii_anonymized);
  out.key("contacts").begin_array();
  const auto& slots = contacts.slots();
  for (std::size_t s = 0; s < slots.size(); ++s) {
    if (!slots[s]) continue;
    out.begin_array();
    out.integer(static_cast<std::int64_t>(s));
    out.integer(slots[s]->expert);
    out.integer(slots[s]->chat);
    out.integer(to_epoch_ms(slots[s]->at));
    out.end_array();
  }
  out.end_array();
  strings(out, "orders", orders.sorted());
  // The analytics travel with the state: rebuilding them would need the whole history.
  out.key("metrics");
  metrics.write(out);
  out.end_object();
  return out.take();
}

}  // namespace vshop::engine_detail
