// R-METRIC-1: the report forms (`vshop simulate --report` and `--report=json`).
#include "analytics/report.hpp"

#include <doctest/doctest.h>

#include "absl/strings/str_cat.h"
#include "scenario.hpp"
#include "test_support.hpp"
#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

using testing::at;
using testing::scenario;

std::string store_name(std::uint32_t id) { return id == 0 ? "stockholm" : "goteborg"; }
// StrCat, not "e" + std::to_string(id): GCC 12 at -O3 reports a false -Wrestrict there (GCC
// bug 105651).
std::string expert_name(std::uint32_t id) { return absl::StrCat("e", id); }

const ReportNames kNames{store_name, expert_name, {TeamMembers{"floor", {0, 2}}}};

// The report over one day of March 2026, its all-time range the whole recorded history.
ReportRange march(unsigned day, const MetricsBook& b) {
  const date::year_month_day d = date::year{2026} / 3 / day;
  return ReportRange{{d, d}, *b.recorded_days()};
}

TEST_CASE("R-METRIC-1: the text report has a merchant row then stores and experts by name") {
  const MetricsBook b = scenario();
  const std::string report = format_report_text(b, march(10, b), kNames);
  const std::string* text = &report;
  const std::string expected_header = "Analytics 2026-03-10 .. 2026-03-10 (UTC)\n";
  CHECK(text->rfind(expected_header, 0) == 0);
  // Rows in order: merchant, the no-offer chat c5, goteborg (S1), stockholm (S0), team floor
  // (e0 and e2), e0, e1, e2; no all-time table (the range is the whole history).
  const auto pos = [&](std::string_view s) { return text->find(s); };
  CHECK(pos("merchant ") < pos("(no offer)"));
  CHECK(pos("(no offer)") < pos("goteborg"));
  CHECK(pos("goteborg") < pos("stockholm"));
  CHECK(pos("stockholm") < pos("team "));
  CHECK(pos("team ") < pos("e0 "));
  CHECK(pos("All time") == std::string::npos);
  CHECK(pos("e0 ") < pos("e1 "));
  CHECK(pos("e1 ") < pos("e2 "));
  // Merchant figures as computed by hand (metrics_book_test.cpp).
  std::string merchant_line = text->substr(pos("merchant"));
  merchant_line = merchant_line.substr(0, merchant_line.find('\n'));
  for (std::string_view cell :
       {"60.0", "1.7", "4.00", "5000 JPY, 1.234 KWD, 1334.50 SEK",
        "5000 JPY, 1.234 KWD, 667.25 SEK", "3/4", "75.0", "12.0 s", "30.5 s"}) {
    INFO(merchant_line, " lacks ", cell);
    CHECK(merchant_line.find(cell) != std::string::npos);
  }
  // The same call gives the same bytes.
  CHECK(format_report_text(b, march(10, b), kNames) == *text);
  // Team floor = e0 + e2: c1, c3 (e0) and c4 (e2).
  std::string team_line = text->substr(pos("team "));
  team_line = team_line.substr(0, team_line.find('\n'));
  CHECK(team_line.rfind("team      floor               3        2", 0) == 0);
}

TEST_CASE("R-METRIC-1: the JSON report is canonical with exact money and fixed-point ratios") {
  const MetricsBook b = scenario();
  JsonWriter w;
  write_report_json(w, b, march(10, b), kNames);
  const std::string json = w.take();
  const std::string merchant =
      R"({"from":"2026-03-10","to":"2026-03-10","all_time_from":"2026-03-10",)"
      R"("all_time_to":"2026-03-10","reporting_timezone":"UTC","merchant":{)"
      R"("initiated":5,"claimed":3,"claimed_pct":60.0,"missed":2,"taken":1,"transfers_in":0,)"
      R"("available_associates":3,"associate_days":3,"chats_per_associate":1.67,"ratings":3,)"
      R"("average_rating":4.00,)"
      R"("orders":4,"unattributed_orders":1,"sales":[)"
      R"({"currency":"JPY","orders":1,"gross":"5000","average":"5000"},)"
      R"({"currency":"KWD","orders":1,"gross":"1.234","average":"1.234"},)"
      R"({"currency":"SEK","orders":2,"gross":"1334.50","average":"667.25"}],)"
      R"("converted":3,"engaged":4,"conversion_pct":75.0,)"
      R"("response_median_ms":12000,"response_p90_ms":30500,"all_time":{"initiated":5,)";
  CHECK(json.rfind(merchant, 0) == 0);
  CHECK(json.find(R"("no_offer":{"initiated":1,"missed":1},"stores":[{"store":"goteborg",)") !=
        std::string::npos);
  CHECK(json.find(R"("experts":[{"expert":"e0","initiated":2,"claimed":1,"claimed_pct":50.0,)"
                  R"("missed":1,"offered":2,"offers_claimed_pct":50.0,)") != std::string::npos);
  // A day without activity: empty lists, null ratios.
  JsonWriter empty;
  write_report_json(empty, b, march(12, b), kNames);
  CHECK(empty.str().find(R"("claimed_pct":null)") != std::string::npos);
  CHECK(empty.str().find(R"("stores":[],"teams":[],"experts":[]})") != std::string::npos);
}

TEST_CASE("R-METRIC-1: a report over the whole recorded history") {
  MetricsBook empty;
  CHECK_FALSE(empty.recorded_days().has_value());
  MetricsBook b = testing::scenario();
  VSHOP_OK(b.chat_rated(at("2026-03-14T08:00:00Z"), 1, 0, 0, 2));
  const auto days = b.recorded_days();
  REQUIRE(days.has_value());
  CHECK(days->first == date::year{2026} / 3 / 10);
  CHECK(days->last == date::year{2026} / 3 / 14);
  const std::string text = format_report_text(b, ReportRange{*days, *days}, kNames);
  CHECK(text.rfind("Analytics 2026-03-10 .. 2026-03-14 (UTC)\n", 0) == 0);
  JsonWriter w;
  write_report_json(w, b, ReportRange{*days, *days}, kNames);
  CHECK(w.str().find(R"("ratings":4,"average_rating":3.50,)") != std::string::npos);
  // A one-day range beside all time, with per-day rows.
  ReportRange one = march(14, b);
  one.daily = true;
  const std::string narrow = format_report_text(b, one, kNames);
  CHECK(narrow.find("\nAll time 2026-03-10 .. 2026-03-14 (UTC)\n") != std::string::npos);
  CHECK(narrow.find("\nDaily (merchant) 2026-03-14 .. 2026-03-14 (UTC)\n") != std::string::npos);
  JsonWriter nj;
  write_report_json(nj, b, one, kNames);
  CHECK(nj.str().find(R"("merchant":{"initiated":0,)") != std::string::npos);
  CHECK(nj.str().find(R"("all_time":{"initiated":5,)") != std::string::npos);
  CHECK(nj.str().find(R"("daily":[{"day":"2026-03-14","initiated":0,)") != std::string::npos);
}

}  // namespace
}  // namespace vshop::analytics
