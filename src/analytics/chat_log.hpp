// ChatLog: one record per chat for the Dashboard's "Export Chats" (docs/metrics.md, "Exports"):
// request and answer instants, the experts who held it and their stores, its outcome, rating
// and attributed orders. Fed by MetricsBook as the engine reports each transition; pruned with
// the book's retention (records of chats requested before the cutoff day are dropped).
#pragma once

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "analytics/day_stats.hpp"

namespace vshop::analytics {

enum class ChatOutcome : std::uint8_t { kAwaiting, kClaimed, kMissed, kTaken };

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

  // The chats requested on days first..last, by chat id.
  std::vector<std::pair<std::uint32_t, const ChatRecord*>> range(DayKey first, DayKey last) const;
  const absl::flat_hash_map<std::uint32_t, ChatRecord>& records() const { return records_; }
  absl::flat_hash_map<std::uint32_t, ChatRecord>& mutable_records() { return records_; }

 private:
  ChatRecord* find(std::uint32_t chat);
  absl::flat_hash_map<std::uint32_t, ChatRecord> records_;
};

}  // namespace vshop::analytics
