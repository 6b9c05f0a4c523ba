// R-TIME-*, R-ID-1, R-DET-1, R-SET-1 and the journal/snapshot contract.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

TEST_CASE(
    "R-TIME-1: timers fire in advance() in (deadline, creation) order with their deadline as at") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1,"offer_timeout_s":20,"claim_window_s":60)");
  h.ok(R"({"at":")" + T(10) + R"(","cmd":"request_chat","shopper":"s1"})");
  h.ok(R"({"at":")" + T(11) + R"(","cmd":"request_chat","shopper":"s2"})");
  CHECK(h.engine.next_deadline() == from_epoch_ms(1778745600000 + 30'000));
  // Jumping far past both deadlines: each wave expires at its own instant, in order.
  const auto fx = h.advance(35);
  REQUIRE(fx.size() == 4);
  CHECK(fx[0] ==
        R"({"at":")" + T(30) + R"(","effect":"offer_expired","chat":"c1","experts":["a1"]})");
  CHECK(fx[1] == R"({"at":")" + T(30) +
                     R"(","effect":"chat_offered","chat":"c1","experts":["r1"],"deadline":")" +
                     T(50) + R"("})");
  CHECK(fx[2] ==
        R"({"at":")" + T(31) + R"(","effect":"offer_expired","chat":"c2","experts":["a2"]})");
  CHECK(fx[3] == R"({"at":")" + T(31) +
                     R"(","effect":"chat_offered","chat":"c2","experts":["a1"],"deadline":")" +
                     T(51) + R"("})");
  CHECK(h.engine.now() == from_epoch_ms(1778745600000 + 35'000));
}

TEST_CASE(
    "R-TIME-1: a command earlier than the engine's time is out_of_order_time and fires nothing") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  h.ok(R"({"at":")" + T(10) + R"(","cmd":"request_chat","shopper":"s1"})");
  h.advance(20);
  const std::string before = h.engine.snapshot();
  const auto s = h.engine.apply_json(R"({"at":")" + T(5) + R"(","cmd":"advance"})");
  CHECK(error_code_of(s) == ErrorCode::kOutOfOrderTime);
  CHECK(h.engine.snapshot() == before);
  CHECK(h.effects().empty());
  // A spurious advance to the current time is a no-op.
  CHECK(h.engine.advance(h.engine.now()).ok());
  CHECK(h.engine.snapshot() == before);
}

TEST_CASE(
    "R-TIME-3: timers due by a command's at fire first; a rejected command is journaled as "
    "advance") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1,"offer_timeout_s":20,"claim_window_s":20)");
  h.ok(R"({"at":")" + T(10) + R"(","cmd":"request_chat","shopper":"s1"})");
  (void)h.engine.drain_journal();
  // The claim comes after the wave expired: the expiry happens first, then the claim fails.
  const auto s =
      h.engine.apply_json(R"({"at":")" + T(40) + R"(","cmd":"claim","expert":"a1","chat":"c1"})");
  CHECK(error_code_of(s) == ErrorCode::kOfferNotPending);
  const auto fx = h.effects();
  REQUIRE(fx.size() == 2);
  CHECK(fx[0].find("offer_expired") != std::string::npos);
  CHECK(fx[1] ==
        R"({"at":")" + T(30) + R"(","effect":"chat_missed","chat":"c1","reason":"claim_window"})");
  CHECK(h.engine.now() == from_epoch_ms(1778745600000 + 40'000));
  const auto journal = h.engine.drain_journal();
  REQUIRE(journal.size() == 1);
  CHECK(journal[0] == R"({"at":")" + T(40) + R"(","cmd":"advance"})");
  // A malformed line is rejected before the clock moves.
  CHECK(error_code_of(
            h.engine.apply_json(R"({"at":")" + T(50) + R"(","cmd":"claim","expert":"a1"})")) ==
        ErrorCode::kInvalidArgument);
  CHECK(h.engine.now() == from_epoch_ms(1778745600000 + 40'000));
  CHECK(h.engine.drain_journal().empty());
  // A command without at runs at the engine's time.
  h.ok(R"({"cmd":"go_unavailable","expert":"a2"})");
  const auto j = h.engine.drain_journal();
  REQUIRE(j.size() == 1);
  CHECK(j[0] == R"({"at":")" + T(40) + R"(","cmd":"go_unavailable","expert":"a2"})");
}

TEST_CASE("R-TIME-2: at as RFC 3339 with offset, with milliseconds and as epoch milliseconds") {
  Harness h;
  h.ok(R"({"at":"2026-05-14T10:00:00+02:00","cmd":"advance"})");
  CHECK(h.engine.now() == from_epoch_ms(1778745600000));
  h.ok(R"({"at":1778745600250,"cmd":"advance"})");
  CHECK(h.engine.now() == from_epoch_ms(1778745600250));
  const auto j = h.engine.drain_journal();
  REQUIRE(j.size() == 2);
  CHECK(j[1] == R"({"at":"2026-05-14T08:00:00.250Z","cmd":"advance"})");
  CHECK(error_code_of(h.engine.apply_json(R"({"at":12.5,"cmd":"advance"})")) ==
        ErrorCode::kInvalidArgument);
  CHECK(error_code_of(h.engine.apply_json(R"({"at":"yesterday","cmd":"advance"})")) ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE("R-ID-1: ids are 1..128 bytes without control characters; chat ids c1, c2 unless given") {
  Harness h;
  standard_merchant(h);
  h.fails(R"({"cmd":"request_chat","shopper":""})", ErrorCode::kInvalidArgument);
  h.fails(R"({"cmd":"request_chat","shopper":"a\u0001b"})", ErrorCode::kInvalidArgument);
  h.fails(R"({"cmd":"request_chat","shopper":"a\u007fb"})", ErrorCode::kInvalidArgument);
  h.fails(R"({"cmd":"request_chat","shopper":"a\u0085b"})", ErrorCode::kInvalidArgument);  // C1
  h.ok(R"({"cmd":"request_chat","shopper":"a\u00a0b","chat":"c9"})");  // NBSP is no control
  h.fails(R"({"cmd":"request_chat","shopper":")" + std::string(129, 'x') + R"("})",
          ErrorCode::kInvalidArgument);
  h.ok(R"({"cmd":"request_chat","shopper":")" + std::string(128, 'x') + R"("})");
  h.ok(R"({"cmd":"request_chat","shopper":"zoë","chat":"c2"})");
  h.ok(R"({"cmd":"request_chat","shopper":"s3"})");
  CHECK(h.engine.chat("c1"));
  CHECK(h.engine.chat("c2")->shopper == "zoë");
  CHECK(h.engine.chat("c3")->shopper == "s3");  // c2 was taken by the host: skipped
  h.fails(R"({"cmd":"request_chat","shopper":"s4","chat":"c3"})", ErrorCode::kAlreadyExists);
}

TEST_CASE("R-DET-1: same commands give byte-identical effects, journal and snapshot") {
  const auto run = [] {
    Harness h;
    standard_merchant(h);
    std::string all;
    for (int i = 0; i < 20; ++i) {
      (void)h.engine.apply_json(
          fmt::format(R"({{"at":"{}","cmd":"request_chat","shopper":"s{}","lat":{},"lon":4.6}})",
                      T(10 + i), i, 51.9 + 0.03 * i));
      if (i % 3 == 0) {
        (void)h.engine.apply_json(fmt::format(
            R"({{"at":"{}","cmd":"claim","expert":"a1","chat":"c{}"}})", T(10 + i), i + 1));
      }
    }
    h.advance(500);
    for (const auto& e : h.effects()) all += e + "\n";
    for (const auto& j : h.engine.drain_journal()) all += j + "\n";
    return all + h.engine.snapshot();
  };
  const std::string first = run();
  CHECK(first == run());
  CHECK(first.size() > 1000);
}

TEST_CASE("R-DET-1: snapshot, restore and the rest of the journal equal the uninterrupted run") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  std::vector<std::string> journal = h.engine.drain_journal();
  std::vector<std::string> lines = {
      R"({"at":")" + T(10) + R"(","cmd":"request_chat","shopper":"s1","lat":52.37,"lon":4.9})",
      R"({"at":")" + T(12) + R"(","cmd":"claim","expert":"a1","chat":"c1"})",
      R"({"at":")" + T(20) + R"(","cmd":"request_chat","shopper":"s2"})",
      R"({"at":")" + T(25) + R"(","cmd":"decline","expert":"a2","chat":"c2"})",
      R"({"at":")" + T(30) +
          R"(","cmd":"transfer","expert":"a1","chat":"c1","to":"r2","note":"n"})",
      R"({"at":")" + T(200) + R"(","cmd":"request_chat","shopper":"s3"})",
      R"({"at":")" + T(400) + R"(","cmd":"finish_chat","expert":"a1","chat":"c1"})",
      R"({"at":")" + T(500) +
          R"(","cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"10.00","currency":"EUR"})"};
  for (std::size_t cut = 0; cut <= lines.size(); ++cut) {
    Harness a;
    for (const auto& j : journal) REQUIRE(a.engine.apply_json(j).ok());
    for (std::size_t i = 0; i < cut; ++i) (void)a.engine.apply_json(lines[i]);
    auto restored = Engine::restore(a.engine.snapshot());
    REQUIRE(restored.ok());
    CHECK(restored->snapshot() == a.engine.snapshot());
    (void)a.engine.drain_effects();
    for (std::size_t i = cut; i < lines.size(); ++i) {
      const auto s1 = a.engine.apply_json(lines[i]);
      const auto s2 = restored->apply_json(lines[i]);
      CHECK(s1.code() == s2.code());
    }
    std::vector<std::string> fa, fb;
    for (const auto& e : a.engine.drain_effects()) fa.push_back(effect_to_json(e));
    for (const auto& e : restored->drain_effects()) fb.push_back(effect_to_json(e));
    CHECK(fa == fb);
    CHECK(a.engine.snapshot() == restored->snapshot());
    CHECK(a.engine.next_deadline() == restored->next_deadline());
  }
  CHECK(error_code_of(Engine::restore("{}").status()) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of(Engine::restore("not json").status()) == ErrorCode::kInvalidArgument);
  auto corrupted = h.engine.snapshot();
  corrupted.replace(corrupted.find("\"version\":3"), 11, "\"version\":9");
  CHECK(error_code_of(Engine::restore(corrupted).status()) == ErrorCode::kInvalidArgument);
}

TEST_CASE("R-SET-1: settings are checked against their bounds after the whole configure") {
  Harness h;
  h.ok(R"({"cmd":"configure","claim_window_s":60,"offer_timeout_s":60})");
  CHECK(h.engine.settings().claim_window == Duration{60'000});
  h.fails(R"({"cmd":"configure","claim_window_s":50})", ErrorCode::kInvalidSetting);
  h.ok(R"({"cmd":"configure","claim_window_s":50,"offer_timeout_s":20})");
  h.fails(R"({"cmd":"configure","max_active_chats":0})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","max_active_chats":21})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","claim_window_s":9})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","claim_window_s":601})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","offer_timeout_s":4})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","offer_fanout":51})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","missed_streak_limit":11})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","decline_streak_limit":0})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","transfer_timeout_s":9})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","attribution_window_days":91})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","reporting_timezone":"Mars/Olympus"})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","invite_code":"ABC123"})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","invite_code":"ABC-234"})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","contact_channels":["email","pigeon"]})",
          ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","region":"APAC"})", ErrorCode::kInvalidSetting);
  h.fails(R"({"cmd":"configure","max_active_chats":"3"})", ErrorCode::kInvalidArgument);
  h.fails(R"({"cmd":"configure","colour":"red"})", ErrorCode::kInvalidArgument);
  // One bad setting rejects the whole configure.
  h.fails(R"({"cmd":"configure","max_active_chats":5,"region":"APAC"})",
          ErrorCode::kInvalidSetting);
  CHECK(h.engine.settings().max_active_chats == 3);
  h.ok(
      R"({"cmd":"configure","reporting_timezone":"Europe/Paris","region":"US","contact_channels":["sms","email"],"show_when_busy":true})");
  CHECK(h.engine.settings().contact_channels == std::vector<std::string>{"email", "sms"});
}

TEST_CASE("R-SET-1: a changed setting applies to later decisions; running waves keep theirs") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1,"offer_timeout_s":30)");
  const auto offered = h.ok(R"({"at":")" + T(10) + R"(","cmd":"request_chat","shopper":"s1"})");
  REQUIRE(offered.size() == 1);
  CHECK(offered[0].find(R"("deadline":")" + T(40)) != std::string::npos);
  h.ok(R"({"at":")" + T(11) + R"(","cmd":"configure","offer_timeout_s":10,"offer_fanout":2})");
  CHECK(h.engine.next_deadline() == from_epoch_ms(1778745600000 + 40'000));
  const auto next = h.advance(40);
  REQUIRE(next.size() == 2);
  // The claim window of the request (90 s) is kept; the new wave uses the new timeout/fanout.
  CHECK(next[1] ==
        R"({"at":")" + T(40) +
            R"(","effect":"chat_offered","chat":"c1","experts":["a2","r1"],"deadline":")" + T(50) +
            R"("})");
}
