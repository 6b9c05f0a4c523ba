// R-APPT-2: an appointment card sent by the chat's expert, its start read in the store's zone
// with R-HOURS-3's rule and written as an RFC 5545 calendar (engine/ics.hpp).
#include "core/control_chars.hpp"
#include "engine/core.hpp"
#include "engine/ics.hpp"
#include "hours/utc_block.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

constexpr std::size_t kMaxTitleCodePoints = 200;
constexpr std::int64_t kMinDurationMin = 5;
constexpr std::int64_t kMaxDurationMin = 1440;

// Code points of valid UTF-8 text (the command's well-formedness checked it).
std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A title or location: control characters other than TAB and LF are refused.
absl::Status check_card_text(std::string_view field, std::string_view text) {
  if (const int c = first_control_character(text, true); c >= 0) {
    return error(ErrorCode::kInvalidArgument, "%s: control character U+%04X is not allowed", field,
                 c);
  }
  return absl::OkStatus();
}

bool two_digits(std::string_view s, std::size_t at, int max, int& out) {
  const char a = s[at], b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = (a - '0') * 10 + (b - '0');
  return out <= max;
}

// `start`: exactly `YYYY-MM-DDTHH:MM`, a local wall-clock time.
absl::StatusOr<date::local_seconds> parse_local_start(std::string_view text) {
  int hour = 0, minute = 0;
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':' || !two_digits(text, 11, 23, hour) ||
      !two_digits(text, 14, 59, minute)) {
    return error(ErrorCode::kInvalidArgument,
                 "start: \"%s\" is not a local date-time YYYY-MM-DDTHH:MM", text);
  }
  auto day = hours::parse_local_date(text.substr(0, 10), "start");
  if (!day.ok()) return day.status();
  return date::local_seconds{*day} + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

absl::Status check_fields(const Command& c) {
  if (c.title.empty() || code_points(c.title) > kMaxTitleCodePoints) {
    return error(ErrorCode::kInvalidArgument, "title: %d characters, must be 1..%d",
                 code_points(c.title), kMaxTitleCodePoints);
  }
  if (auto s = check_card_text("title", c.title); !s.ok()) return s;
  if (auto start = parse_local_start(c.start); !start.ok()) return start.status();
  if (c.duration_min < kMinDurationMin || c.duration_min > kMaxDurationMin) {
    return error(ErrorCode::kInvalidArgument, "duration_min: %d is outside %d..%d", c.duration_min,
                 kMinDurationMin, kMaxDurationMin);
  }
  if (c.location) return check_card_text("location", *c.location);
  return absl::OkStatus();
}

}  // namespace

absl::Status Core::send_appointment(const Command& c) {
  if (auto s = check_fields(c); !s.ok()) return s;
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (auto s = check_chat_expert(*ch, *e, "send_appointment"); !s.ok()) return s;
  const Expert& expert = experts[*e];
  if (expert.store == kNone) {
    return error(ErrorCode::kInvalidState, "expert: \"%s\" has no store", expert.id);
  }
  const Store& store = stores[expert.store];
  const date::time_zone* zone = hours::locate_iana_zone(store.spec.timezone);
  if (zone == nullptr) {  // the store's zone was accepted when it was added
    return error(ErrorCode::kInvalidState, "store: unknown time zone \"%s\"", store.spec.timezone);
  }
  const auto local = parse_local_start(c.start);  // checked above
  const std::int64_t start_ms = hours::detail::to_utc_ms_compatible(*zone, *local);
  const std::int64_t end_ms = start_ms + c.duration_min * 60'000;
  if (start_ms < kMinEpochMs || end_ms > kMaxEpochMs) {
    return error(ErrorCode::kInvalidArgument, "start: \"%s\" is outside years 0001..9999", c.start);
  }

  Chat& chat = chats[*ch];
  ++chat.appointments;
  IcsEvent ics;
  ics.uid = chat.id + "-" + std::to_string(chat.appointments) + "@vshop";
  ics.stamp_ms = now_ms;
  ics.start_ms = start_ms;
  ics.end_ms = end_ms;
  ics.summary = c.title;
  ics.location = c.location.value_or(store.spec.address);
  Effect& eff = emit(EffectKind::kAppointmentSent, now_ms);
  eff.chat = chat.id;
  eff.expert = expert.id;
  eff.start = from_epoch_ms(start_ms);
  eff.end = from_epoch_ms(end_ms);
  eff.ics = write_ics(ics);
  return absl::OkStatus();
}

}  // namespace vshop::engine_detail
