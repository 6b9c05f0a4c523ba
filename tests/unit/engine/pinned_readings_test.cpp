// Readings pinned in docs/reference.md §4.1 that the engine once read otherwise: a blocked
// shopper's message in the chat where they were blocked (R-BLOCK-1, R-PIN-5), the block as no
// contact for attribution (R-PIN-5), and a store that stops routing before its experts leave
// (R-PIN-10).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

TEST_CASE("R-BLOCK-1: a blocked shopper's message in the chat where they were blocked is silent") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(30) + R"("cmd":"block_shopper","expert":"a1","chat":"c1"})");
  // Accepted, and nothing happens: no effect tells the shopper (or anyone) anything.
  CHECK(h.ok(at(40) + R"("cmd":"send_message","chat":"c1","from":"shopper"})").empty());
  CHECK(h.engine.chat("c1")->state == ChatState::kBlocked);
  // The expert's side of a blocked chat is still closed.
  h.fails(at(50) + R"("cmd":"send_message","chat":"c1","from":"expert"})",
          ErrorCode::kInvalidState);
}

TEST_CASE("R-PIN-5: a block is not a contact instant for attribution") {
  Harness h;
  standard_merchant(h, R"(,"attribution_window_days":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");  // the last contact
  h.ok(at(3600) + R"("cmd":"block_shopper","expert":"a1","chat":"c1"})");
  // More than a day after the claim, less than a day after the block.
  const Lines effects = h.ok(at(86'400 + 100) + purchase("o1", "s1"));  // stores closed first
  REQUIRE(!effects.empty());
  CHECK(
      effects.back() ==
      R"({"at":")" + T(86'500) +
          R"(","effect":"sale_unattributed","order":"o1","shopper":"s1","reason":"outside_window"})");
}

TEST_CASE("R-PIN-10: a deactivated store stops routing before its experts leave") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  // No location: one global order by (idle since, id), so a1 is offered first and a2, of the
  // same store, would be next.
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  REQUIRE(h.engine.chat("c1")->pending_offers == std::vector<std::string>{"a1"});
  const Lines effects = h.ok(at(20) + R"("cmd":"deactivate_store","store":"ams"})");
  for (const std::string& e : effects) {
    INFO(e);
    CHECK(e.find(R"("effect":"chat_offered","chat":"c1","experts":["a2"])") == std::string::npos);
  }
  CHECK(h.engine.chat("c1")->pending_offers == std::vector<std::string>{"r1"});
  CHECK(
      effects ==
      Lines{
          R"({"at":")" + T(20) +
              R"(","effect":"expert_unavailable","expert":"a1","reason":"store_deactivated"})",
          R"({"at":")" + T(20) +
              R"(","effect":"offer_withdrawn","chat":"c1","expert":"a1","reason":"expert_unavailable"})",
          R"({"at":")" + T(20) +
              R"(","effect":"chat_offered","chat":"c1","experts":["r1"],"deadline":")" + T(40) +
              R"("})",
          R"({"at":")" + T(20) +
              R"(","effect":"expert_unavailable","expert":"a2","reason":"store_deactivated"})",
      });
}
