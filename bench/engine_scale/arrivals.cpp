#include "arrivals.hpp"

#include <algorithm>

#include "date/tz.h"
#include "vshop/hours/opening_hours.hpp"

namespace vshop_scale {
namespace {

// Relative chat requests per local hour (08:00 .. 21:00 starts): a morning rise, a lunch peak,
// an afternoon dip and the evening peak; none while the widget is hidden at night.
constexpr std::array<double, 24> kLocalHourWeight{0,   0,   0,   0,   0,   0,   0,   0,
                                                  0.6, 1.0, 1.5, 2.0, 2.3, 2.6, 2.5, 2.2,
                                                  2.1, 2.2, 2.4, 2.6, 2.4, 1.6, 0,   0};

}  // namespace

Arrivals::Arrivals(std::int64_t count, std::uint64_t seed)
    : count_(count), spacing_rng_(seed), zone_rng_(seed ^ 0x9e3779b97f4a7c15ULL) {
  std::array<std::int64_t, kZones.size()> offset_min{};
  for (std::size_t z = 0; z < kZones.size(); ++z) {
    const auto* zone = vshop::hours::locate_iana_zone(kZones[z].tz);
    const auto info = zone->get_info(date::sys_seconds{std::chrono::seconds{kDayStartMs / 1000}});
    offset_min[z] = info.offset.count() / 60;  // one offset all day (no change on 2026-06-12)
  }
  cdf_.assign(1441, 0.0);
  zone_cdf_.resize(1440);
  for (std::size_t m = 0; m < 1440; ++m) {
    double sum = 0;
    for (std::size_t z = 0; z < kZones.size(); ++z) {
      const auto local = (static_cast<std::int64_t>(m) + offset_min[z] + 1440) % 1440;
      sum += kZones[z].share * kLocalHourWeight[static_cast<std::size_t>(local / 60)];
      zone_cdf_[m][z] = sum;
    }
    for (auto& c : zone_cdf_[m]) c = sum > 0 ? c / sum : 1.0;
    cdf_[m + 1] = cdf_[m] + sum;
  }
  for (auto& c : cdf_) c /= cdf_.back();
  // Pass 1: the total of the count + 1 spacings; pass 2 (produce) draws the same ones again.
  std::mt19937_64 first_pass(seed);
  for (std::int64_t i = 0; i <= count_; ++i) total_ += exp_(first_pass);
  exp_.reset();
  if (count_ > 0) produce();
}

void Arrivals::pop() {
  if (++produced_ < count_) produce();
}

void Arrivals::produce() {
  sum_ += exp_(spacing_rng_);
  const double u = sum_ / total_;
  while (minute_ + 1 < 1440 && cdf_[minute_ + 1] <= u) ++minute_;
  const double width = cdf_[minute_ + 1] - cdf_[minute_];
  const double frac = width > 0 ? std::min(1.0, (u - cdf_[minute_]) / width) : 0.0;
  next_.at_ms = kDayStartMs + static_cast<std::int64_t>((static_cast<double>(minute_) + frac) *
                                                        static_cast<double>(kMinuteMs));
  const double v = std::uniform_real_distribution<double>(0, 1)(zone_rng_);
  std::size_t z = 0;
  while (z + 1 < kZones.size() && zone_cdf_[minute_][z] <= v) ++z;
  next_.zone = static_cast<std::uint8_t>(z);
}

}  // namespace vshop_scale
