// The chat lifecycle: R-CHAT-1 .. R-CHAT-9.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

TEST_CASE("R-CHAT-1: a shopper has at most one open chat; requesting again returns it") {
  Harness h;
  standard_merchant(h);
  auto first = h.engine.request_chat(from_epoch_ms(1778745610000), "s1");
  REQUIRE(first.ok());
  h.effects();
  auto again = h.engine.request_chat(from_epoch_ms(1778745611000), "s1");
  REQUIRE(again.ok());
  CHECK(*again == *first);
  CHECK(h.effects().empty());
  CHECK(h.engine.chat_count() == 1);
  // After the chat ends, a new request opens a new chat.
  h.ok(at(12) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(13) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  auto third = h.engine.request_chat(from_epoch_ms(1778745614000), "s1");
  REQUIRE(third.ok());
  CHECK(*third == "c2");
}

TEST_CASE("R-CHAT-1: request_chat(Command) returns the chat id of a request with options") {
  Harness h;
  standard_merchant(h);
  Command request;
  request.kind = CommandKind::kRequestChat;
  request.at = from_epoch_ms(1778745610000);
  request.shopper = "s1";
  request.chat = "web-7";
  request.lat = 52.37;
  request.lon = 4.9;
  auto id = h.engine.request_chat(request);
  REQUIRE(id.ok());
  CHECK(*id == "web-7");
  // The same shopper asking again gets the open chat back, whatever id the request proposes.
  request.at = from_epoch_ms(1778745611000);
  request.chat = "web-8";
  auto again = h.engine.request_chat(request);
  REQUIRE(again.ok());
  CHECK(*again == "web-7");
  // Another kind of command is refused and changes nothing.
  Command claim;
  claim.kind = CommandKind::kClaim;
  claim.at = from_epoch_ms(1778745612000);
  claim.expert = "a1";
  claim.chat = "web-7";
  auto wrong = h.engine.request_chat(claim);
  REQUIRE_FALSE(wrong.ok());
  CHECK(error_code_of(wrong.status()) == ErrorCode::kInvalidArgument);
  CHECK(std::string(wrong.status().message()).find("cmd") != std::string::npos);
  CHECK(h.engine.chat("web-7")->state == ChatState::kRequested);
}

TEST_CASE("R-CHAT-2: candidates ranked by distance, then longest idle, then id; fan-out at once") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":3)");
  // Near Amsterdam: a1, a2 (same store, same idle time: id order), then Rotterdam's r1.
  CHECK(h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","lat":52.37,"lon":4.9})") ==
        Lines{R"({"at":")" + T(10) +
              R"(","effect":"chat_offered","chat":"c1","experts":["a1","a2","r1"],"deadline":")" +
              T(40) + R"("})"});
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  // Near Rotterdam: r1 and r2 (nearest, both idle since T0: id order), then a2 (idle since T0)
  // before a1 (idle since its claim at T(11)), who is left out by the fan-out of 3.
  CHECK(h.ok(at(20) + R"("cmd":"request_chat","shopper":"s2","lat":51.92,"lon":4.47})") ==
        Lines{R"({"at":")" + T(20) +
              R"(","effect":"chat_offered","chat":"c2","experts":["r1","r2","a2"],"deadline":")" +
              T(50) + R"("})"});
  h.ok(at(21) + R"("cmd":"go_unavailable","expert":"r1"})");
  h.effects();
  // Department: only experts whose (own or store's) departments include it.
  CHECK(h.ok(at(30) + R"("cmd":"request_chat","shopper":"s3","department":"kids"})") ==
        Lines{R"({"at":")" + T(30) +
              R"(","effect":"chat_missed","chat":"c3","reason":"no_expert_available"})"});
  h.ok(at(31) + R"("cmd":"claim","expert":"r2","chat":"c2"})");
  h.effects();
  CHECK(h.ok(at(32) + R"("cmd":"request_chat","shopper":"s4","department":"kids"})") ==
        Lines{R"({"at":")" + T(32) +
              R"(","effect":"chat_offered","chat":"c4","experts":["r2"],"deadline":")" + T(62) +
              R"("})"});
  // Without a location every store is at the same distance: idle time decides (a1 last, as it
  // claimed at T(11); r2 holds an offer; r1 is unavailable).
  CHECK(h.ok(at(33) + R"("cmd":"request_chat","shopper":"s5"})") ==
        Lines{R"({"at":")" + T(33) +
              R"(","effect":"chat_offered","chat":"c5","experts":["a2","a1"],"deadline":")" +
              T(63) + R"("})"});
}

TEST_CASE("R-CHAT-2: experts' own departments replace their store's") {
  Harness h;
  standard_merchant(h);
  h.ok(
      R"({"cmd":"register_expert","expert":"k","email":"k@x.example","invite_code":"ABC1234","name":"K"})");
  h.ok(at(1) + R"("cmd":"approve_expert","expert":"k","store":"ams","departments":["kids"]})");
  h.ok(at(2) + R"("cmd":"go_available","expert":"k"})");
  h.effects();
  CHECK(h.ok(at(10) +
             R"("cmd":"request_chat","shopper":"s1","department":"kids","lat":52.37,"lon":4.9})") ==
        Lines{R"({"at":")" + T(10) +
              R"(","effect":"chat_offered","chat":"c1","experts":["k","r1","r2"],"deadline":")" +
              T(40) + R"("})"});
  CHECK(h.ok(at(11) + R"("cmd":"request_chat","shopper":"s2","department":"shoes"})") ==
        Lines{R"({"at":")" + T(11) +
              R"(","effect":"chat_offered","chat":"c2","experts":["a1","a2"],"deadline":")" +
              T(41) + R"("})"});
}

TEST_CASE("R-CHAT-3: the first claim wins; the other offers are withdrawn in offer order") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":3)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  CHECK(
      h.ok(at(12) + R"("cmd":"claim","expert":"a2","chat":"c1"})") ==
      Lines{
          R"({"at":")" + T(12) + R"(","effect":"chat_claimed","chat":"c1","expert":"a2"})",
          R"({"at":")" + T(12) +
              R"(","effect":"offer_withdrawn","chat":"c1","expert":"a1","reason":"claimed_by_other"})",
          R"({"at":")" + T(12) +
              R"(","effect":"offer_withdrawn","chat":"c1","expert":"r1","reason":"claimed_by_other"})"});
  h.fails(at(13) + R"("cmd":"claim","expert":"a1","chat":"c1"})", ErrorCode::kOfferNotPending);
  h.fails(at(13) + R"("cmd":"claim","expert":"a2","chat":"c1"})", ErrorCode::kOfferNotPending);
  h.fails(at(13) + R"("cmd":"claim","expert":"r2","chat":"c1"})", ErrorCode::kOfferNotPending);
  CHECK(h.engine.open_chats("a2") == std::vector<std::string>{"c1"});
}

TEST_CASE("R-CHAT-4: a decline is replaced by the next candidate with the running deadline") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":2)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","lat":52.37,"lon":4.9})");
  CHECK(h.ok(at(15) + R"("cmd":"decline","expert":"a1","chat":"c1"})") ==
        Lines{R"({"at":")" + T(15) +
                  R"(","effect":"offer_withdrawn","chat":"c1","expert":"a1","reason":"declined"})",
              R"({"at":")" + T(15) +
                  R"(","effect":"chat_offered","chat":"c1","experts":["r1"],"deadline":")" + T(40) +
                  R"("})"});
  // decline_and_go_unavailable: own effect, availability, then the replacement.
  CHECK(h.ok(at(16) + R"("cmd":"decline_and_go_unavailable","expert":"a2","chat":"c1"})") ==
        Lines{R"({"at":")" + T(16) +
                  R"(","effect":"offer_withdrawn","chat":"c1","expert":"a2","reason":"declined"})",
              R"({"at":")" + T(16) +
                  R"(","effect":"expert_unavailable","expert":"a2","reason":"requested"})",
              R"({"at":")" + T(16) +
                  R"(","effect":"chat_offered","chat":"c1","experts":["r2"],"deadline":")" + T(40) +
                  R"("})"});
  // Going unavailable withdraws the offer and replaces it; with nobody left and nothing pending
  // the chat is missed at once.
  CHECK(
      h.ok(at(17) + R"("cmd":"go_unavailable","expert":"r1"})") ==
      Lines{
          R"({"at":")" + T(17) +
              R"(","effect":"expert_unavailable","expert":"r1","reason":"requested"})",
          R"({"at":")" + T(17) +
              R"(","effect":"offer_withdrawn","chat":"c1","expert":"r1","reason":"expert_unavailable"})"});
  CHECK(h.ok(at(18) + R"("cmd":"decline","expert":"r2","chat":"c1"})") ==
        Lines{R"({"at":")" + T(18) +
                  R"(","effect":"offer_withdrawn","chat":"c1","expert":"r2","reason":"declined"})",
              R"({"at":")" + T(18) +
                  R"(","effect":"chat_missed","chat":"c1","reason":"no_expert_available"})"});
  h.fails(at(19) + R"("cmd":"decline","expert":"r2","chat":"c1"})", ErrorCode::kOfferNotPending);
}

TEST_CASE("R-CHAT-5: waves expire into the next wave; the claim window misses the chat") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1,"offer_timeout_s":25,"claim_window_s":60)");
  h.ok(at(0) + R"("cmd":"request_chat","shopper":"s1"})");
  CHECK(h.advance(100) ==
        Lines{R"({"at":")" + T(25) + R"(","effect":"offer_expired","chat":"c1","experts":["a1"]})",
              R"({"at":")" + T(25) +
                  R"(","effect":"chat_offered","chat":"c1","experts":["a2"],"deadline":")" + T(50) +
                  R"("})",
              R"({"at":")" + T(50) + R"(","effect":"offer_expired","chat":"c1","experts":["a2"]})",
              R"({"at":")" + T(50) +
                  R"(","effect":"chat_offered","chat":"c1","experts":["r1"],"deadline":")" + T(60) +
                  R"("})",
              R"({"at":")" + T(60) + R"(","effect":"offer_expired","chat":"c1","experts":["r1"]})",
              R"({"at":")" + T(60) +
                  R"(","effect":"chat_missed","chat":"c1","reason":"claim_window"})"});
  CHECK(h.engine.chat("c1")->state == ChatState::kMissed);
  // Only the stores' closing timer is left (18:00 UTC).
  CHECK(h.engine.next_deadline() == from_epoch_ms(1778745600000 + 36'000'000));
  // When a wave expires with no candidate left, the miss is no_expert_available.
  h.ok(at(200) + R"("cmd":"go_unavailable","expert":"a2"})");
  h.ok(at(200) + R"("cmd":"go_unavailable","expert":"r1"})");
  h.ok(at(200) + R"("cmd":"go_unavailable","expert":"r2"})");
  h.effects();
  h.ok(at(210) + R"("cmd":"request_chat","shopper":"s2"})");
  CHECK(h.advance(300) ==
        Lines{R"({"at":")" + T(235) + R"(","effect":"offer_expired","chat":"c2","experts":["a1"]})",
              R"({"at":")" + T(235) +
                  R"(","effect":"chat_missed","chat":"c2","reason":"no_expert_available"})"});
}

TEST_CASE("R-CHAT-6: a missed chat takes a left message; any available expert takes it in order") {
  Harness h;
  standard_merchant(h);
  for (const char* e : {"a1", "a2", "r1", "r2"})
    h.ok(at(1) + R"("cmd":"go_unavailable","expert":")" + e + R"("})");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"request_chat","shopper":"s2"})");
  h.effects();
  h.fails(
      at(12) + R"("cmd":"leave_message","chat":"c1","text":"t","channel":"pigeon","address":"x"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(12) + R"("cmd":"leave_message","chat":"c9","text":"t","channel":"email","address":"x"})",
      ErrorCode::kNotFound);
  CHECK(
      h.ok(
          at(12) +
          R"("cmd":"leave_message","chat":"c2","text":"second","channel":"sms","address":"+31611111111"})") ==
      Lines{R"({"at":")" + T(12) + R"(","effect":"left_message_queued","chat":"c2"})"});
  h.ok(
      at(13) +
      R"("cmd":"leave_message","chat":"c1","text":"first","channel":"email","address":"s1@mail.example"})");
  h.fails(
      at(14) +
          R"("cmd":"leave_message","chat":"c1","text":"again","channel":"email","address":"x"})",
      ErrorCode::kInvalidState);
  CHECK(h.engine.pending_left_messages() == std::vector<std::string>{"c1", "c2"});
  h.fails(at(15) + R"("cmd":"take_left_message","expert":"a1","chat":"c1"})",
          ErrorCode::kInvalidState);  // not available
  h.ok(at(16) + R"("cmd":"go_available","expert":"a1"})");
  h.effects();
  CHECK(h.ok(at(17) + R"("cmd":"take_left_message","expert":"a1","chat":"c1"})") ==
        Lines{R"({"at":")" + T(17) + R"(","effect":"chat_taken","chat":"c1","expert":"a1"})"});
  h.fails(at(18) + R"("cmd":"take_left_message","expert":"a1","chat":"c1"})",
          ErrorCode::kInvalidState);
  CHECK(h.engine.pending_left_messages() == std::vector<std::string>{"c2"});
  CHECK(h.engine.chat("c1")->state == ChatState::kActive);
  // While the left message waits the shopper's chat is open: requesting again returns it.
  auto again = h.engine.request_chat(from_epoch_ms(1778745620000), "s2");
  REQUIRE(again.ok());
  CHECK(*again == "c2");
}

TEST_CASE("R-CHAT-7: an expert message to an offline shopper notifies once per offline period") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","department":"toys"})");
  h.ok(
      at(11) +
      R"("cmd":"leave_message","chat":"c1","text":"t","channel":"email","address":"s1@mail.example"})");
  h.ok(at(12) + R"("cmd":"take_left_message","expert":"a1","chat":"c1"})");
  h.effects();
  const std::string notify =
      R"(","effect":"notify_shopper","chat":"c1","shopper":"s1","channel":"email","address":"s1@mail.example"})";
  CHECK(h.ok(at(13) + R"("cmd":"send_message","chat":"c1","from":"expert"})") ==
        Lines{R"({"at":")" + T(13) + notify});
  CHECK(
      h.ok(at(14) + R"("cmd":"send_message","chat":"c1","from":"expert","kind":"media"})").empty());
  h.ok(at(15) + R"("cmd":"shopper_online","shopper":"s1"})");
  CHECK(h.ok(at(16) + R"("cmd":"send_message","chat":"c1","from":"expert"})").empty());
  h.ok(at(17) + R"("cmd":"shopper_offline","shopper":"s1"})");
  CHECK(h.ok(at(18) + R"("cmd":"send_message","chat":"c1","from":"expert"})") ==
        Lines{R"({"at":")" + T(18) + notify});
  // A live chat without a left message has no contact: nothing to notify.
  h.ok(at(20) + R"("cmd":"request_chat","shopper":"s2"})");
  h.ok(at(21) + R"("cmd":"claim","expert":"a2","chat":"c2"})");
  h.ok(at(22) + R"("cmd":"shopper_offline","shopper":"s2"})");
  h.effects();
  CHECK(h.ok(at(23) + R"("cmd":"send_message","chat":"c2","from":"expert"})").empty());
  h.fails(at(24) + R"("cmd":"shopper_online","shopper":"nobody"})", ErrorCode::kNotFound);
  h.fails(at(24) + R"("cmd":"send_message","chat":"c2","from":"bot"})",
          ErrorCode::kInvalidArgument);
  h.fails(at(24) + R"("cmd":"send_message","chat":"c2","from":"expert","kind":"gif"})",
          ErrorCode::kInvalidArgument);
}

TEST_CASE("R-CHAT-8: finishing frees capacity; the next request goes first to the same expert") {
  Harness h;
  standard_merchant(h, R"(,"max_active_chats":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","lat":51.92,"lon":4.47})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a2","chat":"c1"})");
  h.fails(at(12) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})", ErrorCode::kNotChatExpert);
  CHECK(h.ok(at(13) + R"("cmd":"finish_chat","expert":"a2","chat":"c1"})").back() ==
        R"({"at":")" + T(13) + R"(","effect":"chat_finished","chat":"c1","expert":"a2"})");
  h.fails(at(14) + R"("cmd":"finish_chat","expert":"a2","chat":"c1"})", ErrorCode::kInvalidState);
  CHECK(h.engine.expert("a2")->active_chats == 0);
  // Reconnect: a first wave of a2 alone, although r1/r2 are nearer.
  CHECK(h.ok(at(20) + R"("cmd":"request_chat","shopper":"s1","lat":51.92,"lon":4.47})") ==
        Lines{R"({"at":")" + T(20) +
              R"(","effect":"chat_offered","chat":"c2","experts":["a2"],"deadline":")" + T(50) +
              R"("})"});
  // The next wave routes as new (a2 excluded as already offered).
  CHECK(h.advance(50)[1] ==
        R"({"at":")" + T(50) +
            R"(","effect":"chat_offered","chat":"c2","experts":["r1","r2","a1"],"deadline":")" +
            T(80) + R"("})");
  // Only when the latest chat ended finished: after a miss the shopper is routed as new.
  h.advance(200);
  h.ok(at(210) + R"("cmd":"request_chat","shopper":"s1","lat":51.92,"lon":4.47})");
  CHECK(h.engine.chat("c3")->pending_offers == std::vector<std::string>{"r1", "r2", "a1", "a2"});
}

TEST_CASE("R-CHAT-8: reconnect skips an expert who is not eligible or lacks the department") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(12) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.ok(at(13) + R"("cmd":"request_chat","shopper":"s1","department":"kids"})");
  CHECK(h.engine.chat("c2")->pending_offers == std::vector<std::string>{"r1"});
}

TEST_CASE("R-CHAT-9: a finished chat is rated once with 1..5 stars") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.fails(at(11) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":5})",
          ErrorCode::kInvalidState);
  h.ok(at(12) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(13) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.fails(at(14) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":6})",
          ErrorCode::kInvalidArgument);
  h.fails(at(14) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":0})",
          ErrorCode::kInvalidArgument);
  h.fails(at(14) + R"("cmd":"rate_chat","shopper":"s2","chat":"c1","stars":4})",
          ErrorCode::kNotFound);
  h.ok(at(15) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":4})");
  CHECK(h.engine.chat("c1")->rating == 4);
  h.fails(at(16) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":5})",
          ErrorCode::kInvalidState);
  // invalid_argument wins over not_found (docs/reference.md §4 precedence).
  h.fails(at(16) + R"("cmd":"rate_chat","shopper":"s1","chat":"c9","stars":9})",
          ErrorCode::kInvalidArgument);
}
