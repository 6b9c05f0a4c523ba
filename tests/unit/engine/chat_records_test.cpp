// What a chat keeps in memory (docs/decisions.md, "Small chat records"): routing and transfer
// state in a pooled live record released when they end, departments interned, the chat id
// lookup a set over the chats. Each test would fail if a record leaked, was shared or lost.
#include <doctest/doctest.h>

#include "engine/core.hpp"
#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;
using engine_detail::Core;
using engine_detail::CoreAccess;
using engine_detail::kNone;

namespace {

const Core& core_of(const Harness& h) { return CoreAccess::core(h.engine); }

// Every chat's live record, kNone where it has none.
std::vector<engine_detail::Idx> live_records(const Harness& h) {
  std::vector<engine_detail::Idx> out;
  for (const auto& chat : core_of(h).chats) out.push_back(chat.live);
  return out;
}

}  // namespace

TEST_CASE("Chat records: R-CHAT-3 a claim releases the routing record, and the pool reuses it") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":3)");
  for (int i = 0; i < 3; ++i) {
    const std::string chat = "c" + std::to_string(i + 1);
    h.ok(at(10 + 10 * i) + R"("cmd":"request_chat","shopper":"s1"})");
    CHECK(core_of(h).chats.back().live != kNone);  // offers and the wave's timer
    h.ok(at(11 + 10 * i) + R"("cmd":"claim","expert":"a1","chat":")" + chat + R"("})");
    CHECK(core_of(h).chats.back().live == kNone);
    h.ok(at(12 + 10 * i) + R"("cmd":"finish_chat","expert":"a1","chat":")" + chat + R"("})");
  }
  CHECK(core_of(h).live_chats.size() == 1);  // one slot, reused by each chat in turn
  CHECK(core_of(h).free_live.size() == 1);
  CHECK(h.engine.check_invariants().ok());
}

TEST_CASE("Chat records: R-CHAT-5 a missed chat keeps no record; its offers count for streaks") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":2,"missed_streak_limit":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","lat":52.37,"lon":4.9})");
  const Lines effects = h.advance(400);  // every wave times out, then the claim window
  CHECK(live_records(h) == std::vector<engine_detail::Idx>{kNone});
  CHECK(core_of(h).chats[0].state == ChatState::kMissed);
  // The experts who let an offer expire left (missed_streak_limit 1): read from the offers
  // before the record was released.
  const auto left = std::count_if(effects.begin(), effects.end(), [](const std::string& e) {
    return e.find("missed_streak") != std::string::npos;
  });
  CHECK(left >= 2);
  CHECK(h.engine.check_invariants().ok());
}

TEST_CASE("Chat records: R-XFER-2 a transfer holds a record until it completes or fails") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  CHECK(core_of(h).chats[0].live == kNone);
  h.ok(at(12) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"a2","note":"shoes"})");
  CHECK(core_of(h).chats[0].live != kNone);
  CHECK(h.engine.chat("c1")->transfer_pending);
  // A snapshot holds the transfer; restored, the same bytes.
  const std::string snapshot = h.engine.snapshot();
  const auto restored = Engine::restore(snapshot);
  REQUIRE(restored.ok());
  CHECK(restored->snapshot() == snapshot);
  h.ok(at(13) + R"("cmd":"decline_transfer","expert":"a2","chat":"c1"})");
  CHECK(core_of(h).chats[0].live == kNone);
  CHECK_FALSE(h.engine.chat("c1")->transfer_pending);
  CHECK(h.engine.check_invariants().ok());
}

TEST_CASE("Chat records: R-CHAT-2 departments are interned once and still route by name") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","department":"kids"})");
  h.ok(at(11) + R"("cmd":"request_chat","shopper":"s2","department":"kids"})");
  h.ok(at(12) + R"("cmd":"request_chat","shopper":"s3"})");
  const Core& core = core_of(h);
  CHECK(core.department_names == std::vector<std::string>{"kids"});
  CHECK(core.chats[0].department == core.chats[1].department);
  CHECK(core.chats[2].department == kNone);
  // The snapshot still writes the name; restored, the same bytes and the same routing.
  const std::string snapshot = h.engine.snapshot();
  CHECK(snapshot.find(R"("department":"kids")") != std::string::npos);
  auto restored = Engine::restore(snapshot);
  REQUIRE(restored.ok());
  CHECK(restored->snapshot() == snapshot);
  CHECK(CoreAccess::core(*restored).department_names == std::vector<std::string>{"kids"});
}

TEST_CASE("Chat records: the chat id set finds every chat by id across growth and restore") {
  Harness h;
  standard_merchant(h);
  for (int i = 0; i < 300; ++i) {  // several rehashes of the id set
    h.ok(at(10 + i) + R"("cmd":"request_chat","shopper":"s)" + std::to_string(i) +
         R"(","chat":"chat-)" + std::to_string(i) + R"("})");
  }
  h.effects();
  const auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE(restored.ok());
  for (int i = 0; i < 300; ++i) {
    const std::string id = "chat-" + std::to_string(i);
    REQUIRE(h.engine.chat(id).has_value());
    REQUIRE(restored->chat(id).has_value());
    CHECK(h.engine.chat(id)->id == id);
    CHECK(restored->chat(id)->id == id);
  }
  CHECK_FALSE(h.engine.chat("chat-300").has_value());
  h.fails(at(400) + R"("cmd":"request_chat","shopper":"new","chat":"chat-7"})",
          ErrorCode::kAlreadyExists);
}
