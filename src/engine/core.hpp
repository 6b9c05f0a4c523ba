// Internal state of the engine and the functions that change it. One `Core` per merchant;
// the public `Engine` forwards to it. Each state transition lives in exactly one function here
// (claim_chat, miss_chat, make_unavailable, ...) so that observers (analytics) hook in once.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "analytics/metrics_book.hpp"
#include "attribution/attribution.hpp"
#include "attribution/order_table.hpp"
#include "core/json_writer.hpp"
#include "engine/store_index.hpp"
#include "vshop/engine/answers.hpp"
#include "vshop/engine/command.hpp"
#include "vshop/engine/effect.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/engine/settings.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/hours/store.hpp"
#include "vshop/limits.hpp"

namespace vshop::engine_detail {

using Idx = std::uint32_t;
inline constexpr Idx kNone = 0xFFFFFFFFu;

// A point on the unit sphere: the chord between two points orders pairs exactly as the
// great-circle distance does, and costs three multiplications.
struct UnitVector {
  double x = 0, y = 0, z = 0;
};
UnitVector unit_vector(double lat_deg, double lon_deg);
double chord2(const UnitVector& a, const UnitVector& b);

enum class TimerKind : std::uint8_t { kWave, kTransfer, kStoreClose, kDigest, kPiiAnonymize };

struct TimerKey {
  std::int64_t deadline_ms;
  std::uint64_t seq;  // creation order: breaks ties between timers due at the same instant
  friend bool operator<(const TimerKey& a, const TimerKey& b) {
    return a.deadline_ms != b.deadline_ms ? a.deadline_ms < b.deadline_ms : a.seq < b.seq;
  }
  friend bool operator==(const TimerKey&, const TimerKey&) = default;
};
inline constexpr TimerKey kNoTimer{0, 0};  // seq 0 is never used by a real timer

struct Timer {
  TimerKind kind;
  Idx target;  // chat or store index; unused for merchant-wide timers
};

struct Store {
  hours::StoreSpec spec;
  std::optional<hours::OpeningHours> hours;
  bool active = true;
  bool has_location = false;
  UnitVector where;
  TimerKey close_timer = kNoTimer;
  // Memo of the opening state: constant on [from, until) (until = the next change), so routing
  // asks the hours only when a change was crossed. Written only by commands (store_open_memo),
  // never by a const query, so that queries can run concurrently.
  std::int64_t open_memo_from = 1;
  std::int64_t open_memo_until = 0;
  bool open_memo = false;
  // Available experts of this store, ordered by (idle since, id): the routing index, and
  // beside it their idle times (available_idle[k] is available[k]'s), so that keeping the
  // order reads the experts' records only on a tie.
  std::vector<Idx> available;
  std::vector<std::int64_t> available_idle;
};

struct Expert {
  std::string id;
  std::string email;      // as given (trimmed)
  std::string email_key;  // trimmed, lower-case: the uniqueness key (R-EXP-1)
  std::string name;
  std::string employee_id;
  std::string team;
  std::vector<std::string> departments;  // own departments; empty = the store's
  ExpertAccount account = ExpertAccount::kPending;
  bool anonymized = false;
  Idx store = kNone;
  bool available = false;
  std::int64_t idle_since_ms = 0;
  int active_chats = 0;
  int missed_streak = 0;
  int decline_streak = 0;
  Idx pending_offer = kNone;     // chat with this expert's pending offer
  Idx pending_transfer = kNone;  // chat offered to this expert as a transfer target
  Idx video_chat = kNone;
  std::vector<Idx> chats;  // active chats, ascending chat index
  // 1 + the UnavailableReason of the last expert_unavailable; 0 = never (explain_expert).
  std::uint8_t last_unavailable = 0;
};

enum class OfferState : std::uint8_t { kPending, kClaimed, kWithdrawn, kExpired };
struct Offer {
  Idx expert;
  OfferState state;
};

// What a chat holds only while it is routed (requested: the wave's timer and its offers) or
// transferred (active, R-XFER-2): a pooled record (Core::live), so that the chats that have
// ended, nearly all of them, keep none of it. The pool reuses the offers' capacity.
struct LiveChat {
  TimerKey wave_timer = kNoTimer;      // its deadline is the running wave's deadline
  TimerKey transfer_timer = kNoTimer;  // its deadline is the transfer's deadline
  Idx transfer_to = kNone;
  std::vector<Offer> offers;  // every offer of this chat, in offer order (while requested)
};

// Fields ordered by size so that the struct packs without holes: a finished chat stays in
// memory for good (queries, snapshots, attribution), so every byte here is kept per chat.
struct Chat {
  std::string id;
  std::int64_t requested_ms = 0;
  std::int64_t claim_deadline_ms = 0;  // request + claim_window in force at the request
  std::int64_t appointments = 0;       // R-APPT-2: appointments sent, numbering the cards' UIDs
  UnitVector where;
  Idx shopper = kNone;
  Idx department = kNone;        // index in Core::department_names; kNone = any department
  Idx reconnect_expert = kNone;  // R-CHAT-8: first wave of this expert alone
  Idx expert = kNone;            // current (or last) expert
  Idx claimed_by = kNone;        // the expert who claimed or took it (shopper_context)
  Idx previous_chat = kNone;     // the shopper's chat before this one (derived, not saved)
  Idx live = kNone;              // its LiveChat in Core::live_chats, if any
  int waves = 0;                 // waves started (queue_status)
  ChatState state = ChatState::kRequested;
  bool silent = false;  // a blocked shopper's chat (R-BLOCK-1): no offers, no timers, no effects
  bool has_location = false;
  // A left message lives in Core::messages (most chats have none); the notify-once rule
  // (R-CHAT-7) needs these two flags here.
  bool has_contact = false;
  bool notified = false;  // notify_shopper sent in the current offline period
  bool video = false;
  std::uint8_t rating = 0;  // 1..5 stars, 0 = not rated
};

// The chats' id lookup: a hash set of chat indexes hashed and compared by the chat's id, so
// that each id is stored once (in its Chat), not again as a key. Lookups take a string_view.
struct ChatIdHash {
  using is_transparent = void;
  const std::vector<Chat>* chats;
  // absl's own string hash (std::string_view would fall back to std::hash, slower).
  std::size_t operator()(std::string_view id) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(id.data(), id.size()));
  }
  std::size_t operator()(Idx c) const { return (*this)(std::string_view((*chats)[c].id)); }
};
struct ChatIdEq {
  using is_transparent = void;
  const std::vector<Chat>* chats;
  std::string_view id(Idx c) const { return (*chats)[c].id; }
  static std::string_view id(std::string_view s) { return s; }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return id(a) == id(b);
  }
};
using ChatIds = absl::flat_hash_set<Idx, ChatIdHash, ChatIdEq>;

struct LeftMessage {
  std::string text;
  NotifyChannel channel = NotifyChannel::kEmail;
  std::string address;
};

struct Shopper {
  std::string id;
  Idx open_chat = kNone;
  Idx latest_chat = kNone;
  bool online = true;
  bool blocked = false;
};

// R-CONTACT-2: a chat's pending invitation, and an expert's contact (key: expert, shopper).
struct Invitation {
  Idx expert = kNone;
  std::string channel;  // email, sms or whatsapp
  std::string address;
  std::int64_t at_ms = 0;
};
struct SavedContact {
  std::string channel;
  std::string address;
};

// R-CTX-1: what a shopper's tracking events left (only shoppers who sent one have a record).
struct ShopperRecord {
  std::vector<ProductViewRecord> views;  // newest first, at most kMaxProductViews
  std::optional<std::string> location;
  std::optional<std::string> last_order;
  std::int64_t last_activity_ms = 0;
};

// The decision of one record_purchase, kept for explain_purchase (R-WHY-1). An order restored
// from a snapshot older than these records has none (`decided` false).
struct PurchaseRecord {
  bool decided = true;
  std::string shopper;
  std::int64_t at_ms = 0;
  int window_days = 0;
  bool shopper_known = false;
  UnattributedReason reason = UnattributedReason::kNoContact;
  bool attributed = false;
  bool has_contact = false;  // attributed or outside_window: the contact below was read
  Idx expert = kNone, chat = kNone;
  std::int64_t contact_ms = 0;
};

// One request-to-claim wait (R-QUEUE-1), oldest first in Core::claim_waits.
struct ClaimWait {
  std::int64_t ms = 0;
};

struct Manager {
  std::string id;
  std::string email;
};

struct Core;

// An available expert in the global routing order (idle since, id) (R-CHAT-2). The idle time
// is part of the key so that comparisons touch the experts' records only on a tie.
struct IdleKey {
  std::int64_t idle_ms;
  Idx expert;
};
struct IdleOrder {
  const Core* core;
  bool operator()(const IdleKey& a, const IdleKey& b) const;
};

struct Core {
  Core() : chat_ids(0, ChatIdHash{&chats}, ChatIdEq{&chats}), available_all(IdleOrder{this}) {}
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  Settings settings;
  std::int64_t now_ms = 0;
  std::uint64_t next_timer_seq = 1;
  std::uint64_t next_chat_number = 1;
  absl::btree_map<TimerKey, Timer> timers;

  std::vector<Store> stores;
  std::vector<Expert> experts;
  std::vector<Chat> chats;
  std::vector<Shopper> shoppers;
  std::deque<LiveChat> live_chats;  // a deque: a LiveChat& stays valid while others are added
  std::vector<Idx> free_live;       // free slots of live_chats
  absl::flat_hash_map<std::string, Idx> store_ids, expert_ids, shopper_ids;
  ChatIds chat_ids;
  // Departments asked for by chats, interned: a chat holds an index (most chats name none).
  std::vector<std::string> department_names;
  absl::flat_hash_map<std::string, Idx> department_ids;
  absl::flat_hash_map<std::string, Idx> expert_emails;  // email_key -> expert
  absl::btree_set<Idx> left_messages;                   // queued, by chat index = request order
  absl::btree_map<Idx, LeftMessage> messages;           // every left message, by chat
  absl::btree_map<std::string, std::string> managers;   // digest subscribers: id -> email
  absl::btree_set<IdleKey, IdleOrder> available_all;    // every available expert, by (idle, id)
  // Routing by distance: a k-d tree over the located stores, rebuilt by the next routing after
  // a store change; stores without a location come last, as one group. Only routing (a command,
  // never a const query) reads or rebuilds it, so const queries stay free of writes.
  StoreIndex store_index;
  std::vector<Idx> unlocated_stores;
  bool store_index_dirty = true;
  std::vector<Idx> scratch_group;  // reused by candidates(): no allocation when warm
  std::vector<Idx> scratch_wave;
  TimerKey digest_timer = kNoTimer;
  std::optional<std::int64_t> merchant_deactivated_ms;
  TimerKey pii_timer = kNoTimer;
  bool pii_anonymized = false;

  absl::btree_map<Idx, Invitation> invitations;                     // by chat
  absl::btree_map<std::pair<Idx, Idx>, SavedContact> address_book;  // (expert, shopper)

  attribution::ContactBook contacts;
  // Every recorded order id (R-ATTR-2) with its decision (explain_purchase): one table, so that
  // a purchase hashes its order id once.
  attribution::OrderTable<PurchaseRecord> purchases;
  absl::btree_map<Idx, ShopperRecord> shopper_records;  // by shopper (R-CTX-1)
  std::vector<ClaimWait> claim_waits;  // the last kQueueWaitSamples claims, oldest first
  // R-METRIC-1: fed at the one place where each transition happens (metrics_book.hpp lists
  // which effect feeds which call); its reporting zone follows settings.reporting_timezone.
  analytics::MetricsBook metrics;

  std::vector<Effect> outbox;
  // Units of vshop/limits.hpp kMaxPendingEffectUnits held by outbox[0, outbox_counted).
  std::size_t outbox_units = 0;
  std::size_t outbox_counted = 0;
  std::vector<std::string> journal;
  bool journaling = true;
  std::string last_chat_id;    // id of the chat the last request_chat opened or returned
  std::size_t open_chats = 0;  // shoppers with an open chat (limits::kMaxOpenChats)

  // --- engine.cpp: clock, timers, dispatch -----------------------------------------------
  // Fills in `at` (and the merged store of update_store). `canonical`: the command comes from
  // parse_command, which has already run validate_command.
  absl::Status apply(Command& command, bool canonical);
  absl::Status apply_unchecked(Command& command, bool canonical);
  // Moves the clock to `target` firing due timers; false when it stopped early because the
  // outbox is full (the clock then stands at the last deadline fired).
  bool advance_to(std::int64_t target);
  std::size_t pending_units();  // the outbox's units, counting what was emitted since
  bool outbox_full() { return pending_units() >= limits::kMaxPendingEffectUnits; }
  absl::Status outbox_full_error() const;
  void drained();  // the host took the outbox
  void fire(const TimerKey& key, const Timer& timer);
  TimerKey add_timer(std::int64_t deadline_ms, TimerKind kind, Idx target);
  void cancel_timer(TimerKey& key);
  Effect& emit(EffectKind kind, std::int64_t at_ms);
  absl::Status dispatch(Command& command);
  void journal_command(const Command& command);

  // lookups that fail with not_found naming the field
  absl::StatusOr<Idx> find_store(std::string_view id, std::string_view field = "store") const;
  absl::StatusOr<Idx> find_expert(std::string_view id, std::string_view field = "expert") const;
  absl::StatusOr<Idx> find_chat(std::string_view id, std::string_view field = "chat") const;
  absl::StatusOr<Idx> find_shopper(std::string_view id, std::string_view field = "shopper") const;
  Idx intern_shopper(std::string_view id);
  Idx intern_department(const std::string& name);
  // A chat's live record (chats.cpp): `live` makes one if needed, `live_view` reads it (an
  // empty record when it has none), `release_live` returns it to the pool when routing and
  // transfers are over (claim, miss, end).
  LiveChat& live(Chat& chat);
  const LiveChat& live_view(const Chat& chat) const;
  void release_live(Chat& chat);

  // --- stores.cpp ------------------------------------------------------------------------
  absl::Status add_store(Command& c);
  absl::Status update_store(Command& c);
  absl::Status deactivate_store(const Command& c);
  // Whether the store routes at `at_ms`: the const form reads the memo but never writes it (safe
  // in concurrent queries); the command form also refreshes the memo.
  bool store_open(Idx store, std::int64_t at_ms) const;
  bool store_open_memo(Idx store, std::int64_t at_ms);
  void arm_store_close(Idx store);
  void on_store_close(Idx store, std::int64_t at_ms);

  // --- experts.cpp -----------------------------------------------------------------------
  absl::Status register_expert(const Command& c);
  absl::Status approve_expert(const Command& c);
  absl::Status deactivate_expert(const Command& c);
  absl::Status reactivate_expert(const Command& c);
  absl::Status anonymize_expert(const Command& c);
  absl::Status go_available(const Command& c);
  absl::Status go_unavailable(const Command& c);
  void make_available(Idx expert, std::int64_t at_ms);
  // Availability ends (R-AVAIL-2..4, R-CHAT-4): effect, withdrawals, failed transfers, then
  // replacement offers.
  void make_unavailable(Idx expert, std::int64_t at_ms, UnavailableReason reason);
  void set_idle(Idx expert, std::int64_t at_ms);
  bool idle_before(Idx a, Idx b) const;
  void index_insert(Idx expert);
  void index_erase(Idx expert);
  // Where (idle_ms, expert) goes in the store's available list (before an equal entry).
  std::size_t store_slot(const Store& store, std::int64_t idle_ms, Idx expert) const;
  bool eligible(Idx expert) const;  // R-CAP-1: available and capacity_free

  // --- routing.cpp -----------------------------------------------------------------------
  // Up to `want` eligible experts not yet offered this chat, best first (R-CHAT-2).
  void candidates(const Chat& chat, std::size_t want, std::vector<Idx>& out);
  bool matches_department(const Chat& chat, Idx expert) const;
  void start_wave(Idx chat, std::int64_t at_ms, bool first);
  void offer_replacement(Idx chat, std::int64_t at_ms);  // after a decline or withdrawal
  void on_wave_deadline(Idx chat, std::int64_t at_ms);
  void withdraw_offer(Idx chat, Idx expert, std::int64_t at_ms, WithdrawReason reason);
  void miss_chat(Idx chat, std::int64_t at_ms, MissReason reason);

  // --- chats.cpp -------------------------------------------------------------------------
  absl::Status request_chat(const Command& c);
  absl::Status claim(const Command& c);
  absl::Status decline(const Command& c, bool go_unavailable);
  absl::Status leave_message(const Command& c);
  absl::Status take_left_message(const Command& c);
  absl::Status send_message(const Command& c);
  absl::Status shopper_presence(const Command& c, bool online);
  absl::Status finish_chat(const Command& c);
  absl::Status rate_chat(const Command& c);
  absl::Status block_shopper(const Command& c);
  absl::Status unblock_shopper(const Command& c);
  absl::Status record_purchase(const Command& c);
  void remember_purchase(PurchaseRecord& r, const Command& c, bool shopper_known,
                         const attribution::Decision& decision);  // explain.cpp
  void activate_chat(Idx chat, Idx expert, std::int64_t at_ms);   // claim/take: one place
  // Ends an active chat (finish or block), R-XFER-2 order of effects.
  void end_chat(Idx chat, std::int64_t at_ms, ChatState final_state);
  absl::Status check_chat_expert(Idx chat, Idx expert, std::string_view what) const;

  // --- transfers.cpp ---------------------------------------------------------------------
  absl::Status transfer(const Command& c);
  absl::Status accept_transfer(const Command& c);
  absl::Status decline_transfer(const Command& c);
  absl::Status start_video(const Command& c);
  absl::Status end_video(const Command& c);
  void fail_transfer(Idx chat, std::int64_t at_ms, TransferFailReason reason);
  void stop_video(Idx chat, std::int64_t at_ms);

  // --- appointments.cpp ------------------------------------------------------------------
  absl::Status send_appointment(const Command& c);

  // --- contacts.cpp ----------------------------------------------------------------------
  absl::Status invite_contact(const Command& c);
  absl::Status accept_contact(const Command& c);
  void erase_contacts_of(Idx expert);  // invitations and contacts (anonymize_expert)

  // --- schedule.cpp ----------------------------------------------------------------------
  absl::Status configure(const Command& c);
  absl::Status subscribe_digest(const Command& c);
  absl::Status unsubscribe_digest(const Command& c);
  absl::Status deactivate_merchant(const Command& c);
  void arm_digest();
  void on_digest(std::int64_t at_ms);
  void on_pii(std::int64_t at_ms);
  int pending_experts() const;

  // --- metrics.cpp ---------------------------------------------------------------------
  // The book only rejects inputs inconsistent with the engine's own state (ids are bounded at
  // registration, stars and money are validated first), so a failure here is an engine bug:
  // it aborts debug builds and is dropped (the metrics miss one event) in release builds.
  static void fed(const absl::Status& status);
  analytics::StoreId metrics_store(Idx expert) const;

  // --- shopper_context.cpp (R-CTX-1) ---------------------------------------------------
  absl::Status shopper_event(const Command& c);
  bool spoke_before(Idx chat, Idx expert) const;

  // --- explain.cpp, queue.cpp (R-WHY-1, R-QUEUE-1) -----------------------------------------
  // What keeps expert `e` from an offer at `at_ms`, in R-WHY-1 order; eligible() is the empty
  // answer's fast path for the last four (which routing checks).
  void expert_blockers(Idx e, std::int64_t at_ms, std::vector<ExpertReason>& out) const;
  bool capacity_free(const Expert& x) const;
  // R-DISPLAY-1 with its reasons (`reasons` may be null): the one code path of widget_state.
  WidgetState widget_decision(const WidgetQuery& q, const WidgetRules& rules, std::int64_t t,
                              std::vector<WidgetReason>* reasons) const;
  void record_claim_wait(Idx chat, std::int64_t at_ms);

  // --- snapshot.cpp ----------------------------------------------------------------------
  std::string snapshot() const;

  // --- invariants.cpp --------------------------------------------------------------------
  // Engine::check_invariants: the first broken cross-reference, or OK.
  absl::Status check_invariants() const;
  // After restore: recomputes the derived counters, then check_invariants.
  absl::Status finish_restore();
};

// Read access to an engine's state for tests and internal tools (the public API has no
// accessor for internals such as the metrics book or the contact book).
struct CoreAccess {
  static const Core& core(const Engine& engine) { return *engine.core_; }
};

// R-EXP-1's email check (experts.cpp), shared by contact invitations: one `@` with text on
// both sides, at most 254 bytes; applied to the text trimmed of ASCII white space.
bool plausible_email(std::string_view email);
std::string trim_space(std::string_view s);

// limit_exceeded naming `field`: a merchant holds at most `limit` of `what`.
absl::Status limit_error(std::string_view field, std::string_view what, std::size_t limit);

}  // namespace vshop::engine_detail
