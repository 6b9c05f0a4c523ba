// Engine::restore: reads a snapshot (snapshot.cpp) back. Every index is range-checked so that
// a corrupted snapshot is rejected with the field named, never a crash.
#include <stdexcept>

#include "engine/core.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop {

using engine_detail::Chat;
using engine_detail::Core;
using engine_detail::Expert;
using engine_detail::Idx;
using engine_detail::LeftMessage;
using engine_detail::kNone;
using engine_detail::kNoTimer;
using engine_detail::Offer;
using engine_detail::OfferState;
using engine_detail::Shopper;
using engine_detail::Store;
using engine_detail::TimerKey;
using engine_detail::TimerKind;

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

array as_array(element e) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) throw Bad("must be a list");
  return a;
}

struct Reader {
  std::string field;  // the snapshot field being read, for the error message

  element at(object o, const char* key) {
    field = key;
    element e;
    if (o[key].get(e) != simdjson::SUCCESS) throw Bad("missing");
    return e;
  }
  std::int64_t integer(object o, const char* key) { return at(o, key).get_int64().value(); }
  bool boolean(object o, const char* key) { return at(o, key).get_bool().value(); }
  std::string string(object o, const char* key) {
    return std::string(at(o, key).get_string().value());
  }
  array list(object o, const char* key) { return as_array(at(o, key)); }
  std::vector<std::string> strings(object o, const char* key) {
    std::vector<std::string> out;
    const array a = list(o, key);
    for (element e : a) {
      std::string_view s;
      if (e.get_string().get(s) != simdjson::SUCCESS) throw Bad("must be a list of strings");
      out.emplace_back(s);
    }
    return out;
  }
  Idx index(object o, const char* key, std::size_t limit) {
    element e = at(o, key);
    if (e.is_null()) return kNone;
    const std::int64_t i = e.get_int64().value();
    if (i < 0 || static_cast<std::size_t>(i) >= limit) throw Bad("index out of range");
    return static_cast<Idx>(i);
  }
  TimerKey timer(object o, const char* key) {
    element e = at(o, key);
    if (e.is_null()) return kNoTimer;
    array a = as_array(e);
    const std::int64_t seq = a.at(1).get_int64().value();
    if (seq <= 0) throw Bad("timer sequence must be positive");
    return TimerKey{a.at(0).get_int64().value(), static_cast<std::uint64_t>(seq)};
  }
};

template <typename Enum, typename NameOf>
Enum enum_from(std::string_view name, NameOf name_of, int count) {
  for (int i = 0; i < count; ++i) {
    if (name_of(static_cast<Enum>(i)) == name) return static_cast<Enum>(i);
  }
  throw Bad("unknown value");
}

}  // namespace

absl::StatusOr<Engine> Engine::restore(std::string_view snapshot) {
  Engine engine;
  Core& s = *engine.core_;
  Reader r;
  try {
    simdjson::dom::parser parser;
    object root = parser.parse(snapshot.data(), snapshot.size()).get_object().value();
    if (r.integer(root, "version") != 1) throw Bad("unsupported version");
    {
      r.field = "now";
      auto now = parse_instant(r.string(root, "now"));
      if (!now.ok()) throw Bad("bad instant");
      s.now_ms = to_epoch_ms(*now);
    }
    s.next_timer_seq = static_cast<std::uint64_t>(r.integer(root, "timer_seq"));
    s.next_chat_number = static_cast<std::uint64_t>(r.integer(root, "chat_number"));

    object set = r.at(root, "settings").get_object().value();
    SettingsPatch p;
    p.max_active_chats = r.integer(set, "max_active_chats");
    p.claim_window_s = r.integer(set, "claim_window_ms") / 1000;
    p.offer_timeout_s = r.integer(set, "offer_timeout_ms") / 1000;
    p.offer_fanout = r.integer(set, "offer_fanout");
    p.missed_streak_limit = r.integer(set, "missed_streak_limit");
    p.decline_streak_limit = r.integer(set, "decline_streak_limit");
    p.transfer_timeout_s = r.integer(set, "transfer_timeout_ms") / 1000;
    p.attribution_window_days = r.integer(set, "attribution_window_days");
    p.reporting_timezone = r.string(set, "reporting_timezone");
    p.show_when_busy = r.boolean(set, "show_when_busy");
    p.show_outside_opening_hours = r.boolean(set, "show_outside_opening_hours");
    if (auto code = r.string(set, "invite_code"); !code.empty()) p.invite_code = code;
    p.contact_channels = r.strings(set, "contact_channels");
    p.region = r.string(set, "region");
    auto settings = apply_settings_patch(Settings{}, p);
    if (!settings.ok()) throw Bad(std::string(settings.status().message()));
    s.settings = *settings;

    const array stores = r.list(root, "stores");
    const array experts = r.list(root, "experts");
    const array shoppers = r.list(root, "shoppers");
    const array chats = r.list(root, "chats");
    const std::size_t n_stores = stores.size(), n_experts = experts.size(),
                      n_shoppers = shoppers.size(), n_chats = chats.size();

    for (element e : stores) {
      object o = e.get_object().value();
      r.field = "stores.spec";
      auto spec = hours::parse_store_json(simdjson::minify(r.at(o, "spec")));
      if (!spec.ok()) throw Bad(std::string(spec.status().message()));
      auto compiled = hours::OpeningHours::create(spec->timezone, spec->hours);
      if (!compiled.ok()) throw Bad(std::string(compiled.status().message()));
      Store& st = s.stores.emplace_back();
      st.spec = std::move(*spec);
      st.hours = std::move(*compiled);
      st.has_location = st.spec.lat && st.spec.lon;
      if (st.has_location) st.where = engine_detail::unit_vector(*st.spec.lat, *st.spec.lon);
      st.active = r.boolean(o, "active");
      st.close_timer = r.timer(o, "close_timer");
      s.store_ids.emplace(st.spec.id, static_cast<Idx>(s.stores.size() - 1));
    }
    for (element e : experts) {
      object o = e.get_object().value();
      Expert& x = s.experts.emplace_back();
      x.id = r.string(o, "id");
      x.email = r.string(o, "email");
      x.name = r.string(o, "name");
      x.employee_id = r.string(o, "employee_id");
      x.team = r.string(o, "team");
      x.departments = r.strings(o, "departments");
      x.account = enum_from<ExpertAccount>(r.string(o, "account"), expert_account_name, 3);
      x.anonymized = r.boolean(o, "anonymized");
      x.store = r.index(o, "store", n_stores);
      x.available = r.boolean(o, "available");
      x.idle_since_ms = r.integer(o, "idle_since");
      x.missed_streak = static_cast<int>(r.integer(o, "missed_streak"));
      x.decline_streak = static_cast<int>(r.integer(o, "decline_streak"));
      x.pending_offer = r.index(o, "pending_offer", n_chats);
      x.pending_transfer = r.index(o, "pending_transfer", n_chats);
      x.video_chat = r.index(o, "video_chat", n_chats);
      r.field = "chats";
      const array chats_list = r.list(o, "chats");
      for (element c : chats_list) {
        const std::int64_t i = c.get_int64().value();
        if (i < 0 || static_cast<std::size_t>(i) >= n_chats) throw Bad("index out of range");
        x.chats.push_back(static_cast<Idx>(i));
      }
      x.active_chats = static_cast<int>(x.chats.size());
      if (x.available && x.store == kNone) throw Bad("available without a store");
      x.email_key = x.email;
      for (char& ch : x.email_key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const auto idx = static_cast<Idx>(s.experts.size() - 1);
      s.expert_ids.emplace(x.id, idx);
      if (!x.email_key.empty()) s.expert_emails.emplace(x.email_key, idx);
    }
    for (element e : shoppers) {
      object o = e.get_object().value();
      Shopper& sh = s.shoppers.emplace_back();
      sh.id = r.string(o, "id");
      sh.open_chat = r.index(o, "open_chat", n_chats);
      sh.latest_chat = r.index(o, "latest_chat", n_chats);
      sh.online = r.boolean(o, "online");
      sh.blocked = r.boolean(o, "blocked");
      s.shopper_ids.emplace(sh.id, static_cast<Idx>(s.shoppers.size() - 1));
    }
    for (element e : chats) {
      object o = e.get_object().value();
      Chat& c = s.chats.emplace_back();
      c.id = r.string(o, "id");
      c.shopper = r.index(o, "shopper", n_shoppers);
      if (c.shopper == kNone) throw Bad("a chat needs a shopper");
      c.state = enum_from<ChatState>(r.string(o, "state"), chat_state_name, 7);
      c.silent = r.boolean(o, "silent");
      c.requested_ms = r.integer(o, "requested");
      c.claim_deadline_ms = r.integer(o, "claim_deadline");
      c.wave_timer = r.timer(o, "wave_timer");
      element where = r.at(o, "where");
      if (!where.is_null()) {
        array a = as_array(where);
        c.has_location = true;
        c.where = {a.at(0).get_double().value(), a.at(1).get_double().value(),
                   a.at(2).get_double().value()};
      }
      element dept = r.at(o, "department");
      if (!dept.is_null()) c.department = std::string(dept.get_string().value());
      c.reconnect_expert = r.index(o, "reconnect", n_experts);
      r.field = "offers";
      const array offers_list = r.list(o, "offers");
      for (element off : offers_list) {
        array a = as_array(off);
        const std::int64_t ex = a.at(0).get_int64().value();
        if (ex < 0 || static_cast<std::size_t>(ex) >= n_experts) throw Bad("index out of range");
        const std::string_view st = a.at(1).get_string().value();
        const OfferState state = st == "pending"     ? OfferState::kPending
                                 : st == "claimed"   ? OfferState::kClaimed
                                 : st == "withdrawn" ? OfferState::kWithdrawn
                                 : st == "expired"   ? OfferState::kExpired
                                                     : throw Bad("unknown offer state");
        c.offers.push_back(Offer{static_cast<Idx>(ex), state});
      }
      c.expert = r.index(o, "expert", n_experts);
      element message = r.at(o, "message");
      if (!message.is_null()) {
        const array m = as_array(message);
        const std::optional<NotifyChannel> channel =
            notify_channel_from_name(m.at(1).get_string().value());
        if (!channel) throw Bad("unknown message channel");
        s.messages[static_cast<Idx>(s.chats.size() - 1)] =
            LeftMessage{std::string(m.at(0).get_string().value()), *channel,
                        std::string(m.at(2).get_string().value())};
      }
      c.has_contact = r.boolean(o, "has_contact");
      c.notified = r.boolean(o, "notified");
      c.transfer_to = r.index(o, "transfer_to", n_experts);
      c.transfer_timer = r.timer(o, "transfer_timer");
      c.video = r.boolean(o, "video");
      c.rating = static_cast<int>(r.integer(o, "rating"));
      if ((c.state == ChatState::kActive || c.video || c.transfer_to != kNone) &&
          c.expert == kNone) {
        throw Bad("an active chat needs an expert");
      }
      s.chat_ids.emplace(c.id, static_cast<Idx>(s.chats.size() - 1));
    }
    r.field = "left_messages";
    const array left_messages_list = r.list(root, "left_messages");
      for (element e : left_messages_list) {
      const std::int64_t i = e.get_int64().value();
      if (i < 0 || static_cast<std::size_t>(i) >= n_chats) throw Bad("index out of range");
      s.left_messages.insert(static_cast<Idx>(i));
    }
    r.field = "managers";
    const array managers_list = r.list(root, "managers");
      for (element e : managers_list) {
      array a = as_array(e);
      s.managers.emplace(std::string(a.at(0).get_string().value()),
                         std::string(a.at(1).get_string().value()));
    }
    s.digest_timer = r.timer(root, "digest_timer");
    element deact = r.at(root, "merchant_deactivated");
    if (!deact.is_null()) s.merchant_deactivated_ms = deact.get_int64().value();
    s.pii_timer = r.timer(root, "pii_timer");
    s.pii_anonymized = r.boolean(root, "pii_anonymized");
    r.field = "contacts";
    const array contacts_list = r.list(root, "contacts");
      for (element e : contacts_list) {
      array a = as_array(e);
      const std::int64_t sh = a.at(0).get_int64().value(), ex = a.at(1).get_int64().value(),
                         ch = a.at(2).get_int64().value();
      if (sh < 0 || ex < 0 || ch < 0 || static_cast<std::size_t>(sh) >= n_shoppers ||
          static_cast<std::size_t>(ex) >= n_experts || static_cast<std::size_t>(ch) >= n_chats) {
        throw Bad("index out of range");
      }
      s.contacts.restore_slot(static_cast<std::uint32_t>(sh),
                              {static_cast<std::uint32_t>(ex), static_cast<std::uint32_t>(ch),
                               from_epoch_ms(a.at(3).get_int64().value())});
    }
    for (const auto& id : r.strings(root, "orders")) s.orders.insert(id);
    r.field = "metrics";
    auto book = analytics::MetricsBook::read(simdjson::minify(r.at(root, "metrics")));
    if (!book.ok()) throw Bad(std::string(book.status().message()));
    if (book->reporting_timezone() != s.settings.reporting_timezone) {
      throw Bad("reporting_timezone differs from the settings'");
    }
    s.metrics = std::move(*book);
  } catch (const Bad& e) {
    return error(ErrorCode::kInvalidArgument, "snapshot: %s: %s", r.field, e.what());
  } catch (const simdjson::simdjson_error& e) {
    return error(ErrorCode::kInvalidArgument, "snapshot: %s: %s", r.field, e.what());
  }

  // Rebuild what is derived: the timer queue from its owners, the routing index from the
  // available experts (its order is (idle since, id), a function of the state).
  const auto add = [&](const TimerKey& k, TimerKind kind, Idx target) {
    if (k != kNoTimer) s.timers.emplace(k, engine_detail::Timer{kind, target});
  };
  for (Idx i = 0; i < s.stores.size(); ++i) add(s.stores[i].close_timer, TimerKind::kStoreClose, i);
  for (Idx i = 0; i < s.chats.size(); ++i) {
    add(s.chats[i].wave_timer, TimerKind::kWave, i);
    add(s.chats[i].transfer_timer, TimerKind::kTransfer, i);
  }
  add(s.digest_timer, TimerKind::kDigest, 0);
  add(s.pii_timer, TimerKind::kPiiAnonymize, 0);
  for (Idx i = 0; i < s.experts.size(); ++i) {
    if (s.experts[i].available) s.index_insert(i);
  }
  if (absl::Status st = s.finish_restore(); !st.ok()) return st;  // cross-references
  return engine;
}

}  // namespace vshop
