// Local wall-clock intervals (`HH:MM-HH:MM`) and local dates (`YYYY-MM-DD`): the text forms of
// the `hours` and `exceptions` fields (R-HOURS-1, R-HOURS-2).
#include <string>

#include "hours/text_scan.hpp"
#include "vshop/error.hpp"
#include "vshop/hours/opening_hours.hpp"

namespace vshop::hours {
namespace {

absl::Status bad_interval(std::string_view field, std::string_view text, std::string_view why) {
  return error(ErrorCode::kInvalidArgument,
               "%s: invalid interval \"%s\" (%s; expected HH:MM-HH:MM, e.g. 09:00-17:30)", field,
               text, why);
}

void append_two_digits(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

}  // namespace

absl::StatusOr<LocalInterval> parse_local_interval(std::string_view text, std::string_view field) {
  std::size_t pos = 0;
  std::string why;
  const int open = scan_clock_time(text, pos, /*allow_24=*/false, why);
  if (open < 0) return bad_interval(field, text, "opening time: " + why);
  if (pos >= text.size() || text[pos] != '-') {
    return bad_interval(field, text, "missing '-' after the opening time");
  }
  ++pos;
  const int close = scan_clock_time(text, pos, /*allow_24=*/true, why);
  if (close < 0) return bad_interval(field, text, "closing time: " + why);
  if (pos != text.size()) {
    return bad_interval(field, text, "unexpected text after the closing time");
  }
  return make_local_interval(open, close);
}

absl::StatusOr<date::local_days> parse_local_date(std::string_view text, std::string_view field) {
  const auto fail = [&](std::string_view why) {
    return error(ErrorCode::kInvalidArgument, "%s: invalid date \"%s\" (%s; expected YYYY-MM-DD)",
                 field, text, why);
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail("wrong format");
  const int y = scan_fixed_digits(text, 0, 4);
  const int m = scan_fixed_digits(text, 5, 2);
  const int d = scan_fixed_digits(text, 8, 2);
  if (y < 1 || m < 0 || d < 0) return fail("not digits");
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return fail("no such calendar date");
  return date::local_days{ymd};
}

std::string format_local_interval(LocalInterval interval) {
  std::string out;
  out.reserve(11);
  append_two_digits(out, interval.open_minute / 60);
  out.push_back(':');
  append_two_digits(out, interval.open_minute % 60);
  out.push_back('-');
  append_two_digits(out, interval.close_minute / 60);
  out.push_back(':');
  append_two_digits(out, interval.close_minute % 60);
  return out;
}

LocalInterval make_local_interval(int open_minute, int close_minute) {
  // `00:00` as a close means the next midnight: stored as 1440 so that `10:00-00:00` and
  // `10:00-24:00` are the same interval and `00:00-00:00` is a full day.
  if (close_minute == 0) close_minute = 1440;
  return LocalInterval{static_cast<std::int16_t>(open_minute),
                       static_cast<std::int16_t>(close_minute)};
}

const std::vector<LocalInterval>& intervals_opening_on(const WeeklyHours& hours,
                                                       date::local_days day) {
  if (!hours.exceptions.empty()) {
    const auto it = hours.exceptions.find(day);
    if (it != hours.exceptions.end()) return it->second;
  }
  if (!hours.annual.empty()) {
    const date::year_month_day ymd{day};
    const auto it = hours.annual.find(date::month_day{ymd.month(), ymd.day()});
    if (it != hours.annual.end()) return it->second;
  }
  // ISO weekday: Monday = 1 ... Sunday = 7; index 0 = Monday.
  return hours.weekly[date::weekday{day}.iso_encoding() - 1];
}

}  // namespace vshop::hours
