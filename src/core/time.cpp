#include "vshop/time.hpp"

#include <charconv>

#include "core/digits.hpp"
#include "date/date.h"
#include "vshop/error.hpp"

namespace vshop {
namespace {

absl::Status bad_instant(std::string_view field, std::string_view text, std::string_view why) {
  return error(ErrorCode::kInvalidArgument,
               "%s: invalid instant \"%s\" (%s; expected RFC 3339 like "
               "2026-03-07T10:00:00Z or integer epoch milliseconds)",
               field, text, why);
}

}  // namespace

absl::StatusOr<Instant> instant_from_ms(std::int64_t ms, std::string_view field) {
  if (ms < kMinEpochMs || ms > kMaxEpochMs) {
    return error(ErrorCode::kInvalidArgument, "%s: epoch milliseconds %d outside years 0001..9999",
                 field, ms);
  }
  return from_epoch_ms(ms);
}

absl::StatusOr<Instant> parse_rfc3339(std::string_view s, std::string_view field) {
  // YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)
  const int year = scan_fixed_digits(s, 0, 4);
  const int month = scan_fixed_digits(s, 5, 2);
  const int day = scan_fixed_digits(s, 8, 2);
  const int hour = scan_fixed_digits(s, 11, 2);
  const int minute = scan_fixed_digits(s, 14, 2);
  const int second = scan_fixed_digits(s, 17, 2);
  if (s.size() < 20 || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
      s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
    return bad_instant(field, s, "malformed");
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (year < 1 || !ymd.ok()) return bad_instant(field, s, "no such date");
  if (hour > 23 || minute > 59 || second > 59) return bad_instant(field, s, "no such time");

  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - start < 3) millis = millis * 10 + (s[pos] - '0');
      ++pos;
    }
    const std::size_t digits = pos - start;
    if (digits == 0) return bad_instant(field, s, "empty fraction");
    for (std::size_t d = digits; d < 3; ++d) millis *= 10;
  }
  if (pos >= s.size()) return bad_instant(field, s, "missing offset (Z or +HH:MM)");
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int oh = scan_fixed_digits(s, pos + 1, 2);
    const int om = scan_fixed_digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || pos + 3 >= s.size() || s[pos + 3] != ':' || oh > 23 || om > 59) {
      return bad_instant(field, s, "malformed offset");
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad_instant(field, s, "malformed offset");
  }
  if (pos != s.size()) return bad_instant(field, s, "trailing characters");

  const auto days = date::sys_days{ymd};
  const Instant local = std::chrono::time_point_cast<Duration>(days) + std::chrono::hours{hour} +
                        std::chrono::minutes{minute} + std::chrono::seconds{second} +
                        Duration{millis};
  const Instant utc = local - std::chrono::minutes{offset_minutes};
  if (to_epoch_ms(utc) < kMinEpochMs || to_epoch_ms(utc) > kMaxEpochMs) {
    return bad_instant(field, s, "outside years 0001..9999");
  }
  return utc;
}

absl::StatusOr<Instant> parse_instant(std::string_view text, std::string_view field) {
  if (!text.empty() && (text[0] == '-' || (text[0] >= '0' && text[0] <= '9')) &&
      text.find_first_not_of("-0123456789") == std::string_view::npos) {
    std::int64_t ms = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc{} || end != text.data() + text.size()) {
      return bad_instant(field, text, "not an integer in range");
    }
    return instant_from_ms(ms, field);
  }
  return parse_rfc3339(text, field);
}

void append_instant(std::string& out, Instant t) {
  const auto days = std::chrono::floor<date::days>(t);
  const date::year_month_day ymd{days};
  const auto tod = t - days;
  const auto total_ms = tod.count();
  const int h = static_cast<int>(total_ms / 3'600'000);
  const int m = static_cast<int>(total_ms / 60'000 % 60);
  const int s = static_cast<int>(total_ms / 1000 % 60);
  const int ms = static_cast<int>(total_ms % 1000);
  char buf[32];
  auto put2 = [&](int v, char* p) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  const int y = static_cast<int>(ymd.year());
  buf[0] = static_cast<char>('0' + y / 1000 % 10);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  put2(static_cast<int>(static_cast<unsigned>(ymd.month())), buf + 5);
  buf[7] = '-';
  put2(static_cast<int>(static_cast<unsigned>(ymd.day())), buf + 8);
  buf[10] = 'T';
  put2(h, buf + 11);
  buf[13] = ':';
  put2(m, buf + 14);
  buf[16] = ':';
  put2(s, buf + 17);
  std::size_t len = 19;
  if (ms != 0) {
    buf[19] = '.';
    buf[20] = static_cast<char>('0' + ms / 100);
    buf[21] = static_cast<char>('0' + ms / 10 % 10);
    buf[22] = static_cast<char>('0' + ms % 10);
    len = 23;
  }
  buf[len++] = 'Z';
  out.append(buf, len);
}

std::string format_instant(Instant t) {
  std::string out;
  append_instant(out, t);
  return out;
}

}  // namespace vshop
