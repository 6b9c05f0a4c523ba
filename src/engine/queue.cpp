// R-QUEUE-1 and R-OPEN-1: where a waiting chat stands, and when the merchant opens next.
#include <algorithm>
#include <array>

#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;

namespace engine_detail {

void Core::record_claim_wait(Idx chat, std::int64_t at_ms) {
  if (claim_waits.size() == kQueueWaitSamples) claim_waits.erase(claim_waits.begin());
  claim_waits.push_back({std::max<std::int64_t>(0, at_ms - chats[chat].requested_ms)});
}

}  // namespace engine_detail

namespace {

// The median of the recorded waits (the mean of the two middle ones, rounded down, for an even
// count); none before the first claim.
std::optional<Duration> median_wait(const std::vector<engine_detail::ClaimWait>& waits) {
  if (waits.empty()) return std::nullopt;
  std::vector<std::int64_t> ms;
  ms.reserve(waits.size());
  for (const auto& w : waits) ms.push_back(w.ms);
  std::sort(ms.begin(), ms.end());
  const std::size_t mid = ms.size() / 2;
  if (ms.size() % 2 == 1) return Duration{ms[mid]};
  return Duration{ms[mid - 1] + (ms[mid] - ms[mid - 1]) / 2};
}

}  // namespace

absl::StatusOr<QueueStatus> Engine::queue_status(std::string_view chat, Instant now) const {
  auto c = core_->find_chat(chat);
  if (!c.ok()) return c.status();
  const engine_detail::Chat& ch = core_->chats[*c];
  QueueStatus out;
  out.chat = ch.id;
  out.state = std::string(chat_state_name(ch.state));
  if (ch.state == ChatState::kRequested) {
    out.waves = ch.waves;
    for (const auto& o : core_->live_view(ch).offers) {
      if (o.state == engine_detail::OfferState::kPending) {
        out.offered.push_back(core_->experts[o.expert].id);
      }
    }
    out.time_left = Duration{std::max<std::int64_t>(0, ch.claim_deadline_ms - to_epoch_ms(now))};
  } else if (ch.state == ChatState::kLeftMessage) {
    int position = 0;
    for (Idx m : core_->left_messages) {
      ++position;
      if (m == *c) break;
    }
    out.position = position;
  } else {
    return error(ErrorCode::kInvalidState, "chat: \"%s\" is %s, neither requested nor left_message",
                 chat, chat_state_name(ch.state));
  }
  out.expected_wait = median_wait(core_->claim_waits);
  return out;
}

absl::StatusOr<NextOpening> Engine::next_opening(Instant now, std::string_view tz) const {
  const date::time_zone* zone = hours::locate_iana_zone(tz);
  if (zone == nullptr) {
    return error(ErrorCode::kInvalidArgument, "tz: unknown IANA time zone \"%s\"", tz);
  }
  const Instant t = from_epoch_ms(std::clamp(to_epoch_ms(now), kMinEpochMs, kMaxEpochMs));
  NextOpening out;
  out.timezone = std::string(tz);
  for (const auto& store : core_->stores) {
    if (!store.active || !store.hours) continue;
    if (store.hours->is_open(t)) {
      out.open_now = true;
      out.at = t;
      break;
    }
    // Closed now: its next change is its next opening (none within next_change's horizon).
    const auto next = store.hours->next_change(t);
    if (next && (!out.at || *next < *out.at)) out.at = next;
  }
  if (out.at) {
    static constexpr std::array<std::string_view, 7> kDays = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    const auto local = zone->to_local(std::chrono::floor<std::chrono::minutes>(*out.at));
    out.local = date::format("%Y-%m-%dT%H:%M", local);
    out.weekday = kDays[date::weekday(std::chrono::floor<date::days>(local)).c_encoding()];
  }
  return out;
}

}  // namespace vshop
