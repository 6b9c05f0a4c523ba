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

TEST_CASE("R-METRIC-1: the text report has a merchant row then stores and experts by name") {
  const MetricsBook b = scenario();
  auto text = format_report_text(b, at("2026-03-10T00:00:00Z"), at("2026-03-11T00:00:00Z"),
                                 store_name, expert_name);
  REQUIRE(text.ok());
  const std::string expected_header = "Analytics 2026-03-10 .. 2026-03-10 (UTC)\n";
  CHECK(text->rfind(expected_header, 0) == 0);
  // Rows in order: merchant, goteborg (S1), stockholm (S0), e0, e1, e2.
  const auto pos = [&](std::string_view s) { return text->find(s); };
  CHECK(pos("merchant") < pos("goteborg"));
  CHECK(pos("goteborg") < pos("stockholm"));
  CHECK(pos("stockholm") < pos("e0 "));
  CHECK(pos("e0 ") < pos("e1 "));
  CHECK(pos("e1 ") < pos("e2 "));
  // Merchant figures as computed by hand (metrics_book_test.cpp).
  std::string merchant_line = text->substr(pos("merchant"));
  merchant_line = merchant_line.substr(0, merchant_line.find('\n'));
  for (std::string_view cell : {"60.0", "1.7", "4.00", "5000 JPY, 1.234 KWD, 1334.50 SEK",
                                "5000 JPY, 1.234 KWD, 667.25 SEK", "75.0", "12.5 s", "30.5 s"}) {
    INFO(merchant_line, " lacks ", cell);
    CHECK(merchant_line.find(cell) != std::string::npos);
  }
  // The same call gives the same bytes.
  CHECK(*format_report_text(b, at("2026-03-10T00:00:00Z"), at("2026-03-11T00:00:00Z"), store_name,
                            expert_name) == *text);
  CHECK(error_code_of(format_report_text(b, at("2026-03-11T00:00:00Z"), at("2026-03-10T00:00:00Z"),
                                         store_name, expert_name)
                          .status()) == ErrorCode::kInvalidArgument);
}

TEST_CASE("R-METRIC-1: the JSON report is canonical with exact money and fixed-point ratios") {
  const MetricsBook b = scenario();
  JsonWriter w;
  REQUIRE(write_report_json(w, b, at("2026-03-10T00:00:00Z"), at("2026-03-11T00:00:00Z"),
                            store_name, expert_name)
              .ok());
  const std::string json = w.take();
  const std::string merchant =
      R"({"from":"2026-03-10","to":"2026-03-10","reporting_timezone":"UTC","merchant":{)"
      R"("initiated":5,"claimed":3,"claimed_pct":60.0,"missed":2,"taken":1,"transfers_in":0,)"
      R"("available_associates":3,"chats_per_associate":1.67,"ratings":3,"average_rating":4.00,)"
      R"("orders":4,"unattributed_orders":1,"sales":[)"
      R"({"currency":"JPY","orders":1,"gross":"5000","average":"5000"},)"
      R"({"currency":"KWD","orders":1,"gross":"1.234","average":"1.234"},)"
      R"({"currency":"SEK","orders":2,"gross":"1334.50","average":"667.25"}],)"
      R"("converted":3,"engaged":4,"conversion_pct":75.0,)"
      R"("response_median_ms":12500,"response_p90_ms":30500},"stores":[{"store":"goteborg",)";
  CHECK(json.rfind(merchant, 0) == 0);
  CHECK(json.find(R"("experts":[{"expert":"e0","initiated":2,"claimed":1,"claimed_pct":50.0,)") !=
        std::string::npos);
  // A day without activity: empty lists, null ratios.
  JsonWriter empty;
  REQUIRE(write_report_json(empty, b, at("2026-03-12T00:00:00Z"), at("2026-03-13T00:00:00Z"),
                            store_name, expert_name)
              .ok());
  CHECK(empty.str().find(R"("claimed_pct":null)") != std::string::npos);
  CHECK(empty.str().find(R"("stores":[],"experts":[]})") != std::string::npos);
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
  const std::string text = format_report_text(b, *days, store_name, expert_name);
  CHECK(text.rfind("Analytics 2026-03-10 .. 2026-03-14 (UTC)\n", 0) == 0);
  JsonWriter w;
  write_report_json(w, b, *days, store_name, expert_name);
  CHECK(w.str().find(R"("ratings":4,"average_rating":3.50,)") != std::string::npos);
}

}  // namespace
}  // namespace vshop::analytics
