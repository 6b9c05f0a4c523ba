// Transfers (R-XFER-*), video (R-VIDEO-1) and blocking (R-BLOCK-1).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

// s1's chat c1 claimed by a1.
void claimed_chat(Harness& h) {
  standard_merchant(h, R"(,"offer_fanout":1,"transfer_timeout_s":30)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.effects();
}
}  // namespace

TEST_CASE("R-XFER-1: a transfer needs the chat's expert, a note and an eligible target") {
  Harness h;
  claimed_chat(h);
  h.fails(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"ghost","note":"n"})",
          ErrorCode::kNotFound);
  h.fails(at(20) + R"("cmd":"transfer","expert":"a2","chat":"c1","to":"r1","note":"n"})",
          ErrorCode::kNotChatExpert);
  h.fails(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"  "})",
          ErrorCode::kEmptyNote);
  h.fails(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"a1","note":"n"})",
          ErrorCode::kTargetNotEligible);
  h.ok(at(20) + R"("cmd":"go_unavailable","expert":"r2"})");
  h.fails(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r2","note":"n"})",
          ErrorCode::kTargetNotEligible);
  // A target holding a pending offer is not eligible.
  h.ok(at(21) + R"("cmd":"request_chat","shopper":"s2"})");
  REQUIRE(h.engine.expert("a2")->pending_offer == "c2");
  h.fails(at(22) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"a2","note":"n"})",
          ErrorCode::kTargetNotEligible);
  auto groups = h.engine.transfer_candidates("c1");
  REQUIRE(groups.ok());
  REQUIRE(groups->size() == 1);
  CHECK((*groups)[0].store == "rtm");
  CHECK((*groups)[0].experts == std::vector<std::string>{"r1"});
  CHECK(
      h.ok(at(23) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"size 42"})") ==
      Lines{R"({"at":")" + T(23) +
            R"(","effect":"transfer_offered","chat":"c1","from":"a1","to":"r1","deadline":")" +
            T(53) + R"("})"});
  h.fails(at(24) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})",
          ErrorCode::kTargetNotEligible);
  h.ok(at(25) + R"("cmd":"go_available","expert":"r2"})");
  h.fails(at(26) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r2","note":"n"})",
          ErrorCode::kTransferPending);
  // The note never reaches an effect.
  CHECK(h.engine.snapshot().find("size 42") == std::string::npos);
}

TEST_CASE("R-XFER-2: accept moves the chat and its capacity; decline and timeout leave it") {
  Harness h;
  claimed_chat(h);
  h.ok(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})");
  h.fails(at(21) + R"("cmd":"accept_transfer","expert":"r2","chat":"c1"})",
          ErrorCode::kInvalidState);
  CHECK(
      h.ok(at(22) + R"("cmd":"decline_transfer","expert":"r1","chat":"c1"})") ==
      Lines{
          R"({"at":")" + T(22) +
          R"(","effect":"transfer_failed","chat":"c1","from":"a1","to":"r1","reason":"declined"})"});
  h.fails(at(23) + R"("cmd":"decline_transfer","expert":"r1","chat":"c1"})",
          ErrorCode::kInvalidState);
  CHECK(h.ok(at(30) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})") ==
        Lines{R"({"at":")" + T(30) +
              R"(","effect":"transfer_offered","chat":"c1","from":"a1","to":"r1","deadline":")" +
              T(60) + R"("})"});
  CHECK(
      h.advance(100) ==
      Lines{
          R"({"at":")" + T(60) +
          R"(","effect":"transfer_failed","chat":"c1","from":"a1","to":"r1","reason":"timeout"})"});
  h.ok(at(110) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})");
  h.effects();
  CHECK(h.ok(at(111) + R"("cmd":"accept_transfer","expert":"r1","chat":"c1"})") ==
        Lines{R"({"at":")" + T(111) +
              R"(","effect":"transfer_completed","chat":"c1","from":"a1","to":"r1"})"});
  CHECK(h.engine.expert("a1")->active_chats == 0);
  CHECK(h.engine.expert("r1")->active_chats == 1);
  CHECK(h.engine.chat("c1")->expert == "r1");
  h.fails(at(112) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})", ErrorCode::kNotChatExpert);
  // A target who goes unavailable fails the transfer (target_unavailable) after its own effect.
  h.ok(at(120) + R"("cmd":"transfer","expert":"r1","chat":"c1","to":"a2","note":"n"})");
  h.effects();
  CHECK(
      h.ok(at(121) + R"("cmd":"go_unavailable","expert":"a2"})") ==
      Lines{
          R"({"at":")" + T(121) +
              R"(","effect":"expert_unavailable","expert":"a2","reason":"requested"})",
          R"({"at":")" + T(121) +
              R"(","effect":"transfer_failed","chat":"c1","from":"r1","to":"a2","reason":"target_unavailable"})"});
  // Finishing with a pending transfer and a running video: transfer, video, then the chat.
  h.ok(at(130) + R"("cmd":"transfer","expert":"r1","chat":"c1","to":"r2","note":"n"})");
  h.ok(at(131) + R"("cmd":"start_video","expert":"r1","chat":"c1"})");
  h.effects();
  CHECK(
      h.ok(at(132) + R"("cmd":"finish_chat","expert":"r1","chat":"c1"})") ==
      Lines{
          R"({"at":")" + T(132) +
              R"(","effect":"transfer_failed","chat":"c1","from":"r1","to":"r2","reason":"chat_ended"})",
          R"({"at":")" + T(132) + R"(","effect":"video_ended","chat":"c1","expert":"r1"})",
          R"({"at":")" + T(132) + R"(","effect":"chat_finished","chat":"c1","expert":"r1"})"});
  CHECK(!h.engine.expert("r2")->pending_transfer.size());
}

TEST_CASE("R-XFER-2: a deactivated target fails the transfer with target_unavailable") {
  Harness h;
  claimed_chat(h);
  h.ok(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})");
  h.effects();
  CHECK(
      h.ok(at(21) + R"("cmd":"deactivate_expert","expert":"r1"})") ==
      Lines{
          R"({"at":")" + T(21) +
              R"(","effect":"expert_unavailable","expert":"r1","reason":"deactivated"})",
          R"({"at":")" + T(21) +
              R"(","effect":"transfer_failed","chat":"c1","from":"a1","to":"r1","reason":"target_unavailable"})"});
}

TEST_CASE("R-VIDEO-1: one video at a time per expert, only in a chat active with them") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.fails(at(11) + R"("cmd":"start_video","expert":"a1","chat":"c1"})", ErrorCode::kInvalidState);
  h.ok(at(12) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(13) + R"("cmd":"request_chat","shopper":"s2"})");
  h.ok(at(14) + R"("cmd":"go_unavailable","expert":"a2"})");
  h.ok(at(14) + R"("cmd":"go_unavailable","expert":"r1"})");
  h.ok(at(14) + R"("cmd":"go_unavailable","expert":"r2"})");
  // c2's offer moved from expert to expert as they left, and ends with a1.
  REQUIRE(h.engine.expert("a1")->pending_offer == "c2");
  h.ok(at(16) + R"("cmd":"claim","expert":"a1","chat":"c2"})");
  h.effects();
  CHECK(h.ok(at(17) + R"("cmd":"start_video","expert":"a1","chat":"c1"})") ==
        Lines{R"({"at":")" + T(17) + R"(","effect":"video_started","chat":"c1","expert":"a1"})"});
  h.fails(at(18) + R"("cmd":"start_video","expert":"a1","chat":"c2"})", ErrorCode::kVideoBusy);
  h.fails(at(18) + R"("cmd":"start_video","expert":"a1","chat":"c1"})", ErrorCode::kInvalidState);
  h.fails(at(18) + R"("cmd":"start_video","expert":"a2","chat":"c1"})", ErrorCode::kNotChatExpert);
  h.fails(at(18) + R"("cmd":"end_video","expert":"a1","chat":"c2"})", ErrorCode::kInvalidState);
  CHECK(h.ok(at(19) + R"("cmd":"end_video","expert":"a1","chat":"c1"})") ==
        Lines{R"({"at":")" + T(19) + R"(","effect":"video_ended","chat":"c1","expert":"a1"})"});
  h.ok(at(20) + R"("cmd":"start_video","expert":"a1","chat":"c2"})");
  CHECK(h.engine.expert("a1")->video_chat == "c2");
}

TEST_CASE(
    "R-BLOCK-1: blocking ends the chat; the blocked shopper's chat stays silent until unblocked") {
  Harness h;
  claimed_chat(h);
  h.fails(at(20) + R"("cmd":"block_shopper","expert":"a2","chat":"c1"})",
          ErrorCode::kNotChatExpert);
  CHECK(h.ok(at(21) + R"("cmd":"block_shopper","expert":"a1","chat":"c1"})") ==
        Lines{R"({"at":")" + T(21) +
              R"(","effect":"shopper_blocked","chat":"c1","shopper":"s1","expert":"a1"})"});
  CHECK(h.engine.chat("c1")->state == ChatState::kBlocked);
  CHECK(h.engine.expert("a1")->active_chats == 0);
  // Silent: a request and messages are accepted, no offers, no timers, no effects.
  const auto deadline = h.engine.next_deadline();
  CHECK(h.ok(at(30) + R"("cmd":"request_chat","shopper":"s1"})").empty());
  CHECK(h.ok(at(31) + R"("cmd":"send_message","chat":"c2","from":"shopper"})").empty());
  CHECK(h.engine.next_deadline() == deadline);
  CHECK(h.engine.chat("c2")->state == ChatState::kRequested);
  CHECK(h.engine.chat("c2")->pending_offers.empty());
  CHECK(h.advance(1000).empty());
  h.fails(at(1001) + R"("cmd":"unblock_shopper","shopper":"s2"})", ErrorCode::kNotFound);
  h.ok(at(1002) + R"("cmd":"unblock_shopper","shopper":"s1"})");
  CHECK(h.engine.chat("c2")->state == ChatState::kClosed);
  h.fails(at(1003) + R"("cmd":"unblock_shopper","shopper":"s1"})", ErrorCode::kInvalidState);
  CHECK(h.ok(at(1004) + R"("cmd":"request_chat","shopper":"s1"})").size() == 1);  // routed again
  CHECK(h.engine.chat("c3")->state == ChatState::kRequested);
}
