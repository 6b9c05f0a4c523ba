// The engine snapshot's fields, described once (docs/design.md §6): snapshot.cpp runs these
// descriptions with a FieldWriter, restore.cpp with a FieldReader (src/core/field_io.hpp).
// References between entities are dense indexes (creation order), so equal states give equal
// bytes; what is derived (the timer queue, id maps, the routing index) is not written and is
// rebuilt on restore.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/field_io.hpp"
#include "engine/core.hpp"
#include "engine/settings_table.hpp"
#include "hours/store_json.hpp"

namespace vshop::engine_detail {

// Version 2: every entity is an object of named fields (version 1 used positional arrays).
inline constexpr std::int64_t kSnapshotVersion = 3;
inline constexpr std::int64_t kMaxCount = field_io::kMaxInt64;

// Sizes of the entity lists, known before any of them is visited, to range-check indexes.
struct Counts {
  std::size_t stores = 0, experts = 0, shoppers = 0, chats = 0;
  std::uint64_t next_timer_seq = 1;  // timers' sequence numbers are below it
};

inline std::string_view offer_state_name(OfferState s) {
  switch (s) {
    case OfferState::kPending:
      return "pending";
    case OfferState::kClaimed:
      return "claimed";
    case OfferState::kWithdrawn:
      return "withdrawn";
    case OfferState::kExpired:
      return "expired";
  }
  return "pending";
}

// A left message of the chat `chat`, and a shopper's latest contact: kept in maps in the
// state, listed as rows in the snapshot.
struct MessageRow {
  Idx chat = kNone;
  LeftMessage message;
};
// explain_purchase's record of an order, and a shopper's R-CTX-1 record, as snapshot rows.
struct PurchaseRow {
  std::string order;
  PurchaseRecord record;
};
struct ShopperRecordRow {
  Idx shopper = kNone;
  ShopperRecord record;
};
struct ContactRow {
  Idx shopper = kNone;
  Idx expert = kNone;
  Idx chat = kNone;
  std::int64_t at_ms = 0;
};

// R-CONTACT-2: a pending invitation of chat `chat`, and a contact (expert, shopper).
struct InvitationRow {
  Idx chat = kNone;
  Invitation invitation;
};
struct AddressRow {
  Idx expert = kNone;
  Idx shopper = kNone;
  SavedContact contact;
};

template <typename V, typename T>
void timer_field(V& v, std::string_view name, T& key, const Counts& n) {
  bool present = key != kNoTimer;
  v.optional_object(name, key, present, [&](auto& w, auto& k) {
    w.instant("deadline", k.deadline_ms);
    w.integer("seq", k.seq, 1, static_cast<std::int64_t>(n.next_timer_seq) - 1);
  });
}

template <typename V, typename T>
void store_fields(V& v, T& st, const Counts& n) {
  v.custom(
      "spec",
      [&](JsonWriter& out) {
        out.begin_object();
        hours::write_store_fields(out, st.spec);
        out.end_object();
      },
      [&](simdjson::dom::element e) -> std::string {
        if constexpr (V::kReading) {
          auto spec = hours::parse_store_json(simdjson::minify(e));
          if (!spec.ok()) return std::string(spec.status().message());
          auto compiled = hours::OpeningHours::create(spec->timezone, spec->hours);
          if (!compiled.ok()) return std::string(compiled.status().message());
          st.spec = std::move(*spec);
          st.hours = std::move(*compiled);
          st.has_location = st.spec.lat && st.spec.lon;
          if (st.has_location) st.where = unit_vector(*st.spec.lat, *st.spec.lon);
        }
        return "";
      });
  v.flag("active", st.active);
  timer_field(v, "close_timer", st.close_timer, n);
}

template <typename V, typename T>
void expert_fields(V& v, T& x, const Counts& n) {
  v.text("id", x.id);
  v.text("email", x.email);
  v.text("name", x.name);
  v.text("employee_id", x.employee_id);
  v.text("team", x.team);
  v.texts("departments", x.departments);
  v.enumeration("account", x.account, expert_account_name, 3);
  v.flag("anonymized", x.anonymized);
  v.index("store", x.store, n.stores, kNone);
  v.flag("available", x.available);
  v.instant("idle_since", x.idle_since_ms);
  v.integer("missed_streak", x.missed_streak, 0, INT32_MAX);
  v.integer("decline_streak", x.decline_streak, 0, INT32_MAX);
  v.index("pending_offer", x.pending_offer, n.chats, kNone);
  v.index("pending_transfer", x.pending_transfer, n.chats, kNone);
  v.index("video_chat", x.video_chat, n.chats, kNone);
  v.indexes("chats", x.chats, n.chats);
  v.count("last_unavailable", x.last_unavailable, 6);  // 1 + UnavailableReason
}

template <typename V, typename T>
void shopper_fields(V& v, T& sh, const Counts& n) {
  v.text("id", sh.id);
  v.index("open_chat", sh.open_chat, n.chats, kNone);
  v.index("latest_chat", sh.latest_chat, n.chats, kNone);
  v.flag("online", sh.online);
  v.flag("blocked", sh.blocked);
}

// `s` is the engine (const when writing): a chat's department is interned there.
template <typename V, typename T, typename S>
void chat_fields(V& v, T& c, S& s, const Counts& n) {
  v.text("id", c.id);
  v.index("shopper", c.shopper, n.shoppers, kNone, /*nullable=*/false);
  v.enumeration("state", c.state, chat_state_name, 7);
  v.flag("silent", c.silent);
  v.instant("requested", c.requested_ms);
  v.instant("claim_deadline", c.claim_deadline_ms);
  // The live record (LiveChat) is written as the chat's own fields, as before it was pooled.
  LiveChat live;
  if constexpr (!V::kReading) live = s.live_view(c);
  timer_field(v, "wave_timer", live.wave_timer, n);
  v.optional_object("where", c.where, c.has_location, [](auto& w, auto& u) {
    w.number("x", u.x);
    w.number("y", u.y);
    w.number("z", u.z);
  });
  std::optional<std::string> department;
  if (c.department != kNone) department = s.department_names[c.department];
  v.optional_text("department", department);
  if constexpr (V::kReading) {
    if (department) c.department = s.intern_department(*department);
  }
  v.index("reconnect", c.reconnect_expert, n.experts, kNone);
  v.list("offers", live.offers, [&](auto& w, auto& o) {
    w.index("expert", o.expert, n.experts, kNone, /*nullable=*/false);
    w.enumeration("state", o.state, offer_state_name, 4);
  });
  v.index("expert", c.expert, n.experts, kNone);
  v.flag("has_contact", c.has_contact);
  v.flag("notified", c.notified);
  v.index("transfer_to", live.transfer_to, n.experts, kNone);
  timer_field(v, "transfer_timer", live.transfer_timer, n);
  v.flag("video", c.video);
  v.integer("rating", c.rating, 0, 5);
  v.integer("appointments", c.appointments, 0, kMaxCount);
  v.count("waves", c.waves, INT32_MAX);
  v.sparse_index("claimed_by", c.claimed_by, n.experts, kNone);
  if constexpr (V::kReading) {
    if (live.wave_timer != kNoTimer || live.transfer_timer != kNoTimer ||
        live.transfer_to != kNone || !live.offers.empty()) {
      s.live(c) = std::move(live);
    }
  }
}

// The whole engine state. `S` is `const Core` when writing, `Core` when reading.
template <typename V, typename S>
void core_fields(V& v, S& s) {
  constexpr bool kReading = V::kReading;
  std::int64_t version = kSnapshotVersion;
  v.integer("version", version, kSnapshotVersion, kSnapshotVersion);
  v.instant("now", s.now_ms);
  v.integer("timer_seq", s.next_timer_seq, 1, kMaxCount);
  v.integer("chat_number", s.next_chat_number, 1, kMaxCount);
  v.custom(
      "settings",
      [&](JsonWriter& out) {
        out.begin_object();
        settings_table::write_all(out, s.settings);
        out.end_object();
      },
      [&](simdjson::dom::element e) -> std::string {
        if constexpr (kReading) {
          simdjson::dom::object o;
          if (e.get_object().get(o) != simdjson::SUCCESS) return "must be an object";
          auto settings = settings_table::read_all(o);
          if (!settings.ok()) return std::string(settings.status().message());
          s.settings = std::move(*settings);
        }
        return "";
      });

  const Counts n{v.size("stores", s.stores), v.size("experts", s.experts),
                 v.size("shoppers", s.shoppers), v.size("chats", s.chats), s.next_timer_seq};
  v.list("stores", s.stores, [&](auto& w, auto& x) { store_fields(w, x, n); });
  v.list("experts", s.experts, [&](auto& w, auto& x) { expert_fields(w, x, n); });
  v.list("shoppers", s.shoppers, [&](auto& w, auto& x) { shopper_fields(w, x, n); });
  v.list("chats", s.chats, [&](auto& w, auto& x) { chat_fields(w, x, s, n); });

  v.indexes("left_messages", s.left_messages, n.chats);
  std::vector<MessageRow> messages;
  if constexpr (!kReading) {
    for (const auto& [chat, m] : s.messages) messages.push_back({chat, m});
  }
  v.list("messages", messages, [&](auto& w, auto& r) {
    w.index("chat", r.chat, n.chats, kNone, /*nullable=*/false);
    w.text("text", r.message.text);
    w.enumeration("channel", r.message.channel, notify_channel_name, 2);
    w.text("address", r.message.address);
  });
  std::vector<Manager> managers;
  if constexpr (!kReading) {
    for (const auto& [id, email] : s.managers) managers.push_back({id, email});
  }
  v.list("managers", managers, [](auto& w, auto& m) {
    w.text("id", m.id);
    w.text("email", m.email);
  });
  timer_field(v, "digest_timer", s.digest_timer, n);
  v.optional_instant("merchant_deactivated", s.merchant_deactivated_ms);
  timer_field(v, "pii_timer", s.pii_timer, n);
  v.flag("pii_anonymized", s.pii_anonymized);
  std::vector<ContactRow> contacts;
  if constexpr (!kReading) {
    for (Idx i = 0; i < s.contacts.size(); ++i) {
      if (const auto slot = s.contacts.last(i)) {
        contacts.push_back({i, slot->expert, slot->chat, to_epoch_ms(slot->at)});
      }
    }
  }
  v.list("contacts", contacts, [&](auto& w, auto& r) {
    w.index("shopper", r.shopper, n.shoppers, kNone, /*nullable=*/false);
    w.index("expert", r.expert, n.experts, kNone, /*nullable=*/false);
    w.index("chat", r.chat, n.chats, kNone, /*nullable=*/false);
    w.instant("at", r.at_ms);
  });
  std::vector<InvitationRow> invitations;
  std::vector<AddressRow> address_book;
  if constexpr (!kReading) {
    for (const auto& [chat, inv] : s.invitations) invitations.push_back({chat, inv});
    for (const auto& [key, c] : s.address_book) address_book.push_back({key.first, key.second, c});
  }
  v.list("invitations", invitations, [&](auto& w, auto& r) {
    w.index("chat", r.chat, n.chats, kNone, /*nullable=*/false);
    w.index("expert", r.invitation.expert, n.experts, kNone, /*nullable=*/false);
    w.text("channel", r.invitation.channel);
    w.text("address", r.invitation.address);
    w.instant("at", r.invitation.at_ms);
  });
  v.list("address_book", address_book, [&](auto& w, auto& r) {
    w.index("expert", r.expert, n.experts, kNone, /*nullable=*/false);
    w.index("shopper", r.shopper, n.shoppers, kNone, /*nullable=*/false);
    w.text("channel", r.contact.channel);
    w.text("address", r.contact.address);
  });
  std::vector<std::string> orders;
  std::vector<PurchaseRow> purchases;
  if constexpr (!kReading) {
    for (const auto& [order, r] : s.purchases.sorted()) {
      orders.emplace_back(order);
      if (r->decided) purchases.push_back({std::string(order), *r});
    }
  }
  v.texts("orders", orders);
  // §12 (R-WHY-1, R-CTX-1, R-QUEUE-1): omitted when empty, so older snapshots still read.
  std::vector<ShopperRecordRow> shopper_records;
  if constexpr (!kReading) {
    for (const auto& [shopper, r] : s.shopper_records) shopper_records.push_back({shopper, r});
  }
  v.sparse_list("purchases", purchases, [&](auto& w, auto& r) {
    w.text("order", r.order);
    w.text("shopper", r.record.shopper);
    w.instant("at", r.record.at_ms);
    w.integer("window_days", r.record.window_days, 0, INT32_MAX);
    w.flag("shopper_known", r.record.shopper_known);
    w.flag("attributed", r.record.attributed);
    w.enumeration("reason", r.record.reason,
                  static_cast<std::string_view (*)(UnattributedReason)>(&reason_name), 2);
    w.optional_object("contact", r.record, r.record.has_contact, [&](auto& cw, auto& p) {
      cw.index("expert", p.expert, n.experts, kNone, /*nullable=*/false);
      cw.index("chat", p.chat, n.chats, kNone, /*nullable=*/false);
      cw.instant("at", p.contact_ms);
    });
  });
  v.sparse_list("shopper_contexts", shopper_records, [&](auto& w, auto& r) {
    w.index("shopper", r.shopper, n.shoppers, kNone, /*nullable=*/false);
    w.list("views", r.record.views, [](auto& vw, auto& p) {
      vw.text("id", p.id);
      vw.optional_text("name", p.name);
    });
    w.optional_text("location", r.record.location);
    w.optional_text("last_order", r.record.last_order);
    w.instant("last_activity", r.record.last_activity_ms);
  });
  v.sparse_list("claim_waits", s.claim_waits,
                [](auto& w, auto& c) { w.integer("ms", c.ms, 0, field_io::kMaxInt64); });

  // The analytics travel with the state: rebuilding them would need the whole history.
  v.custom(
      "metrics", [&](JsonWriter& out) { s.metrics.write(out); },
      [&](simdjson::dom::element e) -> std::string {
        if constexpr (kReading) {
          auto book = analytics::MetricsBook::read(simdjson::minify(e));
          if (!book.ok()) return std::string(book.status().message());
          s.metrics = std::move(*book);
        }
        return "";
      });

  // Back from the rows into the state's maps (each key once).
  if constexpr (kReading) {
    for (auto& r : messages) {
      if (!s.messages.emplace(r.chat, std::move(r.message)).second) {
        v.fail("messages", "a chat has two messages");
      }
    }
    for (auto& m : managers) {
      if (!s.managers.emplace(m.id, m.email).second) v.fail("managers", "listed twice");
    }
    std::vector<bool> seen(n.shoppers, false);
    for (const auto& r : contacts) {
      if (seen[r.shopper]) v.fail("contacts", "a shopper has two contacts");
      seen[r.shopper] = true;
      s.contacts.restore_slot(r.shopper, {r.expert, r.chat, from_epoch_ms(r.at_ms)});
    }
    for (auto& r : invitations) {
      if (!s.invitations.emplace(r.chat, std::move(r.invitation)).second) {
        v.fail("invitations", "a chat has two invitations");
      }
    }
    for (auto& r : address_book) {
      if (!s.address_book.emplace(std::pair{r.expert, r.shopper}, std::move(r.contact)).second) {
        v.fail("address_book", "an (expert, shopper) pair is listed twice");
      }
    }
    for (const auto& id : orders) {
      const auto [record, fresh] = s.purchases.try_insert(id);
      if (!fresh) v.fail("orders", "listed twice");
      record->decided = false;
    }
    for (auto& r : purchases) {
      PurchaseRecord* record = s.purchases.find(r.order);
      if (record == nullptr) v.fail("purchases", "an order not in `orders`");
      if (record->decided) v.fail("purchases", "an order listed twice");
      *record = std::move(r.record);
      record->decided = true;
    }
    for (auto& r : shopper_records) {
      if (r.record.views.size() > kMaxProductViews) v.fail("shopper_contexts", "too many views");
      if (!s.shopper_records.emplace(r.shopper, std::move(r.record)).second) {
        v.fail("shopper_contexts", "a shopper listed twice");
      }
    }
    if (s.claim_waits.size() > kQueueWaitSamples) v.fail("claim_waits", "too many entries");
  }
}

}  // namespace vshop::engine_detail
