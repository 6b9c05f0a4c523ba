// R-QUEUE-1 (queue_status) and R-OPEN-1 (next_opening across DST changes and zones).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

Instant I(std::string_view rfc3339) { return *parse_rfc3339(rfc3339); }

QueueStatus queue(Harness& h, std::string_view chat, std::int64_t s) {
  auto q = h.engine.queue_status(chat, from_epoch_ms(1778745600000 + s * 1000));
  REQUIRE_MESSAGE(q.ok(), q.status().message());
  return *q;
}

// A store open 09:00-17:00 on weekdays in `tz`, at (lat, lon).
std::string store_line(std::string_view id, std::string_view tz) {
  return fmt::format(
      R"({{"cmd":"add_store","store":"{}","timezone":"{}","hours":{{"mon":["09:00-17:00"],)"
      R"("tue":["09:00-17:00"],"wed":["09:00-17:00"],"thu":["09:00-17:00"],"fri":["09:00-17:00"]}}}})",
      id, tz);
}

NextOpening opening(const Engine& e, std::string_view now, std::string_view tz) {
  auto o = e.next_opening(I(now), tz);
  REQUIRE_MESSAGE(o.ok(), o.status().message());
  return *o;
}

}  // namespace

TEST_CASE("R-QUEUE-1: a requested chat: waves, experts offered, time left") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":2,"offer_timeout_s":30,"claim_window_s":90)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  auto q = queue(h, "c1", 20);
  CHECK(q.state == "requested");
  CHECK(q.waves == 1);
  CHECK(q.offered == std::vector<std::string>{"a1", "a2"});
  CHECK(q.time_left == std::chrono::seconds(80));
  CHECK(!q.position);
  CHECK(!q.expected_wait);  // no claim yet
  h.advance(41);            // the first wave expires: a second one
  q = queue(h, "c1", 41);
  CHECK(q.waves == 2);
  CHECK(q.offered == std::vector<std::string>{"r1", "r2"});
  CHECK(q.time_left == std::chrono::seconds(59));
  CHECK(queue(h, "c1", 500).time_left == Duration{0});
  h.ok(at(50) + R"("cmd":"claim","expert":"r1","chat":"c1"})");  // waited 40 s
  CHECK(error_code_of(h.engine.queue_status("c1", h.engine.now()).status()) ==
        ErrorCode::kInvalidState);
  CHECK(error_code_of(h.engine.queue_status("c9", h.engine.now()).status()) ==
        ErrorCode::kNotFound);
  h.ok(at(60) + R"("cmd":"request_chat","shopper":"s2","chat":"c2"})");
  CHECK(queue(h, "c2", 60).expected_wait == std::chrono::seconds(40));
  h.ok(at(70) + R"("cmd":"claim","expert":"a1","chat":"c2"})");  // waited 10 s
  h.ok(at(80) + R"("cmd":"request_chat","shopper":"s3","chat":"c3"})");
  CHECK(queue(h, "c3", 80).expected_wait == std::chrono::seconds(25));  // median of 10, 40
  h.ok(at(81) + R"("cmd":"claim","expert":"a2","chat":"c3"})");         // waited 1 s
  h.ok(at(82) + R"("cmd":"request_chat","shopper":"s4","chat":"c4"})");
  CHECK(queue(h, "c4", 82).expected_wait == std::chrono::seconds(10));  // median of 1, 10, 40
}

TEST_CASE("R-QUEUE-1: left messages: position in request order; the last 50 claims count") {
  Harness h;
  standard_merchant(h, R"(,"max_active_chats":20,"offer_fanout":1)");
  for (int i = 1; i <= 3; ++i) {
    h.ok(at(i) + fmt::format(R"("cmd":"request_chat","shopper":"m{}","chat":"m{}",)"
                             R"("department":"toys"}})",
                             i, i));
    h.ok(at(i) + fmt::format(R"("cmd":"leave_message","chat":"m{}","text":"t","channel":"email",)"
                             R"("address":"m{}@mail.example"}})",
                             i, i));
  }
  CHECK(queue(h, "m1", 5).position == 1);
  CHECK(queue(h, "m3", 5).position == 3);
  CHECK(queue(h, "m3", 5).state == "left_message");
  h.ok(at(6) + R"("cmd":"take_left_message","expert":"a1","chat":"m2"})");
  CHECK(queue(h, "m3", 6).position == 2);
  // 60 claims after 10 s, then 50 after 2 s: only the last 50 count.
  std::int64_t t = 100;
  for (int i = 0; i < 110; ++i, t += 200) {
    const std::string chat = "q" + std::to_string(i);
    h.ok(at(t) + fmt::format(R"("cmd":"request_chat","shopper":"{}","chat":"{}"}})", chat, chat));
    const std::string expert = h.engine.chat(chat)->pending_offers.at(0);
    const std::int64_t wait = i < 60 ? 10 : 2;
    h.ok(at(t + wait) + fmt::format(R"("cmd":"claim","expert":"{}","chat":"{}"}})", expert, chat));
    h.ok(at(t + wait + 1) +
         fmt::format(R"("cmd":"finish_chat","expert":"{}","chat":"{}"}})", expert, chat));
  }
  CHECK(queue(h, "m1", t).expected_wait == std::chrono::seconds(2));
  auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE_MESSAGE(restored.ok(), restored.status().message());
  CHECK(restored->snapshot() == h.engine.snapshot());
}

TEST_CASE("R-OPEN-1: open_now, the next opening, local time in the shopper's zone") {
  Harness h;
  h.ok(R"({"cmd":"configure","invite_code":"ABC1234"})");
  auto none = opening(h.engine, "2026-05-14T12:00:00Z", "Europe/Paris");
  CHECK(!none.at);  // no store at all
  CHECK(none.local.empty());
  h.ok(store_line("ams", "Europe/Amsterdam"));
  auto o = opening(h.engine, "2026-05-14T08:00:00Z", "Europe/Amsterdam");  // Thu 10:00 local
  CHECK(o.open_now);
  CHECK(o.at == I("2026-05-14T08:00:00Z"));
  // Friday 17:30 local: back Monday 09:00.
  o = opening(h.engine, "2026-05-15T15:30:00Z", "Europe/Amsterdam");
  CHECK(!o.open_now);
  CHECK(o.at == I("2026-05-18T07:00:00Z"));
  CHECK(o.local == "2026-05-18T09:00");
  CHECK(o.weekday == "Monday");
  // The same instant for a shopper in New York.
  o = opening(h.engine, "2026-05-15T15:30:00Z", "America/New_York");
  CHECK(o.local == "2026-05-18T03:00");
  CHECK(error_code_of(h.engine.next_opening(I("2026-05-15T15:30:00Z"), "Mars/Base").status()) ==
        ErrorCode::kInvalidArgument);
  // A deactivated store never opens.
  h.ok(R"({"cmd":"deactivate_store","store":"ams"})");
  CHECK(!opening(h.engine, "2026-05-15T15:30:00Z", "Europe/Amsterdam").at);
}

TEST_CASE("R-OPEN-1: across DST changes, with stores in several zones") {
  Harness h;
  h.ok(R"({"cmd":"configure","invite_code":"ABC1234"})");
  h.ok(store_line("ams", "Europe/Amsterdam"));
  h.ok(store_line("nyc", "America/New_York"));
  h.ok(store_line("tyo", "Asia/Tokyo"));
  // Friday 2026-03-27 after every store closed; Europe moves to summer time on Sunday 03-29,
  // so Monday 09:00 Amsterdam is 07:00Z (it was 08:00Z the Monday before). Tokyo opens first:
  // Monday 09:00 JST = Monday 2026-03-30T00:00Z.
  auto o = opening(h.engine, "2026-03-27T22:00:00Z", "Europe/Amsterdam");
  CHECK(o.at == I("2026-03-30T00:00:00Z"));
  CHECK(o.local == "2026-03-30T02:00");  // 00:00Z in CEST (+2)
  h.ok(R"({"cmd":"deactivate_store","store":"tyo"})");
  o = opening(h.engine, "2026-03-27T22:00:00Z", "Asia/Tokyo");
  CHECK(o.at == I("2026-03-30T07:00:00Z"));  // Amsterdam, already on summer time
  CHECK(o.local == "2026-03-30T16:00");
  CHECK(o.weekday == "Monday");
  // A week earlier New York had moved (03-08) and Europe not yet: 13:00Z = 09:00 EDT is
  // after 08:00Z = 09:00 CET.
  o = opening(h.engine, "2026-03-20T22:00:00Z", "America/New_York");
  CHECK(o.at == I("2026-03-23T08:00:00Z"));
  CHECK(o.local == "2026-03-23T04:00");
  h.ok(R"({"cmd":"deactivate_store","store":"ams"})");
  o = opening(h.engine, "2026-03-20T22:00:00Z", "Europe/Amsterdam");
  CHECK(o.at == I("2026-03-23T13:00:00Z"));
  CHECK(o.local == "2026-03-23T14:00");
  // Autumn: New York leaves summer time on 2026-11-01; Monday 11-02 09:00 EST is 14:00Z.
  o = opening(h.engine, "2026-10-30T22:00:00Z", "America/New_York");
  CHECK(o.at == I("2026-11-02T14:00:00Z"));
  CHECK(o.local == "2026-11-02T09:00");
}
