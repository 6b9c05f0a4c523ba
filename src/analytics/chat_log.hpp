// ChatLog: one record per chat for the Dashboard's "Export Chats" (docs/metrics.md, "Exports"):
// request and answer instants, the experts who held it and their stores, its outcome, rating
// and attributed orders. Fed by MetricsBook as the engine reports each transition; pruned with
// the book's retention (records of chats requested before the cutoff day are dropped).
//
// Storage (it is most of what the book keeps per finished chat): a dense array of 32-byte slots
// indexed by chat id (the engine's ids are dense, in request order), holding what every chat
// has; what few chats have (a second holder after a transfer, attributed orders, an answer more
// than 49 days after the request) lives in side maps keyed by chat. Ids far outside the dense
// run (a restarted chat below it after pruning, a jump of more than max(4096, a quarter of the
// run), an id given by a test or a snapshot) use a sparse map of the same slots.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "analytics/day_stats.hpp"

namespace vshop::analytics {

enum class ChatOutcome : std::uint8_t { kAwaiting, kClaimed, kMissed, kTaken };

// One chat's record as the exports and the snapshot see it.
struct ChatRecord {
  std::int64_t requested_ms = 0;
  std::int64_t answered_ms = -1;  // claim or take instant; -1 when not answered
  DayKey day = 0;                 // reporting day of the request
  ChatOutcome outcome = ChatOutcome::kAwaiting;
  std::uint8_t rating = 0;  // 0: not rated
  std::uint32_t first_offer_store = 0xFFFFFFFFu;
  // The experts who held the chat, in order (claimer or taker, then transfer targets), with
  // their stores at the time.
  absl::InlinedVector<std::uint32_t, 2> experts;
  absl::InlinedVector<std::uint32_t, 2> stores;
  absl::InlinedVector<OrderTotal, 1> orders;  // attributed orders per interned currency
};

class ChatLog {
 public:
  // A (re)request starts the chat's record afresh.
  void requested(std::uint32_t chat, std::int64_t at_ms, DayKey day);
  void offered(std::uint32_t chat, std::uint32_t store);
  void handled(std::uint32_t chat, std::int64_t at_ms, ChatOutcome outcome, std::uint32_t expert,
               std::uint32_t store);
  void missed(std::uint32_t chat);
  void transferred(std::uint32_t chat, std::uint32_t expert, std::uint32_t store);
  void rated(std::uint32_t chat, int stars);
  void ordered(std::uint32_t chat, std::uint16_t currency, std::int64_t minor);
  // Drops the records of chats requested before `cutoff`.
  void prune(DayKey cutoff);

  // Whether the chat has a record, and how many chats do.
  bool contains(std::uint32_t chat) const { return find(chat) != nullptr; }
  std::size_t size() const { return count_; }
  // The chats requested on days first..last, ordered by (request instant, chat id).
  std::vector<std::pair<std::uint32_t, ChatRecord>> range(DayKey first, DayKey last) const;
  // Every record, by chat id (the snapshot).
  std::vector<std::pair<std::uint32_t, ChatRecord>> all() const;
  // Adds a record read from a snapshot; false (nothing changed) when the chat has one.
  bool insert(std::uint32_t chat, const ChatRecord& record);
  // Bytes held by the log's tables (allocated capacity), for the memory figures.
  std::size_t bytes() const;

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static constexpr std::uint8_t kAbsent = 0xFF;           // Slot::outcome of an empty dense slot
  static constexpr std::uint32_t kNoAnswer = kNone;       // Slot::answer_delta: answered_ms == -1
  static constexpr std::uint32_t kFarAnswer = kNone - 1;  // the exact instant is in far_answers_
  // Slot::flags
  static constexpr std::uint8_t kMoreHolders = 1;  // holders after the first in more_holders_
  static constexpr std::uint8_t kHasOrders = 2;    // orders_ holds its orders

  struct Slot {
    std::int64_t requested_ms = 0;
    DayKey day = 0;
    std::uint32_t answer_delta = kNoAnswer;  // answered_ms - requested_ms
    std::uint32_t first_offer_store = kNone;
    std::uint32_t expert = kNone;  // first holder (kNone: none yet)
    std::uint32_t store = kNone;
    std::uint8_t outcome = kAbsent;
    std::uint8_t rating = 0;
    std::uint8_t flags = 0;
  };
  static_assert(sizeof(Slot) == 32);
  using Holders = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (expert, store)

  const Slot* find(std::uint32_t chat) const;
  Slot* find(std::uint32_t chat) {
    return const_cast<Slot*>(static_cast<const ChatLog*>(this)->find(chat));
  }
  Slot& make(std::uint32_t chat);  // the chat's slot, emptied if it existed
  void clear_extras(std::uint32_t chat, Slot& s);
  void set_answer(std::uint32_t chat, Slot& s, std::int64_t answered_ms);
  void add_holder(std::uint32_t chat, Slot& s, std::uint32_t expert, std::uint32_t store);
  ChatRecord record(std::uint32_t chat, const Slot& s) const;

  std::uint32_t base_ = 0;   // chat id of dense_[0]
  std::vector<Slot> dense_;  // chats base_ .. base_ + size - 1 (outcome kAbsent: no record)
  absl::flat_hash_map<std::uint32_t, Slot> sparse_;
  std::size_t count_ = 0;
  absl::flat_hash_map<std::uint32_t, std::int64_t> far_answers_;
  absl::flat_hash_map<std::uint32_t, Holders> more_holders_;
  absl::flat_hash_map<std::uint32_t, absl::InlinedVector<OrderTotal, 1>> orders_;
};

}  // namespace vshop::analytics
