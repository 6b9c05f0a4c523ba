// The merchant of the scale benchmark: a chain of stores spread over Europe in four time zones,
// with a few realistic kinds of opening hours, and ten experts per store working early and late
// shifts on the simulated day (a Friday).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/engine/engine.hpp"

namespace vshop_scale {

// The simulated day: Friday 2026-06-12 (summer time everywhere in the chain).
constexpr std::int64_t kDayStartMs = 1'781'222'400'000;  // 2026-06-12T00:00:00Z
constexpr std::int64_t kMinuteMs = 60'000;

// One of the four regions: its zone, currency, share of the stores and bounding box.
struct Zone {
  std::string_view tz;
  std::string_view currency;
  double share;
  double lat0, lat1, lon0, lon1;
};
inline constexpr std::array<Zone, 4> kZones{{
    {"Europe/Lisbon", "EUR", 0.07, 37.0, 42.0, -9.0, -7.0},
    {"Europe/London", "GBP", 0.20, 50.5, 55.5, -4.5, 1.5},
    {"Europe/Paris", "EUR", 0.55, 43.5, 54.0, 0.0, 16.0},
    {"Europe/Helsinki", "EUR", 0.18, 56.0, 64.0, 21.0, 29.0},
}};

struct Store {
  double lat, lon;
  std::uint8_t zone;
  std::uint8_t hours;  // index into the hour templates (chain.cpp)
};

// When one expert is available: [from, to) in epoch ms; `closes` when the store's closing
// (R-AVAIL-2) ends it rather than a go_unavailable.
struct Shift {
  std::int64_t from, to;
  bool closes;
};

class Chain {
 public:
  // A chain of `stores` stores and `experts` experts (expert e works at store e * stores /
  // experts), seeded.
  Chain(int stores, int experts, std::uint64_t seed);

  // Configures the merchant, adds the stores, registers and approves the experts (through
  // Engine::apply_json, the host's path for setup); the clock is left at `at_ms`.
  void set_up(vshop::Engine& engine, std::int64_t at_ms) const;

  // The shifts of one expert on the simulated day (one per open interval of the store that the
  // shift meets), in time order, jittered with `rng_value` (any 64-bit value).
  std::vector<Shift> shifts(int expert, std::uint64_t rng_value) const;

  int store_of(int expert) const {
    return static_cast<int>(static_cast<std::int64_t>(expert) * store_count() / experts_);
  }
  int store_count() const { return static_cast<int>(stores_.size()); }
  int expert_count() const { return experts_; }
  const Store& store(int s) const { return stores_[static_cast<std::size_t>(s)]; }
  // The stores of zone z (indexes), for shoppers placed near one of them.
  const std::vector<int>& stores_in(int z) const { return by_zone_[static_cast<std::size_t>(z)]; }

 private:
  int experts_;
  std::vector<Store> stores_;
  std::array<std::vector<int>, kZones.size()> by_zone_;
  // Per (zone, hours template): the store's open intervals on the day, UTC ms.
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> open_;
};

}  // namespace vshop_scale
