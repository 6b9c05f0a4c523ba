// Issue 16, docs/metrics.md "Exports": Export Chats and Export Data of the hand-computed day.
#include "analytics/exports.hpp"

#include <doctest/doctest.h>

#include "absl/strings/str_cat.h"
#include "scenario.hpp"
#include "test_support.hpp"

namespace vshop::analytics {
namespace {

using testing::scenario;

const ReportNames kNames{
    [](std::uint32_t id) { return id == 0 ? std::string("stockholm") : "goteborg"; },
    [](std::uint32_t id) { return absl::StrCat("e", id); },
    {}};

ChatInfo info(ChatId c) { return {absl::StrCat("c", c), absl::StrCat("s", c), "finished"}; }

TEST_CASE("R-METRIC-1: CSV fields with a comma, quote, semicolon or newline are quoted") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("x;y") == "\"x;y\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("R-METRIC-1: Export Chats has one record per chat with its owner store") {
  const MetricsBook b = scenario();
  const DateRange day{date::year{2026} / 3 / 10, date::year{2026} / 3 / 10};
  const std::string csv = export_chats(b, day, ExportFormat::kCsv, kNames, info);
  CHECK(csv ==
        "chat,shopper,requested_at,answered_at,store,experts,state,outcome,rating,orders,sales\n"
        "c1,s1,2026-03-10T10:00:00Z,2026-03-10T10:00:12Z,stockholm,e0,finished,claimed,5,2,"
        "1334.50 SEK\n"
        "c2,s2,2026-03-10T10:05:00Z,2026-03-10T10:05:30.500Z,stockholm,e1,finished,claimed,4,1,"
        "5000 JPY\n"
        "c3,s3,2026-03-10T10:10:00Z,2026-03-10T11:00:00Z,stockholm,e0,finished,taken,,0,\n"
        "c4,s4,2026-03-10T10:20:00Z,2026-03-10T10:20:05Z,goteborg,e2,finished,claimed,3,1,"
        "1.234 KWD\n"
        "c5,s5,2026-03-10T10:30:00Z,,,,finished,missed,,0,\n");
  const std::string jsonl = export_chats(b, day, ExportFormat::kJsonLines, kNames, info);
  CHECK(jsonl.find(R"({"chat":"c5","shopper":"s5","requested_at":"2026-03-10T10:30:00Z",)"
                   R"("answered_at":null,"store":null,"experts":[],"state":"finished",)"
                   R"("outcome":"missed","rating":null,"orders":0,"sales":[]})") !=
        std::string::npos);
  // Another day: only the header.
  const DateRange other{date::year{2026} / 3 / 11, date::year{2026} / 3 / 11};
  CHECK(export_chats(b, other, ExportFormat::kJsonLines, kNames, info).empty());
}

TEST_CASE("R-METRIC-1: Export Data lists active days and sales per expert") {
  const MetricsBook b = scenario();
  const DateRange day{date::year{2026} / 3 / 10, date::year{2026} / 3 / 10};
  const ExpertLookup lookup = [](ExpertId e) {
    return ExpertInfo{e == 2 ? "goteborg" : "stockholm", e == 1 ? 2u : 0u};
  };
  const std::string csv = export_data(b, day, ExportFormat::kCsv, kNames, lookup);
  CHECK(csv ==
        "section,expert,store,active_days,currency,orders,gross,contacts\n"
        "active_days,e0,stockholm,1,,2,,\n"
        "sales,e0,stockholm,1,SEK,2,1334.50,\n"
        "active_days,e1,stockholm,1,,1,,\n"
        "sales,e1,stockholm,1,JPY,1,5000,\n"
        "contacts,e1,stockholm,1,,1,,2\n"
        "active_days,e2,goteborg,1,,1,,\n"
        "sales,e2,goteborg,1,KWD,1,1.234,\n");
  // R-CONTACT-2: JSON Lines give the count as an integer, null on the other sections.
  const std::string jsonl = export_data(b, day, ExportFormat::kJsonLines, kNames, lookup);
  CHECK(jsonl.find(R"({"section":"contacts","expert":"e1","store":"stockholm","active_days":1,)"
                   R"("currency":null,"orders":1,"gross":null,"contacts":2})") !=
        std::string::npos);
  CHECK(jsonl.find(R"("section":"active_days","expert":"e0","store":"stockholm","active_days":1,)"
                   R"("currency":null,"orders":2,"gross":null,"contacts":null})") !=
        std::string::npos);
}

}  // namespace
}  // namespace vshop::analytics
