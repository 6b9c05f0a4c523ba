// Opening hours evaluated in real time zones (R-HOURS-1..4). Expected instants were worked out
// from the tz rules of each zone (and agree with Python's zoneinfo, fold=0).
#include <thread>

#include "hours/utc_block.hpp"
#include "unit/hours/hours_test_support.hpp"

namespace vshop::hours::testing {
namespace {

using V = std::vector<std::string>;

TEST_CASE("R-HOURS-1: weekly intervals, overnight intervals, a full day, overlaps merged") {
  WeeklyHours h;
  h.weekly[kMon] = ivs({"09:00-12:00", "11:00-14:00"});    // overlapping: one interval
  h.weekly[kWed] = ivs({"00:00-24:00"});                   // a full day
  h.weekly[kFri] = ivs({"22:00-02:00"});                   // overnight, belongs to Friday
  const OpeningHours oh = compile("Europe/Stockholm", h);  // CET (+01) in late November

  // Monday 2026-11-23.
  CHECK_FALSE(oh.is_open(at("2026-11-23T07:59:59.999Z")));
  CHECK(oh.is_open(at("2026-11-23T08:00:00Z")));
  CHECK(oh.is_open(at("2026-11-23T10:30:00Z")));  // inside the overlap
  CHECK(next_text(oh, "2026-11-23T08:00:00Z") == "2026-11-23T13:00:00Z");
  CHECK_FALSE(oh.is_open(at("2026-11-23T13:00:00Z")));  // [open, close)
  // Wednesday, the whole local day.
  CHECK(text(oh.open_intervals(at("2026-11-24T00:00:00Z"), at("2026-11-26T12:00:00Z"))) ==
        V{"2026-11-24T23:00:00Z/2026-11-25T23:00:00Z"});
  // Friday night into Saturday.
  CHECK(oh.is_open(at("2026-11-28T00:30:00Z")));  // Saturday 01:30 local
  CHECK(next_text(oh, "2026-11-28T00:30:00Z") == "2026-11-28T01:00:00Z");
  CHECK_FALSE(oh.is_open(at("2026-11-26T23:30:00Z")));  // Thursday night: closed
}

TEST_CASE("R-HOURS-2: a dated exception replaces the intervals opening on that date") {
  WeeklyHours h;
  for (auto& day : h.weekly) day = ivs({"10:00-18:00"});
  h.exceptions[local_date(2026, 12, 24)] = ivs({"10:00-14:00"});  // holiday hours
  h.exceptions[local_date(2026, 12, 25)] = {};                    // closed all day
  const OpeningHours oh = compile("America/New_York", h);         // EST (-05)

  CHECK(text(oh.open_intervals(at("2026-12-23T00:00:00Z"), at("2026-12-27T00:00:00Z"))) ==
        V{"2026-12-23T15:00:00Z/2026-12-23T23:00:00Z", "2026-12-24T15:00:00Z/2026-12-24T19:00:00Z",
          "2026-12-26T15:00:00Z/2026-12-26T23:00:00Z"});
  CHECK(next_text(oh, "2026-12-24T19:00:00Z") == "2026-12-26T15:00:00Z");
}

TEST_CASE("R-HOURS-2: an exception on the day after an overnight interval keeps its tail") {
  WeeklyHours h;
  h.weekly[kSat] = ivs({"22:00-03:00"});
  h.weekly[kSun] = ivs({"12:00-17:00"});
  h.exceptions[local_date(2026, 11, 29)] = {};  // Sunday closed
  const OpeningHours oh = compile("Europe/Stockholm", h);
  // Saturday 22:00 CET .. Sunday 03:00 CET runs into the closed Sunday.
  CHECK(text(oh.open_intervals(at("2026-11-28T00:00:00Z"), at("2026-11-30T00:00:00Z"))) ==
        V{"2026-11-28T21:00:00Z/2026-11-29T02:00:00Z"});
  // An exception on the Saturday itself removes the overnight interval.
  h.exceptions[local_date(2026, 11, 28)] = {};
  const OpeningHours closed_sat = compile("Europe/Stockholm", h);
  CHECK_FALSE(closed_sat.is_open(at("2026-11-29T01:00:00Z")));
}

TEST_CASE("R-HOURS-2: a dated exception beats an annual one, which beats the weekday") {
  WeeklyHours h;
  for (auto& day : h.weekly) day = ivs({"09:00-17:00"});
  h.annual[date::month_day{date::December, date::day{25}}] = {};
  h.annual[date::month_day{date::December, date::day{24}}] = ivs({"09:00-12:00"});
  h.exceptions[local_date(2027, 12, 25)] = ivs({"11:00-13:00"});
  const OpeningHours oh = compile("UTC", h);
  CHECK_FALSE(oh.is_open(at("2026-12-25T10:00:00Z")));  // annual: closed every year
  CHECK_FALSE(oh.is_open(at("2030-12-25T10:00:00Z")));
  CHECK(oh.is_open(at("2027-12-25T12:00:00Z")));  // dated exception wins in 2027
  CHECK(next_text(oh, "2026-12-24T09:00:00Z") == "2026-12-24T12:00:00Z");
  CHECK(oh.is_open(at("2026-12-23T16:00:00Z")));
}

TEST_CASE("R-HOURS-3: spring forward in Europe/Stockholm moves a skipped opening by the gap") {
  WeeklyHours h;
  h.weekly[kSun] = ivs({"02:30-04:00"});
  h.weekly[kSat] = ivs({"22:00-06:00"});  // overnight across the change: 7 real hours
  const OpeningHours oh = compile("Europe/Stockholm", h);
  // 2026-03-29: 02:00 CET -> 03:00 CEST. 02:30 does not exist: 03:30 CEST = 01:30Z.
  CHECK(text(oh.open_intervals(at("2026-03-28T12:00:00Z"), at("2026-03-30T00:00:00Z"))) ==
        V{"2026-03-28T21:00:00Z/2026-03-29T04:00:00Z"});
  // The Sunday interval on its own, without the overnight one hiding it.
  WeeklyHours sunday_only;
  sunday_only.weekly[kSun] = ivs({"02:30-04:00"});
  const OpeningHours sun = compile("Europe/Stockholm", sunday_only);
  CHECK(text(sun.open_intervals(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"))) ==
        V{"2026-03-29T01:30:00Z/2026-03-29T02:00:00Z"});
}

TEST_CASE("R-HOURS-3: fall back in Europe/Stockholm takes the earlier of a repeated time") {
  WeeklyHours h;
  h.weekly[kSun] = ivs({"02:30-03:30"});
  const OpeningHours oh = compile("Europe/Stockholm", h);
  // 2026-10-25: 03:00 CEST -> 02:00 CET. 02:30 happens twice: the first (CEST) = 00:30Z.
  CHECK(text(oh.open_intervals(at("2026-10-25T00:00:00Z"), at("2026-10-26T00:00:00Z"))) ==
        V{"2026-10-25T00:30:00Z/2026-10-25T02:30:00Z"});
  WeeklyHours overnight;
  overnight.weekly[kSat] = ivs({"22:00-06:00"});  // 9 real hours that night
  const OpeningHours night = compile("Europe/Stockholm", overnight);
  CHECK(text(night.open_intervals(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z"))) ==
        V{"2026-10-24T20:00:00Z/2026-10-25T05:00:00Z"});
}

TEST_CASE("R-HOURS-3: America/New_York: skipped 02:30 -> 03:30 EDT, repeated 01:30 -> EDT") {
  WeeklyHours h;
  h.weekly[kSun] = ivs({"02:30-05:00"});
  const OpeningHours spring = compile("America/New_York", h);
  // 2026-03-08 02:30 EST does not exist: 03:30 EDT = 07:30Z (choose::earliest would say 07:00Z).
  CHECK(text(spring.open_intervals(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"))) ==
        V{"2026-03-08T07:30:00Z/2026-03-08T09:00:00Z"});
  CHECK_FALSE(spring.is_open(at("2026-03-08T07:00:00Z")));
  CHECK(detail::to_utc_ms_compatible(
            *date::locate_zone("America/New_York"),
            date::local_days{local_date(2026, 3, 8)} + std::chrono::minutes{150}) ==
        to_epoch_ms(at("2026-03-08T07:30:00Z")));

  WeeklyHours fall;
  fall.weekly[kSun] = ivs({"01:30-02:30"});
  const OpeningHours autumn = compile("America/New_York", fall);
  // 2026-11-01 01:30 happens at 05:30Z (EDT) and 06:30Z (EST): the earlier; 02:30 EST = 07:30Z.
  CHECK(text(autumn.open_intervals(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"))) ==
        V{"2026-11-01T05:30:00Z/2026-11-01T07:30:00Z"});
}

TEST_CASE("R-HOURS-3: an interval in a DST gap is shifted; one closing before it opens is empty") {
  WeeklyHours inside;
  inside.weekly[kSun] = ivs({"02:10-02:50"});  // wholly skipped: both ends move by the gap
  const OpeningHours shifted = compile("America/New_York", inside);
  CHECK(text(shifted.open_intervals(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"))) ==
        V{"2026-03-08T07:10:00Z/2026-03-08T07:50:00Z"});

  WeeklyHours straddling;
  straddling.weekly[kSun] = ivs({"02:30-03:15"});  // 03:30 EDT .. 03:15 EDT: empty
  straddling.weekly[kSat] = ivs({"10:00-11:00"});
  const OpeningHours empty = compile("America/New_York", straddling);
  CHECK(empty.open_intervals(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"))->empty());
  CHECK(next_text(empty, "2026-03-08T00:00:00Z") == "2026-03-14T14:00:00Z");  // 10:00 EDT
}

TEST_CASE("R-HOURS-3: Mon 22:00-24:00 and Tue 00:00-02:00 are one interval") {
  WeeklyHours h;
  h.weekly[kMon] = ivs({"22:00-24:00"});
  h.weekly[kTue] = ivs({"00:00-02:00"});
  const OpeningHours oh = compile("Europe/Stockholm", h);
  CHECK(text(oh.open_intervals(at("2026-11-23T00:00:00Z"), at("2026-11-25T00:00:00Z"))) ==
        V{"2026-11-23T21:00:00Z/2026-11-24T01:00:00Z"});
  // No change is reported at midnight, where the store stays open.
  CHECK(next_text(oh, "2026-11-23T21:00:00Z") == "2026-11-24T01:00:00Z");
}

TEST_CASE("R-HOURS-3: Australia/Lord_Howe shifts by 30 minutes") {
  WeeklyHours h;
  h.weekly[kSun] = ivs({"02:10-03:00", "01:45-02:00"});
  const OpeningHours oh = compile("Australia/Lord_Howe", h);
  // 2026-10-04: 02:00 (+10:30) -> 02:30 (+11): 02:10 moves to 02:40 = 15:40Z the day before,
  // and the skipped close 02:00 of 01:45-02:00 is 02:30 (+11) = 15:30Z.
  CHECK(
      text(oh.open_intervals(at("2026-10-03T14:00:00Z"), at("2026-10-03T17:00:00Z"))) ==
      V{"2026-10-03T15:15:00Z/2026-10-03T15:30:00Z", "2026-10-03T15:40:00Z/2026-10-03T16:00:00Z"});
  // 2026-04-05: 02:00 (+11) -> 01:30 (+10:30): 01:45 is repeated, the first is 14:45Z.
  WeeklyHours fall;
  fall.weekly[kSun] = ivs({"01:45-03:00"});
  const OpeningHours autumn = compile("Australia/Lord_Howe", fall);
  CHECK(text(autumn.open_intervals(at("2026-04-04T12:00:00Z"), at("2026-04-04T18:00:00Z"))) ==
        V{"2026-04-04T14:45:00Z/2026-04-04T16:30:00Z"});
}

TEST_CASE("R-HOURS-3: Asia/Kathmandu is UTC+05:45") {
  WeeklyHours h;
  h.weekly[kMon] = ivs({"09:00-17:00"});
  const OpeningHours oh = compile("Asia/Kathmandu", h);
  CHECK(text(oh.open_intervals(at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z"))) ==
        V{"2026-11-23T03:15:00Z/2026-11-23T11:15:00Z"});
}

TEST_CASE("R-HOURS-3: Pacific/Apia skipped 2011-12-30 entirely") {
  WeeklyHours h;
  for (auto& day : h.weekly) day = ivs({"10:00-18:00"});
  const OpeningHours oh = compile("Pacific/Apia", h);
  // Thursday 29th at -10; the nonexistent Friday 30th maps with -10 onto Saturday 31st (+14),
  // where Saturday's own interval lies: one interval, no change reported inside it.
  CHECK(
      text(oh.open_intervals(at("2011-12-29T12:00:00Z"), at("2011-12-31T12:00:00Z"))) ==
      V{"2011-12-29T20:00:00Z/2011-12-30T04:00:00Z", "2011-12-30T20:00:00Z/2011-12-31T04:00:00Z"});
  CHECK(next_text(oh, "2011-12-30T04:00:00Z") == "2011-12-30T20:00:00Z");
}

TEST_CASE("R-HOURS-3: America/Sao_Paulo: skipped midnight in 2018, no DST since 2019") {
  WeeklyHours h;
  h.weekly[kSun] = ivs({"00:00-02:00"});
  const OpeningHours oh = compile("America/Sao_Paulo", h);
  // 2018-11-04 00:00 (-03) -> 01:00 (-02): midnight does not exist, opening at 01:00 -02.
  CHECK(text(oh.open_intervals(at("2018-11-04T00:00:00Z"), at("2018-11-05T00:00:00Z"))) ==
        V{"2018-11-04T03:00:00Z/2018-11-04T04:00:00Z"});
  // The same Sunday of 2019 has no transition any more: two full hours at -03.
  CHECK(text(oh.open_intervals(at("2019-11-03T00:00:00Z"), at("2019-11-04T00:00:00Z"))) ==
        V{"2019-11-03T03:00:00Z/2019-11-03T05:00:00Z"});
}

TEST_CASE("R-HOURS-3: a skipped or repeated local midnight (Havana, Santiago, Beirut)") {
  WeeklyHours gap;
  gap.weekly[kSun] = ivs({"00:00-01:00"});  // Havana 2026-03-08: 00:00 -> 01:00, all skipped
  gap.weekly[kSat] = ivs({"20:00-24:00"});
  const OpeningHours havana = compile("America/Havana", gap);
  CHECK(text(havana.open_intervals(at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z"))) ==
        V{"2026-03-08T01:00:00Z/2026-03-08T05:00:00Z"});
  CHECK(next_text(havana, "2026-03-08T01:00:00Z") == "2026-03-08T05:00:00Z");

  WeeklyHours repeated;
  repeated.weekly[kSat] = ivs({"23:30-24:00"});  // Santiago 2026-04-05 00:00 -> 04-04 23:00
  const OpeningHours santiago = compile("America/Santiago", repeated);
  CHECK(text(santiago.open_intervals(at("2026-04-04T12:00:00Z"), at("2026-04-05T12:00:00Z"))) ==
        V{"2026-04-05T02:30:00Z/2026-04-05T04:00:00Z"});

  WeeklyHours beirut_hours;
  beirut_hours.weekly[kSun] = ivs({"00:00-08:00"});  // Beirut 2026-03-29 00:00 -> 01:00
  const OpeningHours beirut = compile("Asia/Beirut", beirut_hours);
  CHECK(text(beirut.open_intervals(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))) ==
        V{"2026-03-28T22:00:00Z/2026-03-29T05:00:00Z"});
}

TEST_CASE("R-HOURS-4: next_change is strictly after t, none beyond 400 days") {
  WeeklyHours h;
  h.exceptions[local_date(2027, 10, 1)] = ivs({"10:00-11:00"});  // the only opening
  const OpeningHours oh = compile("UTC", h);
  CHECK(next_text(oh, "2026-11-23T00:00:00Z") == "2027-10-01T10:00:00Z");  // 312 days ahead
  CHECK(next_text(oh, "2027-10-01T10:00:00Z") == "2027-10-01T11:00:00Z");  // strictly after
  CHECK(next_text(oh, "2026-08-27T10:00:00Z") == "2027-10-01T10:00:00Z");  // exactly 400 days
  CHECK(next_text(oh, "2026-08-27T09:59:59.999Z") == "none");              // 400 days + 1 ms
  CHECK(next_text(oh, "2027-10-01T11:00:00Z") == "none");

  WeeklyHours always;
  for (auto& day : always.weekly) day = ivs({"00:00-24:00"});
  const OpeningHours open_24_7 = compile("Europe/Stockholm", always);
  CHECK(open_24_7.is_open(at("2026-03-29T01:30:00Z")));
  CHECK(next_text(open_24_7, "2026-03-29T01:30:00Z") == "none");

  const OpeningHours never = compile("Asia/Tokyo", WeeklyHours{});
  CHECK_FALSE(never.is_open(at("2026-11-23T00:00:00Z")));
  CHECK(next_text(never, "2026-11-23T00:00:00Z") == "none");
  CHECK(never.open_intervals(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))->empty());
}

TEST_CASE("R-HOURS-4: open_intervals clips to [from, to) and agrees with is_open") {
  WeeklyHours h;
  h.weekly[kFri] = ivs({"10:00-18:00", "20:00-02:00"});
  const OpeningHours oh = compile("Europe/Amsterdam", h);
  CHECK(
      text(oh.open_intervals(at("2026-11-27T12:00:00Z"), at("2026-11-27T20:00:00Z"))) ==
      V{"2026-11-27T12:00:00Z/2026-11-27T17:00:00Z", "2026-11-27T19:00:00Z/2026-11-27T20:00:00Z"});
  CHECK(oh.open_intervals(at("2026-11-27T12:00:00Z"), at("2026-11-27T12:00:00Z"))->empty());
  // Over decades (far more blocks than the cache keeps), every interval boundary is a change
  // and is_open flips there. Asked in spans of 140 weeks from a Monday 00:00 UTC (no interval
  // crosses one), each within kMaxIntervalQuerySpan.
  std::vector<OpenInterval> list;
  const Instant end = at("2036-01-01T00:00:00Z");
  for (Instant from = at("1990-01-01T00:00:00Z"); from < end; from += date::weeks{140}) {
    const auto part = oh.open_intervals(from, std::min<Instant>(end, from + date::weeks{140}));
    REQUIRE(part.ok());
    list.insert(list.end(), part->begin(), part->end());
  }
  CHECK(list.size() == 2 * 2400);  // 2400 Fridays from 1990-01-05 to 2035-12-28
  for (std::size_t i = 0; i < list.size(); i += 97) {
    CHECK(oh.is_open(list[i].open));
    CHECK_FALSE(oh.is_open(list[i].close));
    CHECK(oh.next_change(list[i].open) == list[i].close);
  }
}

TEST_CASE("R-HOURS-4: open_intervals answers at most kMaxIntervalQuerySpan in one call") {
  WeeklyHours h;
  for (auto& day : h.weekly) day = ivs({"09:00-17:00"});
  const OpeningHours oh = compile("Europe/Stockholm", h);
  const Instant from = at("2026-01-01T00:00:00Z");
  const auto longest = oh.open_intervals(from, from + kMaxIntervalQuerySpan);
  REQUIRE(longest.ok());
  CHECK(longest->size() == 1000);
  const auto longer =
      oh.open_intervals(from, from + kMaxIntervalQuerySpan + std::chrono::milliseconds{1});
  CHECK(error_code_of(longer.status()) == ErrorCode::kInvalidArgument);
  CHECK(longer.status().message().find("to: ") == 0);
  // Year 1 to year 9999 (grew past 5 GB before): refused at once.
  const auto all = oh.open_intervals(at("0001-01-01T00:00:00Z"), at("9999-12-31T00:00:00Z"));
  CHECK(error_code_of(all.status()) == ErrorCode::kInvalidArgument);
  // A store that is never open answers the same (the limit does not depend on the hours).
  const OpeningHours never = compile("UTC", WeeklyHours{});
  CHECK(error_code_of(never.open_intervals(from, from + std::chrono::days{1100}).status()) ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE("R-HOURS-4: concurrent queries on a shared store agree with sequential ones") {
  WeeklyHours h;
  for (auto& day : h.weekly) day = ivs({"09:00-17:00"});
  const OpeningHours shared = compile("America/New_York", h);
  const OpeningHours reference = compile("America/New_York", h);
  const Instant start = at("2000-01-01T00:00:00Z");
  int mismatches[2] = {0, 0};
  auto worker = [&](int id) {
    for (int i = 0; i < 4000; ++i) {
      const Instant t = start + std::chrono::hours{(i * 7919 + id * 31) % 300000};
      if (shared.is_open(t) != reference.is_open(t)) ++mismatches[id];
    }
  };
  std::thread a(worker, 0);
  std::thread b(worker, 1);
  a.join();
  b.join();
  CHECK(mismatches[0] == 0);
  CHECK(mismatches[1] == 0);
}

TEST_CASE("R-HOURS-4: copies and moves answer like the original") {
  WeeklyHours h;
  h.weekly[kTue] = ivs({"09:00-17:00"});
  const OpeningHours original = compile("Europe/Stockholm", h);
  CHECK(original.is_open(at("2026-11-24T10:00:00Z")));  // builds and caches a block
  OpeningHours copy = original;
  OpeningHours assigned = compile("UTC", WeeklyHours{});
  assigned = copy;
  OpeningHours moved = std::move(copy);
  for (const OpeningHours* oh : std::vector<const OpeningHours*>{&original, &assigned, &moved}) {
    CHECK(oh->timezone() == "Europe/Stockholm");
    CHECK(oh->is_open(at("2026-11-24T10:00:00Z")));
    CHECK_FALSE(oh->is_open(at("2026-11-24T16:00:00Z")));
    CHECK(next_text(*oh, "2026-11-24T16:00:00Z") == "2026-12-01T08:00:00Z");
    CHECK(next_text(*oh, "2031-11-24T16:00:00Z") == "2031-11-25T08:00:00Z");  // another block
  }
}

TEST_CASE("R-HOURS-4: an unknown time zone or an out-of-range interval is rejected") {
  const absl::StatusOr<OpeningHours> bad_zone = OpeningHours::create("Mars/Olympus", {});
  REQUIRE_FALSE(bad_zone.ok());
  CHECK(error_code_of(bad_zone.status()) == ErrorCode::kInvalidArgument);
  CHECK(std::string(bad_zone.status().message()).find("timezone") != std::string::npos);
  CHECK(std::string(bad_zone.status().message()).find("Mars/Olympus") != std::string::npos);
  WeeklyHours h;
  h.weekly[kMon] = {LocalInterval{0, 2000}};
  CHECK_FALSE(OpeningHours::create("UTC", h).ok());
}

}  // namespace
}  // namespace vshop::hours::testing
