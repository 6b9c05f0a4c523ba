// The OSM `opening_hours` subset (R-HOURS-5): what it means, and position-accurate rejections.
#include "unit/hours/hours_test_support.hpp"

namespace vshop::hours::testing {
namespace {

WeeklyHours osm(std::string_view text) {
  absl::StatusOr<WeeklyHours> h = parse_osm_opening_hours(text);
  REQUIRE_MESSAGE(h.ok(), std::string(h.status().message()));
  return *h;
}

// The error message of a rejected text.
std::string osm_error(std::string_view text) {
  absl::StatusOr<WeeklyHours> h = parse_osm_opening_hours(text);
  REQUIRE_MESSAGE(!h.ok(), std::string(text));
  CHECK(error_code_of(h.status()) == ErrorCode::kInvalidArgument);
  return std::string(h.status().message());
}

bool mentions(const std::string& message, std::string_view part) {
  return message.find(part) != std::string::npos;
}

TEST_CASE("R-HOURS-5: weekday ranges, comma lists, off and later rules replacing earlier ones") {
  const WeeklyHours h =
      osm("Mo-Fr 09:00-12:00,13:00-18:00; We 10:00-14:00; Sa 10:00-16:00; Su off");
  CHECK(h.weekly[kMon] == ivs({"09:00-12:00", "13:00-18:00"}));
  CHECK(h.weekly[kFri] == ivs({"09:00-12:00", "13:00-18:00"}));
  CHECK(h.weekly[kWed] == ivs({"10:00-14:00"}));
  CHECK(h.weekly[kSat] == ivs({"10:00-16:00"}));
  CHECK(h.weekly[kSun].empty());

  const WeeklyHours list = osm("Mo,We,Fr-Su 08:00-10:00");  // Fr-Su inside a list
  CHECK(list.weekly[kMon] == ivs({"08:00-10:00"}));
  CHECK(list.weekly[kTue].empty());
  CHECK(list.weekly[kSun] == ivs({"08:00-10:00"}));

  const WeeklyHours wrap = osm("Fr-Mo 22:00-02:00");  // a range wrapping over the weekend
  CHECK(wrap.weekly[kSat] == ivs({"22:00-02:00"}));
  CHECK(wrap.weekly[kMon] == ivs({"22:00-02:00"}));
  CHECK(wrap.weekly[kTue].empty());

  const WeeklyHours additional = osm("Mo-Fr 08:00-12:00, We 14:00-18:00");  // ',' adds
  CHECK(additional.weekly[kWed] == ivs({"08:00-12:00", "14:00-18:00"}));
  CHECK(additional.weekly[kThu] == ivs({"08:00-12:00"}));

  const WeeklyHours everyday = osm("10:00-20:00");  // no selector: every day
  for (const auto& day : everyday.weekly) CHECK(day == ivs({"10:00-20:00"}));
}

TEST_CASE("R-HOURS-5: 24/7 and annual date exceptions") {
  const WeeklyHours h = osm("24/7; Dec 24 10:00-14:00; Dec 25,26 off; Jan 1 closed");
  for (const auto& day : h.weekly) CHECK(day == ivs({"00:00-24:00"}));
  CHECK(h.annual.at(date::month_day{date::December, date::day{24}}) == ivs({"10:00-14:00"}));
  CHECK(h.annual.at(date::month_day{date::December, date::day{25}}).empty());
  CHECK(h.annual.at(date::month_day{date::December, date::day{26}}).empty());
  CHECK(h.annual.at(date::month_day{date::January, date::day{1}}).empty());

  // Evaluated: Dec 25 is closed every year; Dec 24 has short hours.
  const OpeningHours oh = compile("Europe/Stockholm", h);
  CHECK_FALSE(oh.is_open(at("2026-12-25T12:00:00Z")));
  CHECK_FALSE(oh.is_open(at("2031-12-25T12:00:00Z")));
  CHECK(text(oh.open_intervals(at("2026-12-24T00:00:00Z"), at("2026-12-24T20:00:00Z"))) ==
        std::vector<std::string>{"2026-12-24T09:00:00Z/2026-12-24T13:00:00Z"});
}

TEST_CASE("R-HOURS-5: a later rule keeps the previous day's after-midnight tail") {
  // OSM evaluators cut Sunday's tail into Monday with `Mo off`; vshop keeps it (R-HOURS-2).
  const OpeningHours oh = compile("UTC", osm("Su 19:00-02:00; Mo off; Dec 28 off"));
  CHECK(oh.is_open(at("2026-11-30T01:00:00Z")));  // Monday 01:00
  CHECK(oh.is_open(at("2026-12-28T01:00:00Z")));  // Mon Dec 28, 01:00
  CHECK(next_text(oh, "2026-12-28T01:00:00Z") == "2026-12-28T02:00:00Z");
}

TEST_CASE("R-HOURS-5: the same hours as OSM text and as JSON lists compile identically") {
  WeeklyHours json_form;
  json_form.weekly[kTue] = ivs({"10:00-18:00"});
  json_form.weekly[kWed] = ivs({"10:00-18:00"});
  json_form.weekly[kThu] = ivs({"10:00-21:00"});
  json_form.weekly[kFri] = ivs({"10:00-18:00", "20:00-02:00"});
  json_form.weekly[kSat] = ivs({"22:00-03:00"});
  json_form.weekly[kSun] = ivs({"02:30-05:00", "12:00-17:00"});
  const WeeklyHours osm_form =
      osm("Tu-We 10:00-18:00; Th 10:00-21:00; Fr 10:00-18:00,20:00-02:00; Sa 22:00-03:00; "
          "Su 02:30-05:00,12:00-17:00; Mo off");
  CHECK(osm_form == json_form);
}

TEST_CASE("R-HOURS-5: anything outside the subset is rejected with its position") {
  std::string m = osm_error("Mo-Fr 09:00-17:00; PH off");
  CHECK(mentions(m, "position 19"));
  CHECK(mentions(m, "\"PH\""));
  m = osm_error("Mo-Fr 25:00-26:00");
  CHECK(mentions(m, "position 6"));
  CHECK(mentions(m, "hour 25"));
  m = osm_error("Mo 09:00-");
  CHECK(mentions(m, "position 9"));
  m = osm_error("Mon 10:00-12:00");
  CHECK(mentions(m, "position 0"));
  CHECK(mentions(m, "\"Mon\""));
  m = osm_error("Mo-Xy 10:00-12:00");
  CHECK(mentions(m, "position 3"));
  CHECK(mentions(m, "weekday"));
  CHECK(mentions(osm_error("Mo 10:00-12:00 || closed"), "position 15"));
  CHECK(mentions(osm_error("Mo[1] 10:00-12:00"), "position 2"));
  CHECK(mentions(osm_error("Jan-Mar 10:00-12:00"), "position 3"));
  CHECK(mentions(osm_error("week 01-10 Mo 10:00-12:00"), "position 0"));
  CHECK(mentions(osm_error("2026 Dec 25 off"), "position 0"));
  CHECK(mentions(osm_error("Mo 10:00-26:00"), "position 9"));  // extended hours
  CHECK(mentions(osm_error("Mo 10:00+"), "position 8"));
  CHECK(mentions(osm_error("Mo sunrise-sunset"), "position 3"));
  CHECK(mentions(osm_error("Mo 10:00-12:00 \"by appointment\""), "position 15"));
  CHECK(mentions(osm_error("Feb 30 off"), "position 4"));
  CHECK(mentions(osm_error("Dec 25 off; Mo 10:00-12:00"), "position 12"));  // order
  CHECK(mentions(osm_error("Mo-Fr"), "position 5"));
  CHECK(mentions(osm_error("Mo 10:00-12:00;"), "position 15"));
  CHECK(mentions(osm_error(""), "position 0"));
  CHECK(mentions(osm_error("   "), "position 3"));
}

TEST_CASE("R-HOURS-5: mangled texts are accepted or rejected with a position, never a crash") {
  // Deterministic mutations (fixed seed) of valid texts: deletions, insertions of the subset's
  // own characters, swaps. Whatever parses must also compile and answer queries.
  const std::vector<std::string> seeds = {"Mo-Fr 09:00-12:00,13:00-18:00; Sa 10:00-16:00; Su off",
                                          "24/7; Dec 24 10:00-14:00; Dec 25,26 off",
                                          "Fr-Mo 22:00-02:00, We 14:00-18:00",
                                          "10:00-20:00; Jan 1 closed"};
  const std::string alphabet = "MoTuWeThFrSaSuJanDec0123456789:-,; /7offclosed[]+\"PH";
  std::uint64_t state = 20261123;
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = seeds[next(seeds.size())];
    for (int edits = 1 + static_cast<int>(next(3)); edits > 0; --edits) {
      const std::size_t pos = next(text.size() + 1);
      switch (next(3)) {
        case 0:
          if (pos < text.size()) text.erase(pos, 1);
          break;
        case 1:
          text.insert(pos, 1, alphabet[next(alphabet.size())]);
          break;
        default:
          if (pos + 1 < text.size()) std::swap(text[pos], text[pos + 1]);
          break;
      }
    }
    const absl::StatusOr<WeeklyHours> h = parse_osm_opening_hours(text);
    if (h.ok()) {
      ++accepted;
      const OpeningHours oh = compile("Europe/Stockholm", *h);
      (void)oh.next_change(at("2026-03-29T00:00:00Z"));
    } else {
      CHECK_MESSAGE(mentions(std::string(h.status().message()), "at position "), text);
    }
  }
  CHECK(accepted > 0);
}

}  // namespace
}  // namespace vshop::hours::testing
