// The simulated day of the scale benchmark, driven through the public C++ API as a host would:
// experts go available for their shifts (the store's closing ends the late ones), shoppers
// request chats along the intraday curve, the first offered expert claims (or declines, or
// lets the offer run out), expert and shopper exchange messages, the expert finishes, some
// shoppers rate and some buy within the attribution window. The host's timer loop calls
// advance() at each next_deadline(). Every decision comes from a seeded generator and the
// effects the engine returns, so the run is deterministic.
#pragma once

#include <cstdint>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "arrivals.hpp"
#include "chain.hpp"
#include "vshop/engine/engine.hpp"

namespace vshop_scale {

// What the day did (commands by kind, outcomes from the effects).
struct DayStats {
  std::int64_t commands = 0;  // every engine call that is a command, advance included
  std::int64_t advances = 0, rejected = 0;
  std::int64_t availability = 0, requests = 0, claims = 0, declines = 0, messages = 0;
  std::int64_t finished = 0, rated = 0, purchases = 0;
  std::int64_t offered = 0, missed = 0, attributed = 0, unattributed = 0, streak_breaks = 0;
  std::string first_error;  // the first rejected command, "" when none
};

class Day {
 public:
  Day(const Chain& chain, vshop::Engine& engine, std::int64_t shoppers, std::uint64_t seed);
  // Runs every event of the day, then advances the engine to `end_ms`.
  DayStats run(std::int64_t end_ms);
  // Bytes the driver itself holds at its peak (queue, offer table, per-expert and per-chat
  // arrays), to set against the process's resident memory.
  std::size_t driver_bytes() const { return peak_driver_bytes_; }

 private:
  enum class Kind : std::uint8_t { kAvail, kUnavail, kAnswer, kTalk, kRate, kPurchase };
  struct Event {
    std::int64_t at;
    std::uint64_t seq;
    std::uint32_t a, b;  // expert or chat, then expert / shift index
    Kind kind;
    std::uint8_t c;  // messages left, zone
    bool operator>(const Event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };

  void schedule(std::int64_t at, Kind kind, std::uint32_t a, std::uint32_t b = 0,
                std::uint8_t c = 0);
  void request(const Arrival& arrival, std::uint32_t n);
  void dispatch(const Event& e);
  void answer(std::int64_t now, std::uint32_t chat);
  void talk(std::int64_t now, std::uint32_t chat, std::uint32_t expert, int left);
  void go_available(std::int64_t now, std::uint32_t expert, std::uint32_t shift);
  void rate(std::int64_t now, std::uint32_t chat);
  void purchase(std::int64_t now, std::uint32_t chat, int zone);
  void check(const absl::Status& status, const char* what);
  void drain();
  void handle(const vshop::Effect& effect);

  std::uint64_t below(std::uint64_t n) { return rng_() % n; }
  double unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  std::int64_t seconds(int lo, int hi) {
    return (lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)))) * 1000;
  }

  const Chain& chain_;
  vshop::Engine& engine_;
  std::uint64_t seed_;
  std::mt19937_64 rng_;
  Arrivals arrivals_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> queue_;
  std::uint64_t seq_ = 0;
  // Pending offers of the chats in the offer phase (from the effects), by chat number.
  absl::flat_hash_map<std::uint32_t, absl::InlinedVector<std::uint32_t, 3>> offers_;
  std::vector<std::int64_t> shift_end_;    // per expert: end of the current shift
  std::vector<std::uint8_t> shift_index_;  // per expert: which shift of the day
  std::vector<std::uint8_t> chat_zone_;    // per chat: the shopper's region
  std::vector<vshop::Effect> effects_;
  std::string chat_buf_, expert_buf_;
  std::size_t peak_driver_bytes_ = 0;
  DayStats stats_;
};

}  // namespace vshop_scale
