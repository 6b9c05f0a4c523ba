// R-METRIC-1: reporting days follow `reporting_timezone`, also across DST changes, and the
// per-day series.
#include <doctest/doctest.h>

#include "test_support.hpp"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

using testing::at;
using testing::must;

using date::March;
using date::October;

std::uint64_t requested_on(const MetricsBook& b, date::year_month_day day) {
  return b.query_days(Scope::merchant(), day, day).initiated;
}

TEST_CASE("R-METRIC-1: Stockholm's 23-hour day (2026-03-29) bounds the reporting day") {
  MetricsBook b;
  VSHOP_OK(b.set_reporting_timezone("Europe/Stockholm"));
  // Local 2026-03-29 runs from 2026-03-28T23:00Z (CET) to 2026-03-29T22:00Z (CEST): 23 h.
  ChatId c = 1;
  for (const char* t : {"2026-03-28T22:59:59.999Z",  // 03-28 23:59:59.999 local
                        "2026-03-28T23:00:00Z",      // 03-29 00:00 local
                        "2026-03-29T00:59:59Z",      // 01:59:59 CET
                        "2026-03-29T01:00:00Z",      // 03:00 CEST (02:00 skipped)
                        "2026-03-29T21:59:59.999Z",  // 23:59:59.999 CEST
                        "2026-03-29T22:00:00Z"}) {   // 03-30 00:00 local
    VSHOP_OK(b.chat_requested(at(t), c++));
  }
  CHECK(requested_on(b, date::year{2026} / March / 28) == 1);
  CHECK(requested_on(b, date::year{2026} / March / 29) == 4);
  CHECK(requested_on(b, date::year{2026} / March / 30) == 1);
  // A query given as the day's instants covers exactly that day.
  const Metrics day =
      must(b.query(Scope::merchant(), at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z")));
  CHECK(day.initiated == 4);
  CHECK(b.local_date(at("2026-03-29T21:59:59.999Z")) == date::year{2026} / March / 29);
}

TEST_CASE("R-METRIC-1: Stockholm's 25-hour day (2026-10-25) bounds the reporting day") {
  MetricsBook b;
  VSHOP_OK(b.set_reporting_timezone("Europe/Stockholm"));
  // Local 2026-10-25 runs from 2026-10-24T22:00Z (CEST) to 2026-10-25T23:00Z (CET): 25 h.
  ChatId c = 1;
  for (const char* t : {"2026-10-24T21:59:59.999Z", "2026-10-24T22:00:00Z",
                        "2026-10-25T00:30:00Z",  // 02:30 CEST, first pass
                        "2026-10-25T01:30:00Z",  // 02:30 CET, second pass
                        "2026-10-25T22:59:59.999Z", "2026-10-25T23:00:00Z"}) {
    VSHOP_OK(b.chat_requested(at(t), c++));
  }
  CHECK(requested_on(b, date::year{2026} / October / 24) == 1);
  CHECK(requested_on(b, date::year{2026} / October / 25) == 4);
  CHECK(requested_on(b, date::year{2026} / October / 26) == 1);
}

TEST_CASE("R-METRIC-1: the daily series has one entry per reporting day, empty days included") {
  MetricsBook b;
  VSHOP_OK(b.set_reporting_timezone("Europe/Stockholm"));
  VSHOP_OK(b.chat_requested(at("2026-03-28T12:00:00Z"), 1));
  VSHOP_OK(b.chat_offered(at("2026-03-28T12:00:00Z"), 1, 3, 2));
  VSHOP_OK(b.chat_claimed(at("2026-03-28T12:00:04Z"), 1, 3, 2));
  VSHOP_OK(b.chat_requested(at("2026-03-29T22:30:00Z"), 2));  // 03-30 local
  VSHOP_OK(b.chat_missed(at("2026-03-29T22:31:30Z"), 2));
  auto series = b.daily(Scope::merchant(), at("2026-03-27T23:00:00Z"), at("2026-03-30T22:00:00Z"));
  REQUIRE(series.ok());
  REQUIRE(series->size() == 3);
  CHECK((*series)[0].day == date::year{2026} / March / 28);
  CHECK((*series)[0].metrics.claimed == 1);
  CHECK((*series)[0].metrics.response_median->count() == 4000);
  CHECK((*series)[1].day == date::year{2026} / March / 29);
  CHECK((*series)[1].metrics.initiated == 0);
  CHECK((*series)[2].day == date::year{2026} / March / 30);
  CHECK((*series)[2].metrics.missed == 1);
  auto store = b.daily(Scope::store(2), at("2026-03-28T00:00:00Z"), at("2026-03-28T01:00:00Z"));
  REQUIRE(store.ok());
  REQUIRE(store->size() == 1);
  CHECK((*store)[0].metrics.claimed == 1);
  CHECK(error_code_of(
            b.daily(Scope::merchant(), at("2000-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))
                .status()) == ErrorCode::kInvalidArgument);
}

TEST_CASE("R-METRIC-1: an unknown reporting_timezone is rejected and changes nothing") {
  MetricsBook b;
  VSHOP_OK(b.set_reporting_timezone("America/New_York"));
  for (std::string_view bad : {"Mars/Olympus_Mons", "", "europe/stockholm", "UTC+1"}) {
    const absl::Status s = b.set_reporting_timezone(bad);
    CHECK(error_code_of(s) == ErrorCode::kInvalidSetting);
    CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(s.message()).find("reporting_timezone") != std::string::npos);
    CHECK(b.reporting_timezone() == "America/New_York");
  }
  // Still New York: 2026-01-02T03:00Z is January 1st there.
  CHECK(b.local_date(at("2026-01-02T03:00:00Z")) == date::year{2026} / 1 / 1);
}

TEST_CASE("R-METRIC-1: a zone change applies to events recorded after it") {
  MetricsBook b;
  VSHOP_OK(b.chat_requested(at("2026-06-01T23:30:00Z"), 1));  // UTC: June 1st
  VSHOP_OK(b.set_reporting_timezone("Europe/Stockholm"));
  VSHOP_OK(b.chat_requested(at("2026-06-02T23:30:00Z"), 2));  // Stockholm: June 3rd
  CHECK(requested_on(b, date::year{2026} / 6 / 1) == 1);
  CHECK(requested_on(b, date::year{2026} / 6 / 2) == 0);
  CHECK(requested_on(b, date::year{2026} / 6 / 3) == 1);
  // A chat requested before the change and claimed after it stays on its request day.
  VSHOP_OK(b.set_reporting_timezone("UTC"));
  VSHOP_OK(b.chat_claimed(at("2026-06-02T23:31:00Z"), 2, 0, 0));
  CHECK(
      b.query_days(Scope::merchant(), date::year{2026} / 6 / 3, date::year{2026} / 6 / 3).claimed ==
      1);
}

TEST_CASE("R-METRIC-1: an open availability period covers the local days time passes through") {
  MetricsBook b;
  VSHOP_OK(b.set_reporting_timezone("Europe/Stockholm"));
  // Available from Saturday 2026-03-28 22:00 local through the 23-hour Sunday, unavailable on
  // Monday 00:30 local; nothing else happens in between.
  VSHOP_OK(b.expert_available(at("2026-03-28T21:00:00Z"), 4, 1));
  b.advance(at("2026-03-29T12:00:00Z"));
  VSHOP_OK(b.expert_unavailable(at("2026-03-29T22:30:00Z"), 4));
  VSHOP_OK(b.expert_unavailable(at("2026-03-29T22:40:00Z"), 4));  // already: no effect
  b.advance(at("2026-04-02T12:00:00Z"));
  auto available = [&](unsigned day) {
    const date::year_month_day d = date::year{2026} / March / day;
    return b.query_days(Scope::store(1), d, d).available_associates;
  };
  CHECK(available(27) == 0);
  CHECK(available(28) == 1);
  CHECK(available(29) == 1);
  CHECK(available(30) == 1);
  CHECK(available(31) == 0);
  CHECK(
      b.query_days(Scope::merchant(), date::year{2026} / March / 28, date::year{2026} / March / 31)
          .available_associates == 1);
}

}  // namespace
}  // namespace vshop::analytics
