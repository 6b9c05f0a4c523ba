// The shoppers' chat requests over the simulated day, in time order, generated on the fly (no
// list of a million times is kept): `count` independent request times drawn from the intraday
// curve of each region (local hours 08:00-22:00, busiest at lunch and in the evening), sorted,
// produced as the order statistics of uniforms (exponential spacings) mapped through the
// curve's inverse distribution, minute by minute.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "chain.hpp"

namespace vshop_scale {

struct Arrival {
  std::int64_t at_ms;
  std::uint8_t zone;
};

class Arrivals {
 public:
  Arrivals(std::int64_t count, std::uint64_t seed);

  bool done() const { return produced_ == count_; }
  // The next arrival (valid while !done()).
  const Arrival& peek() const { return next_; }
  void pop();

 private:
  void produce();

  std::int64_t count_, produced_ = 0;
  std::mt19937_64 spacing_rng_, zone_rng_;
  std::exponential_distribution<double> exp_{1.0};
  double total_ = 0, sum_ = 0;  // sum of the count + 1 spacings; the running sum
  std::vector<double> cdf_;     // per UTC minute of the day, cumulative, normalised (size 1441)
  std::vector<std::array<double, kZones.size()>> zone_cdf_;  // per minute: zone choice
  std::size_t minute_ = 0;
  Arrival next_{};
};

}  // namespace vshop_scale
