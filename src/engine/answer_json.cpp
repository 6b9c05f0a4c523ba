// Canonical JSON of the query answers (vshop/engine/query_table.hpp): keys in the order
// docs/reference.md §12 lists them, every key always present (null when it does not apply).
#include "core/json_writer.hpp"
#include "vshop/engine/query_table.hpp"

namespace vshop {
namespace {

void optional_string(JsonWriter& out, std::string_view key, const std::optional<std::string>& v) {
  out.key(key);
  v ? out.string(*v) : out.null();
}

void id_or_null(JsonWriter& out, std::string_view key, const std::string& id) {
  out.key(key);
  id.empty() ? out.null() : out.string(id);
}

void optional_ms(JsonWriter& out, std::string_view key, const std::optional<Duration>& d) {
  out.key(key);
  d ? out.integer(d->count()) : out.null();
}

}  // namespace

std::string to_json(const ExpertView& v) {
  JsonWriter out;
  out.begin_object();
  out.key("id").string(v.id);
  out.key("account").string(expert_account_name(v.account));
  out.key("anonymized").boolean(v.anonymized);
  id_or_null(out, "store", v.store);
  out.key("available").boolean(v.available);
  out.key("active_chats").integer(v.active_chats);
  out.key("missed_streak").integer(v.missed_streak);
  out.key("decline_streak").integer(v.decline_streak);
  id_or_null(out, "pending_offer", v.pending_offer);
  id_or_null(out, "pending_transfer", v.pending_transfer);
  id_or_null(out, "video_chat", v.video_chat);
  out.end_object();
  return out.take();
}

std::string to_json(const ChatView& v) {
  JsonWriter out;
  out.begin_object();
  out.key("id").string(v.id);
  out.key("shopper").string(v.shopper);
  out.key("state").string(chat_state_name(v.state));
  id_or_null(out, "expert", v.expert);
  out.key("transfer_pending").boolean(v.transfer_pending);
  out.key("video").boolean(v.video);
  out.key("pending_offers").begin_array();
  for (const auto& e : v.pending_offers) out.string(e);
  out.end_array();
  out.key("rating").integer(v.rating);
  out.key("shopper_online").boolean(v.shopper_online);
  out.key("left_message").boolean(v.left_message);
  out.end_object();
  return out.take();
}

std::string to_json(const std::vector<StoreCandidates>& groups) {
  JsonWriter out;
  out.begin_array();
  for (const auto& g : groups) {
    out.begin_object();
    out.key("store").string(g.store);
    out.key("experts").begin_array();
    for (const auto& e : g.experts) out.string(e);
    out.end_array();
    out.end_object();
  }
  out.end_array();
  return out.take();
}

std::string to_json(WidgetState state) {
  JsonWriter out;
  out.begin_object();
  out.key("state").string(widget_state_name(state));
  out.end_object();
  return out.take();
}

std::string to_json(const ShopperContext& c) {
  JsonWriter out;
  out.begin_object();
  out.key("shopper").string(c.shopper);
  out.key("product_views").begin_array();
  for (const auto& v : c.product_views) {
    out.begin_object();
    out.key("id").string(v.id);
    optional_string(out, "name", v.name);
    out.end_object();
  }
  out.end_array();
  optional_string(out, "location", c.location);
  optional_string(out, "last_order", c.last_order);
  out.key("last_activity");
  c.last_activity ? out.instant(*c.last_activity) : out.null();
  out.key("spoken_before").boolean(c.spoken_before);
  out.end_object();
  return out.take();
}

std::string to_json(const WidgetExplanation& e) {
  JsonWriter out;
  out.begin_object();
  out.key("state").string(widget_state_name(e.state));
  out.key("reasons").begin_array();
  for (WidgetReason r : e.reasons) out.string(widget_reason_name(r));
  out.end_array();
  out.end_object();
  return out.take();
}

std::string to_json(const ExpertExplanation& e) {
  JsonWriter out;
  out.begin_object();
  out.key("expert").string(e.expert);
  out.key("eligible").boolean(e.eligible);
  out.key("reasons").begin_array();
  for (ExpertReason r : e.reasons) out.string(expert_reason_name(r));
  out.end_array();
  out.key("unavailable_reason");
  e.unavailable_reason ? out.string(reason_name(*e.unavailable_reason)) : out.null();
  out.end_object();
  return out.take();
}

std::string to_json(const PurchaseExplanation& e) {
  JsonWriter out;
  out.begin_object();
  out.key("order").string(e.order);
  out.key("shopper").string(e.shopper);
  out.key("at").instant(e.at);
  out.key("outcome").string(e.attributed ? "sale_attributed" : "sale_unattributed");
  out.key("reasons").begin_array();
  if (e.reason) out.string(reason_name(*e.reason));
  out.end_array();
  out.key("shopper_known").boolean(e.shopper_known);
  out.key("contact");
  if (e.contact_at) {
    out.begin_object();
    out.key("expert").string(e.expert);
    out.key("chat").string(e.chat);
    out.key("at").instant(*e.contact_at);
    out.end_object();
  } else {
    out.null();
  }
  out.key("window_days").integer(e.window_days);
  out.key("missed_by_ms");
  e.reason == UnattributedReason::kOutsideWindow ? out.integer(e.missed_by.count()) : out.null();
  out.end_object();
  return out.take();
}

std::string to_json(const QueueStatus& s) {
  JsonWriter out;
  out.begin_object();
  out.key("chat").string(s.chat);
  out.key("state").string(s.state);
  out.key("waves").integer(s.waves);
  out.key("offered").begin_array();
  for (const auto& e : s.offered) out.string(e);
  out.end_array();
  optional_ms(out, "time_left_ms", s.time_left);
  out.key("position");
  s.position ? out.integer(*s.position) : out.null();
  optional_ms(out, "expected_wait_ms", s.expected_wait);
  out.end_object();
  return out.take();
}

std::string to_json(const NextOpening& o) {
  JsonWriter out;
  out.begin_object();
  out.key("open_now").boolean(o.open_now);
  out.key("at");
  o.at ? out.instant(*o.at) : out.null();
  id_or_null(out, "local", o.local);
  id_or_null(out, "weekday", o.weekday);
  out.key("timezone").string(o.timezone);
  out.end_object();
  return out.take();
}

}  // namespace vshop
