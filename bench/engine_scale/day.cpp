#include "day.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>

#include "fmt/format.h"

namespace vshop_scale {
namespace {

using vshop::from_epoch_ms;

// Ids: chat and shopper n are `c<n>` and `s<n>` (one request per shopper), expert e `x<e>`.
std::string_view make_id(std::string& buf, char prefix, std::uint32_t n) {
  buf.clear();
  buf.push_back(prefix);
  fmt::format_to(std::back_inserter(buf), "{}", n);
  return buf;
}

std::uint32_t number_of(std::string_view id) {
  std::uint32_t n = 0;
  std::from_chars(id.data() + 1, id.data() + id.size(), n);
  return n;
}

void remove(absl::InlinedVector<std::uint32_t, 3>& pending, std::uint32_t expert) {
  pending.erase(std::remove(pending.begin(), pending.end(), expert), pending.end());
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64: a per-expert jitter from the seed
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

Day::Day(const Chain& chain, vshop::Engine& engine, std::int64_t shoppers, std::uint64_t seed)
    : chain_(chain),
      engine_(engine),
      seed_(seed),
      rng_(seed),
      arrivals_(shoppers, seed + 1),
      shift_end_(static_cast<std::size_t>(chain.expert_count()), 0),
      shift_index_(static_cast<std::size_t>(chain.expert_count()), 0),
      chat_zone_(static_cast<std::size_t>(shoppers), 0) {
  for (int e = 0; e < chain.expert_count(); ++e) {
    const auto shifts = chain.shifts(e, mix(seed_ ^ static_cast<std::uint64_t>(e)));
    for (std::size_t i = 0; i < shifts.size(); ++i) {
      const auto x = static_cast<std::uint32_t>(e);
      schedule(shifts[i].from, Kind::kAvail, x, static_cast<std::uint32_t>(i));
      if (!shifts[i].closes) schedule(shifts[i].to, Kind::kUnavail, x);
    }
  }
}

void Day::schedule(std::int64_t at, Kind kind, std::uint32_t a, std::uint32_t b, std::uint8_t c) {
  queue_.push(Event{at, seq_++, a, b, kind, c});
}

DayStats Day::run(std::int64_t end_ms) {
  // Arrivals, scheduled events and the engine's timers merged in time order (timers first on a
  // tie), so that every command's time is at or after the engine's clock.
  constexpr std::int64_t kNever = INT64_MAX;
  std::uint32_t n = 0;
  while (!arrivals_.done() || !queue_.empty()) {
    const std::int64_t arrival = arrivals_.done() ? kNever : arrivals_.peek().at_ms;
    const std::int64_t event = queue_.empty() ? kNever : queue_.top().at;
    const auto deadline = engine_.next_deadline();
    if (deadline && vshop::to_epoch_ms(*deadline) <= std::min(arrival, event)) {
      // The host's timer loop: advance at each deadline.
      ++stats_.commands;
      ++stats_.advances;
      check(engine_.advance(*deadline), "advance");
    } else if (arrival <= event) {
      const Arrival a = arrivals_.peek();
      arrivals_.pop();
      request(a, n++);
    } else {
      const Event e = queue_.top();
      queue_.pop();
      dispatch(e);
    }
    drain();
  }
  ++stats_.commands;
  ++stats_.advances;
  check(engine_.advance(from_epoch_ms(end_ms)), "advance");
  drain();
  const std::size_t fixed = shift_end_.capacity() * 8 + shift_index_.capacity() +
                            chat_zone_.capacity() + effects_.capacity() * sizeof(vshop::Effect);
  peak_driver_bytes_ += fixed;
  return stats_;
}

void Day::request(const Arrival& arrival, std::uint32_t n) {
  chat_zone_[n] = arrival.zone;
  vshop::Command c;
  c.kind = vshop::CommandKind::kRequestChat;
  c.at = from_epoch_ms(arrival.at_ms);
  c.shopper = fmt::format("s{}", n);
  c.chat = fmt::format("c{}", n);
  if (unit() < 0.9) {  // a tenth of the shoppers share no location
    const auto& near = chain_.stores_in(arrival.zone);
    const int s = near.empty()
                      ? static_cast<int>(below(static_cast<std::uint64_t>(chain_.store_count())))
                      : near[below(near.size())];
    c.lat = chain_.store(s).lat + (unit() - 0.5) * 0.3;
    c.lon = chain_.store(s).lon + (unit() - 0.5) * 0.3;
  }
  ++stats_.requests;
  ++stats_.commands;
  check(engine_.request_chat(std::move(c)).status(), "request_chat");
}

void Day::dispatch(const Event& e) {
  switch (e.kind) {
    case Kind::kAvail:
      go_available(e.at, e.a, e.b);
      break;
    case Kind::kUnavail:
      ++stats_.availability;
      ++stats_.commands;
      check(engine_.go_unavailable(from_epoch_ms(e.at), make_id(expert_buf_, 'x', e.a)),
            "go_unavailable");
      break;
    case Kind::kAnswer:
      answer(e.at, e.a);
      break;
    case Kind::kTalk:
      talk(e.at, e.a, e.b, e.c);
      break;
    case Kind::kRate:
      rate(e.at, e.a);
      break;
    case Kind::kPurchase:
      purchase(e.at, e.a, e.c);
      break;
  }
}

void Day::go_available(std::int64_t now, std::uint32_t expert, std::uint32_t shift) {
  const auto shifts =
      chain_.shifts(static_cast<int>(expert), mix(seed_ ^ static_cast<std::uint64_t>(expert)));
  if (shift >= shifts.size() || now >= shifts[shift].to) return;
  shift_end_[expert] = shifts[shift].to;
  shift_index_[expert] = static_cast<std::uint8_t>(shift);
  ++stats_.availability;
  ++stats_.commands;
  check(engine_.go_available(from_epoch_ms(now), make_id(expert_buf_, 'x', expert)),
        "go_available");
}

// The first offered expert claims (85 %), declines (8 %) or lets the offer run out (7 %).
void Day::answer(std::int64_t now, std::uint32_t chat) {
  const auto it = offers_.find(chat);
  if (it == offers_.end() || it->second.empty()) return;  // claimed, missed or between waves
  const std::uint32_t expert = it->second.front();
  const double r = unit();
  if (r >= 0.15) {
    ++stats_.claims;
    ++stats_.commands;
    check(engine_.claim(from_epoch_ms(now), make_id(expert_buf_, 'x', expert),
                        make_id(chat_buf_, 'c', chat)),
          "claim");
    schedule(now + seconds(20, 90), Kind::kTalk, chat, expert,
             static_cast<std::uint8_t>(3 + below(5)));
  } else if (r < 0.08) {
    ++stats_.declines;
    ++stats_.commands;
    check(engine_.decline(from_epoch_ms(now), make_id(expert_buf_, 'x', expert),
                          make_id(chat_buf_, 'c', chat)),
          "decline");
    schedule(now + seconds(2, 8), Kind::kAnswer, chat);
  }
}

// `left` more messages (alternating expert / shopper), then the expert finishes; 40 % of the
// shoppers rate, 30 % buy 5 minutes to 8 hours later (in the currency of the expert's store).
void Day::talk(std::int64_t now, std::uint32_t chat, std::uint32_t expert, int left) {
  ++stats_.commands;
  if (left > 0) {
    ++stats_.messages;
    check(engine_.send_message(
              from_epoch_ms(now), make_id(chat_buf_, 'c', chat),
              left % 2 ? vshop::MessageSender::kExpert : vshop::MessageSender::kShopper),
          "send_message");
    schedule(now + seconds(30, 150), Kind::kTalk, chat, expert,
             static_cast<std::uint8_t>(left - 1));
    return;
  }
  ++stats_.finished;
  check(engine_.finish_chat(from_epoch_ms(now), make_id(expert_buf_, 'x', expert),
                            make_id(chat_buf_, 'c', chat)),
        "finish_chat");
  if (unit() < 0.4) schedule(now + seconds(10, 60), Kind::kRate, chat);
  if (unit() < 0.3) {
    const auto zone = chain_.store(chain_.store_of(static_cast<int>(expert))).zone;
    schedule(now + seconds(300, 8 * 3600), Kind::kPurchase, chat, 0, zone);
  }
}

void Day::rate(std::int64_t now, std::uint32_t chat) {
  vshop::Command c;
  c.kind = vshop::CommandKind::kRateChat;
  c.at = from_epoch_ms(now);
  c.shopper = fmt::format("s{}", chat);
  c.chat = fmt::format("c{}", chat);
  c.stars = static_cast<std::int64_t>(3 + below(3));
  ++stats_.rated;
  ++stats_.commands;
  check(engine_.apply(c), "rate_chat");
}

void Day::purchase(std::int64_t now, std::uint32_t chat, int zone) {
  vshop::Command c;
  c.kind = vshop::CommandKind::kRecordPurchase;
  c.at = from_epoch_ms(now);
  c.order = fmt::format("o{}", chat);
  c.shopper = fmt::format("s{}", chat);
  c.subtotal = fmt::format("{}.{}", 20 + below(240), below(2) ? "95" : "00");
  c.currency = std::string(kZones[static_cast<std::size_t>(zone)].currency);
  ++stats_.purchases;
  ++stats_.commands;
  check(engine_.apply(c), "record_purchase");
}

void Day::check(const absl::Status& status, const char* what) {
  if (status.ok()) return;
  if (stats_.rejected++ == 0) stats_.first_error = fmt::format("{}: {}", what, status.ToString());
}

void Day::drain() {
  engine_.drain_effects(effects_);
  for (const auto& e : effects_) handle(e);
  effects_.clear();
  const std::size_t bytes = queue_.size() * sizeof(Event) + offers_.capacity() * 24;
  peak_driver_bytes_ = std::max(peak_driver_bytes_, bytes);
}

void Day::handle(const vshop::Effect& e) {
  using K = vshop::EffectKind;
  const std::int64_t at = vshop::to_epoch_ms(e.at);
  switch (e.kind) {
    case K::kChatOffered: {
      ++stats_.offered;
      const std::uint32_t chat = number_of(e.chat);
      auto& pending = offers_[chat];
      for (const auto& x : e.experts) pending.push_back(number_of(x));
      schedule(at + seconds(3, 15), Kind::kAnswer, chat);
      break;
    }
    case K::kOfferWithdrawn: {
      const auto it = offers_.find(number_of(e.chat));
      if (it != offers_.end()) remove(it->second, number_of(e.expert));
      break;
    }
    case K::kOfferExpired: {
      const auto it = offers_.find(number_of(e.chat));
      if (it == offers_.end()) break;
      for (const auto& x : e.experts) remove(it->second, number_of(x));
      break;
    }
    case K::kChatClaimed:
      offers_.erase(number_of(e.chat));
      break;
    case K::kChatMissed: {
      ++stats_.missed;
      const std::uint32_t chat = number_of(e.chat);
      offers_.erase(chat);
      // A tenth of the shoppers nobody answered buy anyway (no contact: unattributed).
      if (unit() < 0.1)
        schedule(at + seconds(600, 4 * 3600), Kind::kPurchase, chat, 0, chat_zone_[chat]);
      break;
    }
    case K::kExpertUnavailable: {
      // A decline or missed streak (R-AVAIL-3/4): back a few minutes later, within the shift.
      const auto why = e.reason.as<vshop::UnavailableReason>();
      if (why != vshop::UnavailableReason::kDeclineStreak &&
          why != vshop::UnavailableReason::kMissedStreak)
        break;
      ++stats_.streak_breaks;
      const std::uint32_t x = number_of(e.expert);
      const std::int64_t back = at + seconds(60, 300);
      if (back < shift_end_[x]) schedule(back, Kind::kAvail, x, shift_index_[x]);
      break;
    }
    case K::kSaleAttributed:
      ++stats_.attributed;
      break;
    case K::kSaleUnattributed:
      ++stats_.unattributed;
      break;
    default:
      break;
  }
}

}  // namespace vshop_scale
