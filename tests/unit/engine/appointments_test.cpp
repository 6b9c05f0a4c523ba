// R-APPT-2: send_appointment and its RFC 5545 card (the card's syntax is also checked with
// libical in tests/appt/ics_libical_test.cpp).
#include <string>

#include "engine/ics.hpp"
#include "harness.hpp"

namespace vshop::test {
namespace {

// The standard merchant with chat c1 of shopper s claimed by a1 (store ams, Europe/Amsterdam).
void active_chat(Harness& h) {
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"update_store","store":"ams","timezone":"Europe/Amsterdam",)"
                R"("address":"Kalverstraat 1, Amsterdam"})");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
}

std::string appointment(std::int64_t s, std::string_view fields) {
  return at(s) + R"("cmd":"send_appointment","expert":"a1","chat":"c1",)" + std::string(fields) +
         "}";
}

}  // namespace

TEST_CASE("R-APPT-2: appointment_sent carries UTC instants and a VCALENDAR with a numbered UID") {
  Harness h;
  active_chat(h);
  const Lines effects =
      h.ok(appointment(20, R"("title":"Fitting","start":"2026-06-01T14:30","duration_min":45)"));
  REQUIRE(effects.size() == 1);
  const std::string expected_ics =
      "BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//vshop//vshop//EN\\r\\nMETHOD:PUBLISH\\r\\n"
      "BEGIN:VEVENT\\r\\nUID:c1-1@vshop\\r\\nDTSTAMP:20260514T080020Z\\r\\n"
      "DTSTART:20260601T123000Z\\r\\nDTEND:20260601T131500Z\\r\\nSUMMARY:Fitting\\r\\n"
      "LOCATION:Kalverstraat 1\\\\, Amsterdam\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n";
  CHECK(effects[0] == R"({"at":")" + T(20) +
                          R"(","effect":"appointment_sent","chat":"c1","expert":"a1",)"
                          R"("start":"2026-06-01T12:30:00Z","end":"2026-06-01T13:15:00Z","ics":")" +
                          expected_ics + R"("})");
  // The second card of the chat is numbered 2; an empty location writes no LOCATION.
  const Lines second = h.ok(appointment(
      30, R"("title":"Pick-up","start":"2026-06-02T09:00","duration_min":5,"location":"")"));
  REQUIRE(second.size() == 1);
  CHECK(second[0].find("UID:c1-2@vshop") != std::string::npos);
  CHECK(second[0].find("LOCATION") == std::string::npos);
  // Not a message: no contact instant, no notify_shopper, and the chat stays as it was.
  CHECK(h.engine.chat("c1")->state == ChatState::kActive);
}

TEST_CASE("R-APPT-2: the local start maps with R-HOURS-3 across DST changes") {
  Harness h;
  active_chat(h);
  // 2026-03-29 02:30 does not exist in Amsterdam (02:00 -> 03:00): moved forward by the gap,
  // i.e. 01:30Z (as zoneinfo with fold=0 computes).
  Lines e = h.ok(appointment(20, R"("title":"a","start":"2026-03-29T02:30","duration_min":60)"));
  REQUIRE(e.size() == 1);
  CHECK(e[0].find(R"("start":"2026-03-29T01:30:00Z","end":"2026-03-29T02:30:00Z")") !=
        std::string::npos);
  // 2026-10-25 02:30 happens twice (03:00 -> 02:00): the earlier instant, 00:30Z; the end is 90
  // elapsed minutes later.
  e = h.ok(appointment(21, R"("title":"b","start":"2026-10-25T02:30","duration_min":90)"));
  REQUIRE(e.size() == 1);
  CHECK(e[0].find(R"("start":"2026-10-25T00:30:00Z","end":"2026-10-25T02:00:00Z")") !=
        std::string::npos);
}

TEST_CASE("R-APPT-2: invalid fields, unknown ids, state and expert are refused in that order") {
  Harness h;
  active_chat(h);
  const auto bad = [&](std::string_view fields) {
    h.fails(appointment(20, fields), ErrorCode::kInvalidArgument);
  };
  bad(R"("title":"","start":"2026-06-01T14:30","duration_min":45)");
  bad(R"("title":")" + std::string(201, 'x') + R"(","start":"2026-06-01T14:30","duration_min":45)");
  bad(R"("title":"a\u0007b","start":"2026-06-01T14:30","duration_min":45)");
  bad(R"("title":"a","start":"2026-06-01 14:30","duration_min":45)");
  bad(R"("title":"a","start":"2026-06-01T14:30:00","duration_min":45)");
  bad(R"("title":"a","start":"2026-02-30T14:30","duration_min":45)");
  bad(R"("title":"a","start":"2026-06-01T24:00","duration_min":45)");
  bad(R"("title":"a","start":"2026-06-01T14:30","duration_min":4)");
  bad(R"("title":"a","start":"2026-06-01T14:30","duration_min":1441)");
  bad(R"("title":"a","start":"2026-06-01T14:30","duration_min":45.5)");
  bad(R"("title":"a","start":"2026-06-01T14:30","duration_min":45,"location":"x\ry")");
  bad(R"("title":"a","start":"9999-12-31T23:30","duration_min":1440)");  // ends after 9999
  // 200 code points of two bytes each are fine; TAB and LF are allowed.
  std::string title;
  for (int i = 0; i < 200; ++i) title += "\xC3\xA9";
  CHECK(h.ok(appointment(20, R"("title":")" + title +
                                 R"(","start":"2026-06-01T14:30","duration_min":45,)"
                                 R"("location":"a\tb\nc")"))
            .size() == 1);
  h.fails(at(30) + R"("cmd":"send_appointment","expert":"zz","chat":"c1","title":"a",)"
                   R"("start":"2026-06-01T14:30","duration_min":45})",
          ErrorCode::kNotFound);
  h.fails(at(30) + R"("cmd":"send_appointment","expert":"a1","chat":"zz","title":"a",)"
                   R"("start":"2026-06-01T14:30","duration_min":45})",
          ErrorCode::kNotFound);
  h.fails(at(30) + R"("cmd":"send_appointment","expert":"a2","chat":"c1","title":"a",)"
                   R"("start":"2026-06-01T14:30","duration_min":45})",
          ErrorCode::kNotChatExpert);
  h.ok(at(40) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.fails(appointment(50, R"("title":"a","start":"2026-06-01T14:30","duration_min":45)"),
          ErrorCode::kInvalidState);
}

TEST_CASE("R-APPT-2: TEXT values are escaped and lines folded at 75 octets on characters") {
  using engine_detail::ics_escape_text;
  using engine_detail::ics_fold_line;
  CHECK(ics_escape_text("a\\b;c,d\ne\tf") == "a\\\\b\\;c\\,d\\ne\tf");
  const std::string short_line(75, 'x');
  CHECK(ics_fold_line(short_line) == short_line + "\r\n");
  const std::string long_line(76, 'x');
  CHECK(ics_fold_line(long_line) == std::string(75, 'x') + "\r\n x\r\n");
  // 74 ASCII octets then a 2-byte character: it does not fit on the first line, so it moves.
  const std::string mixed = std::string(74, 'x') + "\xC3\xA9" + "y";
  CHECK(ics_fold_line(mixed) == std::string(74, 'x') + "\r\n \xC3\xA9y\r\n");
  // Every physical line is at most 75 octets and starts a continuation with one space.
  std::string euro;
  for (int i = 0; i < 100; ++i) euro += "\xE2\x82\xAC";  // 3 bytes each
  const std::string folded = ics_fold_line("SUMMARY:" + euro);
  std::size_t start = 0, lines = 0;
  while (start < folded.size()) {
    const std::size_t end = folded.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    CHECK(end - start <= 75);
    if (lines > 0) CHECK(folded[start] == ' ');
    start = end + 2;
    ++lines;
  }
  CHECK(lines > 1);
}

}  // namespace vshop::test
