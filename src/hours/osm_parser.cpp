// The OpenStreetMap `opening_hours` subset of R-HOURS-5, translated into WeeklyHours.
//
//   hours     := rule ((';' | ',') rule)*
//   rule      := '24/7' | weekdays? action | dates action
//   weekdays  := wd ('-' wd)? (',' wd ('-' wd)?)*        wd := Mo|Tu|We|Th|Fr|Sa|Su
//   dates     := Mon D (',' (Mon D | D))*                 Mon := Jan..Dec, D := 1..31
//   action    := time ('-' time)... (',' range)* | 'off' | 'closed'
//
// `;` starts a rule that replaces the intervals of the days it names (OSM's normal rule); `,`
// after a complete weekday rule starts an additional rule that adds to them (OSM's additional
// rule separator). Date rules become annual exceptions and must come after every weekday rule
// (OSM would let a later weekday rule override an earlier date, which the model cannot express,
// so that order is rejected rather than misread). Everything else (PH, SH, week numbers, years,
// month ranges, sunrise, `open`, comments, times past 24:00, ...) is rejected with the 0-based
// position of the offending token.
#include <array>
#include <bitset>
#include <string>

#include "hours/text_scan.hpp"
#include "vshop/error.hpp"
#include "vshop/hours/opening_hours.hpp"

namespace vshop::hours {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<unsigned, 12> kMonthDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class OsmParser {
 public:
  explicit OsmParser(std::string_view text) : text_(text) {}

  absl::StatusOr<WeeklyHours> parse() {
    skip_spaces();
    if (at_end()) return fail("empty opening_hours");
    bool additive = false;
    for (;;) {
      if (absl::Status s = parse_rule(additive); !s.ok()) return s;
      skip_spaces();
      if (at_end()) break;
      const char sep = text_[pos_];
      if (sep != ';' && sep != ',') return fail("expected ';' or the end of the rules");
      additive = sep == ',';
      ++pos_;
      skip_spaces();
      if (at_end()) return fail("expected a rule after the separator");
    }
    return std::move(hours_);
  }

 private:
  using Days = std::bitset<7>;
  using Intervals = std::vector<LocalInterval>;

  bool at_end() const { return pos_ >= text_.size(); }
  void skip_spaces() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  std::string_view word_at(std::size_t pos) const {
    std::size_t end = pos;
    while (end < text_.size() && is_letter(text_[end])) ++end;
    return text_.substr(pos, end - pos);
  }
  // The token shown in an error: from `pos` to the next space or separator.
  std::string_view token_at(std::size_t pos) const {
    std::size_t end = pos;
    while (end < text_.size() && text_[end] != ' ' && text_[end] != ';' && text_[end] != ',') {
      ++end;
    }
    if (end == pos && end < text_.size()) ++end;
    return text_.substr(pos, end - pos);
  }
  absl::Status fail(std::string_view why) const { return fail_at(pos_, why); }
  absl::Status fail_at(std::size_t pos, std::string_view why) const {
    if (pos >= text_.size()) {
      return error(ErrorCode::kInvalidArgument,
                   "osm_hours: %s at position %d (end of text) in \"%s\"", why,
                   static_cast<int>(pos), text_);
    }
    return error(ErrorCode::kInvalidArgument,
                 "osm_hours: %s at position %d, token \"%s\" in \"%s\"", why, static_cast<int>(pos),
                 token_at(pos), text_);
  }

  static int weekday_index(std::string_view word) {
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
      if (word == kWeekdays[i]) return static_cast<int>(i);
    }
    return -1;
  }
  static int month_index(std::string_view word) {
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
      if (word == kMonths[i]) return static_cast<int>(i);
    }
    return -1;
  }

  absl::Status parse_rule(bool additive) {
    const std::size_t start = pos_;
    if (text_.substr(pos_, 4) == "24/7") {
      if (additive) return fail("24/7 cannot be an additional (',') rule");
      if (seen_date_rule_) return fail("24/7 must come before date exceptions");
      pos_ += 4;
      for (auto& day : hours_.weekly) day = {LocalInterval{0, 1440}};
      return absl::OkStatus();
    }
    if (!at_end() && is_digit(text_[pos_])) {
      // No selector: the times apply to every day.
      if (seen_date_rule_) return fail("weekday rules must come before date exceptions");
      return apply_weekdays(Days{}.set(), additive);
    }
    const std::string_view word = word_at(pos_);
    if (weekday_index(word) >= 0) {
      if (seen_date_rule_) return fail("weekday rules must come before date exceptions");
      Days days;
      if (absl::Status s = parse_weekdays(days); !s.ok()) return s;
      return apply_weekdays(days, additive);
    }
    if (month_index(word) >= 0) {
      if (additive) return fail("a date exception must follow ';', not ','");
      seen_date_rule_ = true;
      return parse_date_rule();
    }
    if (word.empty()) return fail_at(start, "expected a weekday, a date, a time or 24/7");
    if (word.size() == 2 || word.size() == 3) {
      return fail_at(start, "unsupported selector (only weekdays Mo..Su and dates like Dec 25)");
    }
    return fail_at(start, "unsupported token");
  }

  absl::Status parse_weekdays(Days& days) {
    for (;;) {
      const std::size_t first_pos = pos_;
      const int first = weekday_index(word_at(pos_));
      if (first < 0) {
        return fail_at(first_pos, "unknown weekday (expected Mo, Tu, We, Th, Fr, Sa, Su)");
      }
      pos_ += 2;
      int last = first;
      if (!at_end() && text_[pos_] == '-') {
        ++pos_;
        last = weekday_index(word_at(pos_));
        if (last < 0) return fail("unknown weekday (expected Mo, Tu, We, Th, Fr, Sa, Su)");
        pos_ += 2;
      }
      // A range wraps around the week (Fr-Mo = Fr, Sa, Su, Mo).
      for (int d = first;; d = (d + 1) % 7) {
        days.set(static_cast<std::size_t>(d));
        if (d == last) break;
      }
      if (!at_end() && is_letter(text_[pos_])) return fail_at(first_pos, "unknown weekday");
      if (at_end() || text_[pos_] != ',') break;
      ++pos_;
    }
    if (!at_end() && text_[pos_] == '[') return fail("unsupported weekday modifier");
    return absl::OkStatus();
  }

  // The action of a rule: a list of time ranges, or `off`/`closed` (an empty list).
  absl::Status parse_action(Intervals& out, bool& is_off) {
    skip_spaces();
    is_off = false;
    if (at_end()) return fail("expected times or off");
    const std::string_view word = word_at(pos_);
    if (word == "off" || word == "closed") {
      pos_ += word.size();
      is_off = true;
      return absl::OkStatus();
    }
    if (!word.empty()) return fail("expected times (HH:MM-HH:MM) or off");
    for (;;) {
      std::string why;
      const std::size_t open_pos = pos_;
      const int open = scan_clock_time(text_, pos_, /*allow_24=*/false, why);
      if (open < 0) return fail_at(open_pos, "bad opening time: " + why);
      if (at_end() || text_[pos_] != '-') return fail("expected '-' after the opening time");
      ++pos_;
      const std::size_t close_pos = pos_;
      const int close = scan_clock_time(text_, pos_, /*allow_24=*/true, why);
      if (close < 0) return fail_at(close_pos, "bad closing time: " + why);
      if (!at_end() && (text_[pos_] == '+' || text_[pos_] == '/' || is_digit(text_[pos_]))) {
        return fail("unsupported time modifier");
      }
      out.push_back(make_local_interval(open, close));
      // `,` followed by a time continues the list; followed by anything else it is the
      // additional-rule separator, handled by the caller.
      std::size_t look = pos_;
      if (look < text_.size() && text_[look] == ',') {
        ++look;
        while (look < text_.size() && text_[look] == ' ') ++look;
        if (look < text_.size() && is_digit(text_[look])) {
          pos_ = look;
          continue;
        }
      }
      return absl::OkStatus();
    }
  }

  absl::Status apply_weekdays(Days days, bool additive) {
    Intervals intervals;
    bool is_off = false;
    const std::size_t action_pos = pos_;
    if (absl::Status s = parse_action(intervals, is_off); !s.ok()) return s;
    if (is_off && additive) return fail_at(action_pos, "off cannot be an additional (',') rule");
    for (std::size_t d = 0; d < 7; ++d) {
      if (!days.test(d)) continue;
      if (additive) {
        hours_.weekly[d].insert(hours_.weekly[d].end(), intervals.begin(), intervals.end());
      } else {
        hours_.weekly[d] = intervals;
      }
    }
    return absl::OkStatus();
  }

  absl::Status parse_date_rule() {
    std::vector<date::month_day> dates;
    int month = -1;
    for (;;) {
      const std::size_t item_pos = pos_;
      const std::string_view word = word_at(pos_);
      if (!word.empty()) {
        month = month_index(word);
        if (month < 0) return fail_at(item_pos, "unknown month (expected Jan..Dec)");
        pos_ += word.size();
        skip_spaces();
      } else if (month < 0) {
        return fail("expected a month (Jan..Dec)");
      }
      const std::size_t day_pos = pos_;
      std::size_t end = pos_;
      while (end < text_.size() && is_digit(text_[end])) ++end;
      if (end == pos_ || end - pos_ > 2) return fail_at(day_pos, "expected a day of the month");
      const int day = scan_fixed_digits(text_, pos_, end - pos_);
      if (day < 1 || static_cast<unsigned>(day) > kMonthDays[static_cast<std::size_t>(month)]) {
        return fail_at(day_pos, "no such day in that month");
      }
      pos_ = end;
      if (!at_end() && text_[pos_] == '-') return fail("unsupported date range");
      dates.emplace_back(date::month{static_cast<unsigned>(month + 1)},
                         date::day{static_cast<unsigned>(day)});
      if (at_end() || text_[pos_] != ',') break;
      ++pos_;
      skip_spaces();
    }
    Intervals intervals;
    bool is_off = false;
    if (absl::Status s = parse_action(intervals, is_off); !s.ok()) return s;
    for (const date::month_day& md : dates) hours_.annual[md] = intervals;
    return absl::OkStatus();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool seen_date_rule_ = false;
  WeeklyHours hours_;
};

}  // namespace

absl::StatusOr<WeeklyHours> parse_osm_opening_hours(std::string_view text) {
  return OsmParser(text).parse();
}

}  // namespace vshop::hours
