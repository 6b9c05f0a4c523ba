#include "chain.hpp"

#include <algorithm>
#include <random>

#include "../common/chat_world.hpp"
#include "fmt/format.h"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/hours/store.hpp"

namespace vshop_scale {
namespace {

// The kinds of hours in the chain and the share of the stores that keep them.
struct HoursTemplate {
  double share;
  const char* json;
};
constexpr std::array<HoursTemplate, 4> kHours{{
    // High street: late opening on Fridays, short Saturdays, closed on Sundays.
    {0.50,
     R"({"mon":["10:00-19:00"],"tue":["10:00-19:00"],"wed":["10:00-19:00"],"thu":["10:00-19:00"],"fri":["10:00-21:00"],"sat":["10:00-18:00"]})"},
    // Small town: a lunch break.
    {0.15,
     R"({"mon":["09:00-12:30","13:30-18:30"],"tue":["09:00-12:30","13:30-18:30"],"wed":["09:00-12:30","13:30-18:30"],"thu":["09:00-12:30","13:30-18:30"],"fri":["09:00-12:30","13:30-18:30"],"sat":["09:00-13:00"]})"},
    // Mall: every day.
    {0.25,
     R"({"mon":["10:00-21:00"],"tue":["10:00-21:00"],"wed":["10:00-21:00"],"thu":["10:00-21:00"],"fri":["10:00-21:00"],"sat":["10:00-21:00"],"sun":["11:00-18:00"]})"},
    // Flagship: long hours every day.
    {0.10,
     R"({"mon":["08:00-22:00"],"tue":["08:00-22:00"],"wed":["08:00-22:00"],"thu":["08:00-22:00"],"fri":["08:00-22:00"],"sat":["08:00-22:00"],"sun":["10:00-20:00"]})"},
}};

template <std::size_t N, typename T>
std::uint8_t pick(const std::array<T, N>& items, double u) {
  for (std::size_t i = 0; i + 1 < N; ++i) {
    if (u < items[i].share) return static_cast<std::uint8_t>(i);
    u -= items[i].share;
  }
  return static_cast<std::uint8_t>(N - 1);
}

std::string store_json(int s, const Store& store) {
  return fmt::format(
      R"({{"cmd":"add_store","store":"st{}","name":"Store {}","timezone":"{}","lat":{:.4f},"lon":{:.4f},"hours":{}}})",
      s, s, kZones[store.zone].tz, store.lat, store.lon, kHours[store.hours].json);
}

}  // namespace

Chain::Chain(int stores, int experts, std::uint64_t seed) : experts_(experts) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0, 1);
  stores_.reserve(static_cast<std::size_t>(stores));
  for (int s = 0; s < stores; ++s) {
    Store st{};
    st.zone = pick(kZones, u01(rng));
    st.hours = pick(kHours, u01(rng));
    const Zone& z = kZones[st.zone];
    st.lat = z.lat0 + (z.lat1 - z.lat0) * u01(rng);
    st.lon = z.lon0 + (z.lon1 - z.lon0) * u01(rng);
    by_zone_[st.zone].push_back(s);
    stores_.push_back(st);
  }
  // The day's open intervals of each (zone, template), from the same documents the stores get.
  for (const Zone& z : kZones) {
    for (const HoursTemplate& h : kHours) {
      auto spec = vshop::hours::parse_store_json(
          fmt::format(R"({{"store":"t","timezone":"{}","hours":{}}})", z.tz, h.json));
      vshop_bench::must(spec.status());
      auto hours = vshop::hours::OpeningHours::create(z.tz, spec->hours);
      vshop_bench::must(hours.status());
      auto iv = hours->open_intervals(vshop::from_epoch_ms(kDayStartMs),
                                      vshop::from_epoch_ms(kDayStartMs + 1440 * kMinuteMs));
      vshop_bench::must(iv.status());
      auto& out = open_.emplace_back();
      for (const auto& i : *iv)
        out.emplace_back(vshop::to_epoch_ms(i.open), vshop::to_epoch_ms(i.close));
    }
  }
}

void Chain::set_up(vshop::Engine& engine, std::int64_t at_ms) const {
  using vshop_bench::must;
  must(engine.apply_json(fmt::format(
      R"({{"at":{},"cmd":"configure","invite_code":"SCALE01","max_active_chats":3,"offer_fanout":3,"offer_timeout_s":20,"claim_window_s":60,"reporting_timezone":"Europe/Paris"}})",
      at_ms)));
  for (int s = 0; s < store_count(); ++s) must(engine.apply_json(store_json(s, store(s))));
  for (int e = 0; e < experts_; ++e) {
    must(engine.apply_json(fmt::format(
        R"({{"cmd":"register_expert","expert":"x{}","email":"x{}@scale.example","invite_code":"SCALE01","name":"Expert {}"}})",
        e, e, e)));
    must(engine.apply_json(fmt::format(
        R"({{"cmd":"approve_expert","expert":"x{}","store":"st{}"}})", e, store_of(e))));
  }
  (void)engine.drain_effects();
}

std::vector<Shift> Chain::shifts(int expert, std::uint64_t rng_value) const {
  const Store& st = store(store_of(expert));
  const auto& open = open_[st.zone * kHours.size() + st.hours];
  std::vector<Shift> out;
  if (open.empty()) return out;
  // Early shift: from opening to a little past the middle of the day; late shift: from a little
  // before the middle to closing. Starts up to 15 minutes late, early leavers up to 10 early.
  const std::int64_t first = open.front().first, last = open.back().second;
  const std::int64_t span = last - first;
  const bool early = expert % 2 == 0;
  const std::int64_t from = early ? first : first + span * 45 / 100;
  const std::int64_t to = early ? first + span * 55 / 100 : last;
  const std::int64_t late_start = static_cast<std::int64_t>(rng_value % 16) * kMinuteMs;
  const std::int64_t early_leave = static_cast<std::int64_t>((rng_value >> 8) % 11) * kMinuteMs;
  for (const auto& [o, c] : open) {
    Shift sh{std::max(o, from) + late_start, std::min(c, to), std::min(c, to) == c};
    if (!sh.closes) sh.to -= early_leave;
    if (sh.to - sh.from >= 15 * kMinuteMs) out.push_back(sh);
  }
  return out;
}

}  // namespace vshop_scale
