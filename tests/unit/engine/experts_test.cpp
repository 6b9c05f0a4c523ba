// Experts: accounts (R-EXP-*), availability (R-AVAIL-*), capacity (R-CAP-1).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

TEST_CASE("R-EXP-1: registration needs the invite code (any case); one account per email") {
  Harness h;
  h.fails(
      R"({"cmd":"register_expert","expert":"e1","email":"e1@x.example","invite_code":"ABC1234","name":"E"})",
      ErrorCode::kInvalidInviteCode);  // no code configured yet
  h.ok(R"({"cmd":"configure","invite_code":"ABC1234"})");
  h.fails(
      R"({"cmd":"register_expert","expert":"e1","email":"e1@x.example","invite_code":"ABC1235","name":"E"})",
      ErrorCode::kInvalidInviteCode);
  h.ok(
      R"({"cmd":"register_expert","expert":"e1","email":" E1@X.example ","invite_code":"aBc1234","name":"E"})");
  CHECK(h.engine.expert("e1")->account == ExpertAccount::kPending);
  h.fails(
      R"({"cmd":"register_expert","expert":"e2","email":"e1@x.EXAMPLE","invite_code":"ABC1234","name":"E"})",
      ErrorCode::kAlreadyExists);
  h.fails(
      R"({"cmd":"register_expert","expert":"e1","email":"other@x.example","invite_code":"ABC1234","name":"E"})",
      ErrorCode::kAlreadyExists);
  h.fails(
      R"({"cmd":"register_expert","expert":"e3","email":"not-an-email","invite_code":"ABC1234","name":"E"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      R"({"cmd":"register_expert","expert":"e3","email":"e3@x.example","invite_code":"ABC1234"})",
      ErrorCode::kInvalidArgument);
}

TEST_CASE(
    "R-EXP-2: pending -> approved -> deactivated -> approved; anonymize only when deactivated") {
  Harness h;
  standard_merchant(h);
  h.ok(
      R"({"cmd":"register_expert","expert":"e9","email":"e9@x.example","invite_code":"ABC1234","name":"Nine","employee_id":"N-9"})");
  h.fails(R"({"cmd":"deactivate_expert","expert":"e9"})", ErrorCode::kInvalidState);
  h.fails(R"({"cmd":"anonymize_expert","expert":"e9"})", ErrorCode::kInvalidState);
  h.fails(R"({"cmd":"approve_expert","expert":"e9","store":"nowhere"})", ErrorCode::kNotFound);
  h.fails(R"({"cmd":"approve_expert","expert":"ghost","store":"ams"})", ErrorCode::kNotFound);
  h.ok(
      R"({"cmd":"approve_expert","expert":"e9","store":"ams","team":"north","departments":["shoes"]})");
  CHECK(h.engine.expert("e9")->account == ExpertAccount::kApproved);
  CHECK(h.engine.expert("e9")->store == "ams");
  h.fails(R"({"cmd":"reactivate_expert","expert":"e9"})", ErrorCode::kInvalidState);
  h.fails(R"({"cmd":"anonymize_expert","expert":"e9"})", ErrorCode::kInvalidState);
  // Deactivating an available expert makes them unavailable first.
  CHECK(h.ok(at(10) + R"("cmd":"deactivate_expert","expert":"a1"})") ==
        std::vector<std::string>{
            R"({"at":")" + T(10) +
            R"(","effect":"expert_unavailable","expert":"a1","reason":"deactivated"})"});
  h.ok(R"({"cmd":"reactivate_expert","expert":"a1"})");
  CHECK(h.engine.expert("a1")->account == ExpertAccount::kApproved);
  h.ok(R"({"cmd":"deactivate_expert","expert":"e9"})");
  h.ok(R"({"cmd":"anonymize_expert","expert":"e9"})");
  const auto snap = h.engine.snapshot();
  CHECK(snap.find("Nine") == std::string::npos);
  CHECK(snap.find("e9@x.example") == std::string::npos);
  CHECK(snap.find("N-9") == std::string::npos);
  CHECK(h.engine.expert("e9")->anonymized);  // the opaque id survives
  h.fails(R"({"cmd":"reactivate_expert","expert":"e9"})", ErrorCode::kInvalidState);
  // The erased email may register again.
  h.ok(
      R"({"cmd":"register_expert","expert":"e10","email":"e9@x.example","invite_code":"ABC1234","name":"Ten"})");
}

TEST_CASE("R-AVAIL-1: go_available needs an approved expert at an active store that is open") {
  Harness h;
  standard_merchant(h);
  h.ok(
      R"({"cmd":"register_expert","expert":"p","email":"p@x.example","invite_code":"ABC1234","name":"P"})");
  h.fails(at(10) + R"("cmd":"go_available","expert":"p"})", ErrorCode::kNotApproved);
  h.fails(at(10) + R"("cmd":"go_available","expert":"ghost"})", ErrorCode::kNotFound);
  h.ok(R"({"cmd":"approve_expert","expert":"p","store":"ams"})");
  // 18:00 UTC = 20:00 in Amsterdam: closed.
  h.ok(at(10) + R"("cmd":"go_available","expert":"p"})");
  h.ok(at(11) + R"("cmd":"go_unavailable","expert":"p"})");
  h.fails(at(36000) + R"("cmd":"go_available","expert":"p"})", ErrorCode::kStoreClosed);
  h.ok(at(36000 + 50400) + R"("cmd":"deactivate_store","store":"rtm"})");
  h.ok(R"({"cmd":"approve_expert","expert":"p","store":"rtm"})");
  h.fails(at(36000 + 50400) + R"("cmd":"go_available","expert":"p"})", ErrorCode::kNoStore);
  h.ok(R"({"cmd":"deactivate_expert","expert":"p"})");
  h.fails(at(36000 + 50400) + R"("cmd":"go_available","expert":"p"})", ErrorCode::kNotApproved);
  // Idempotent: available -> available and unavailable -> unavailable succeed silently.
  CHECK(h.ok(at(36000 + 50400) + R"("cmd":"go_available","expert":"a1"})").size() == 1);
  CHECK(h.ok(at(36000 + 50400) + R"("cmd":"go_available","expert":"a1"})").empty());
  CHECK(h.ok(at(36000 + 50400) + R"("cmd":"go_unavailable","expert":"a2"})").empty());
}

TEST_CASE(
    "R-AVAIL-2: at closing, available experts leave (id order) with the closing instant as at") {
  Harness h;
  standard_merchant(h);
  h.ok(at(100) + R"("cmd":"request_chat","shopper":"s1","lat":52.37,"lon":4.9})");
  h.ok(at(110) + R"("cmd":"claim","expert":"a2","chat":"c1"})");
  h.effects();
  // Both stores close at 18:00 UTC (T(36000)); rtm's experts went available together with ams'.
  const auto fx = h.advance(40000);
  REQUIRE(fx.size() == 4);
  CHECK(fx[0] == R"({"at":")" + T(36000) +
                     R"(","effect":"expert_unavailable","expert":"a1","reason":"store_closed"})");
  CHECK(fx[1].find(R"("expert":"a2","reason":"store_closed")") != std::string::npos);
  CHECK(fx[2].find(R"("expert":"r1","reason":"store_closed")") != std::string::npos);
  CHECK(fx[3].find(R"("expert":"r2","reason":"store_closed")") != std::string::npos);
  // The active chat continues after closing.
  CHECK(h.engine.chat("c1")->state == ChatState::kActive);
  h.ok(at(40100) + R"("cmd":"send_message","chat":"c1","from":"expert"})");
  h.ok(at(40200) + R"("cmd":"finish_chat","expert":"a2","chat":"c1"})");
}

TEST_CASE("R-AVAIL-3: decline_streak_limit consecutive declines make the expert unavailable") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1,"decline_streak_limit":2)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"decline","expert":"a1","chat":"c1"})");
  CHECK(h.engine.expert("a1")->decline_streak == 1);
  h.ok(at(12) + R"("cmd":"request_chat","shopper":"s2"})");  // a1 is first again (idle longest)
  const auto fx = h.ok(at(13) + R"("cmd":"decline","expert":"a1","chat":"c2"})");
  REQUIRE(fx.size() == 3);
  CHECK(fx[0] ==
        R"({"at":")" + T(13) +
            R"(","effect":"offer_withdrawn","chat":"c2","expert":"a1","reason":"declined"})");
  CHECK(fx[1] == R"({"at":")" + T(13) +
                     R"(","effect":"expert_unavailable","expert":"a1","reason":"decline_streak"})");
  CHECK(fx[2].find(R"("effect":"chat_offered","chat":"c2")") != std::string::npos);
  // Going available resets the streak; so does a claim.
  h.ok(at(20) + R"("cmd":"go_available","expert":"a1"})");
  CHECK(h.engine.expert("a1")->decline_streak == 0);
  h.ok(at(21) + R"("cmd":"request_chat","shopper":"s3"})");
  REQUIRE(h.engine.expert("a2")->pending_offer == "c1");
  h.ok(at(22) + R"("cmd":"decline","expert":"a2","chat":"c1"})");
  CHECK(h.engine.expert("a2")->decline_streak == 1);
  h.ok(at(23) + R"("cmd":"request_chat","shopper":"s4"})");
  const std::string offered = h.engine.expert("a2")->pending_offer;
  REQUIRE(offered == "c4");
  h.ok(at(24) + R"("cmd":"claim","expert":"a2","chat":"c4"})");
  CHECK(h.engine.expert("a2")->decline_streak == 0);
}

TEST_CASE(
    "R-AVAIL-4: missed_streak_limit timed-out offers of missed chats make the expert unavailable") {
  Harness h;
  standard_merchant(
      h, R"(,"offer_fanout":4,"offer_timeout_s":10,"claim_window_s":10,"missed_streak_limit":2)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.advance(25);
  CHECK(h.engine.expert("a1")->missed_streak == 1);
  // An offer withdrawn because someone else claimed leaves the streak unchanged.
  h.ok(at(30) + R"("cmd":"request_chat","shopper":"s2"})");
  h.ok(at(31) + R"("cmd":"claim","expert":"r2","chat":"c2"})");
  CHECK(h.engine.expert("a1")->missed_streak == 1);
  h.ok(at(40) + R"("cmd":"request_chat","shopper":"s3"})");
  const auto fx = h.advance(50);
  REQUIRE(fx.size() == 5);
  CHECK(fx[0] == R"({"at":")" + T(50) +
                     R"(","effect":"offer_expired","chat":"c3","experts":["a1","a2","r1","r2"]})");
  CHECK(fx[1] ==
        R"({"at":")" + T(50) + R"(","effect":"chat_missed","chat":"c3","reason":"claim_window"})");
  CHECK(fx[2] == R"({"at":")" + T(50) +
                     R"(","effect":"expert_unavailable","expert":"a1","reason":"missed_streak"})");
  CHECK(fx[3].find(R"("expert":"a2","reason":"missed_streak")") != std::string::npos);
  CHECK(fx[4].find(R"("expert":"r1","reason":"missed_streak")") != std::string::npos);
  CHECK(h.engine.expert("r2")->missed_streak == 1);  // its claim of c2 had reset it
  CHECK(h.engine.expert("r2")->available);
  // A decline resets the streak.
  h.ok(at(60) + R"("cmd":"request_chat","shopper":"s4"})");
  REQUIRE(h.engine.expert("r2")->pending_offer == "c4");
  h.ok(at(61) + R"("cmd":"decline","expert":"r2","chat":"c4"})");
  CHECK(h.engine.expert("r2")->missed_streak == 0);
}

TEST_CASE(
    "R-CAP-1: eligible only while available, under the limit, without a pending offer or "
    "transfer") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":4,"max_active_chats":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.effects();
  // a1 is at capacity: not offered. a2 goes unavailable: not offered.
  h.ok(at(12) + R"("cmd":"go_unavailable","expert":"a2"})");
  const auto fx = h.ok(at(13) + R"("cmd":"request_chat","shopper":"s2"})");
  CHECK(fx == std::vector<std::string>{
                  R"({"at":")" + T(13) +
                  R"(","effect":"chat_offered","chat":"c2","experts":["r1","r2"],"deadline":")" +
                  T(43) + R"("})"});
  // r1 and r2 hold pending offers: a third chat finds nobody.
  CHECK(h.ok(at(14) + R"("cmd":"request_chat","shopper":"s3"})") ==
        std::vector<std::string>{
            R"({"at":")" + T(14) +
            R"(","effect":"chat_missed","chat":"c3","reason":"no_expert_available"})"});
  // A taken left message counts against the limit: r1 takes s3's message, then cannot claim.
  h.ok(
      at(15) +
      R"("cmd":"leave_message","chat":"c3","text":"hi","channel":"sms","address":"+31600000000"})");
  h.ok(at(16) + R"("cmd":"take_left_message","expert":"r1","chat":"c3"})");
  h.fails(at(17) + R"("cmd":"claim","expert":"r1","chat":"c2"})", ErrorCode::kAtCapacity);
  CHECK(h.engine.expert("r1")->active_chats == 1);
}
