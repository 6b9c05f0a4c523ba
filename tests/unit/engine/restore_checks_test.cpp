// Engine::restore of malformed snapshots: every field's type and range is checked by the same
// description that wrote it, and a bad field is rejected with invalid_argument naming its path.
#include <doctest/doctest.h>

#include <string>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

// A merchant with an offered chat (a wave timer) and a subscribed manager (a digest timer).
std::string sample_snapshot() {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"request_chat","shopper":"s2"})");
  h.ok(at(12) + R"("cmd":"subscribe_digest","manager":"m1","email":"m@x.example"})");
  return h.engine.snapshot();
}

// The snapshot with the first `from` replaced by `to`.
std::string edited(std::string snapshot, std::string_view from, std::string_view to) {
  const auto pos = snapshot.find(from);
  REQUIRE_MESSAGE(pos != std::string::npos, from);
  snapshot.replace(pos, from.size(), to);
  return snapshot;
}

// Restoring `snapshot` fails with invalid_argument whose message contains `field`.
void rejected(const std::string& snapshot, std::string_view field) {
  INFO(field);
  const auto restored = Engine::restore(snapshot);
  REQUIRE(!restored.ok());
  CHECK(error_code_of(restored.status()) == ErrorCode::kInvalidArgument);
  CHECK_MESSAGE(std::string(restored.status().message()).find(field) != std::string::npos,
                restored.status().message());
}

TEST_CASE("R-TIME-2: restore rejects timer deadlines and instants outside years 1..9999") {
  const std::string good = sample_snapshot();
  REQUIRE(Engine::restore(good).ok());
  const auto deadline = good.find(R"("wave_timer":{"deadline":)");
  REQUIRE(deadline != std::string::npos);
  const auto digits = deadline + std::string_view(R"("wave_timer":{"deadline":)").size();
  const auto end = good.find(',', digits);
  for (const char* bad : {"253402300800000", "-62135596800001", "9223372036854775807"}) {
    std::string s = good;
    s.replace(digits, end - digits, bad);
    rejected(s, "chats[0].wave_timer.deadline");
  }
  rejected(edited(good, R"("now":)", R"("now":253402300800000,"x":)"), "now");
  rejected(edited(good, R"("idle_since":)", R"("idle_since":-62135596800001,"x":)"), "idle_since");
}

TEST_CASE("R-TIME-1: restore rejects a snapshot whose time is before a chat's request") {
  // Found by fuzz_restore: a snapshot with `now` moved back before a requested chat restored,
  // and the next claim was then "before the request" for the metrics book.
  const std::string good = sample_snapshot();
  const auto now = good.find(R"("now":)");
  REQUIRE(now != std::string::npos);
  const auto digits = now + std::string_view(R"("now":)").size();
  const auto end = good.find(',', digits);
  std::string s = good;
  s.replace(digits, end - digits, std::to_string(1778745600000));  // before T(10)
  rejected(s, "requested");
}

TEST_CASE("R-DET-1: restore names the field of a wrong type, range, index or key") {
  const std::string good = sample_snapshot();
  rejected(edited(good, R"("version":3)", R"("version":2)"), "version");
  rejected(edited(good, R"("store":0)", R"("store":9)"), "experts[0].store");
  rejected(edited(good, R"("store":0)", R"("store":"ams")"), "experts[0].store");
  rejected(edited(good, R"("shopper":0)", R"("shopper":null)"), "chats[0].shopper");
  rejected(edited(good, R"("state":"requested")", R"("state":"lost")"), "chats[0].state");
  rejected(edited(good, R"("rating":0)", R"("rating":6)"), "chats[0].rating");
  rejected(edited(good, R"("online":true)", R"("online":true,"mood":1)"), "mood: unknown field");
  rejected(edited(good, R"("pii_anonymized":false,)", ""), "pii_anonymized: missing");
  rejected(edited(good, R"("max_active_chats":3)", R"("max_active_chats":99)"), "max_active_chats");
  rejected(edited(good, R"("region":"EU")", R"("region":null)"), "region");  // only unset ones
  rejected(edited(good, R"("invite_code":"ABC1234")", R"("invite_code":"abc")"), "invite_code");
  rejected(edited(good, R"("id":"s2")", R"("id":"s1")"), "shoppers");
  rejected(edited(good, R"("seq":)", R"("seq":0,"x":)"), "seq");
  rejected(edited(good, R"("initiated":)", R"("initiated":0,"x":)"), "initiated");
}

TEST_CASE("R-DET-1: a corrupted snapshot is rejected or restores to a state that round-trips") {
  const std::string good = sample_snapshot();
  int accepted = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (char c : {'0', '9', '-', '"', '}', 'n'}) {
      if (good[i] == c) continue;
      std::string bad = good;
      bad[i] = c;
      const auto restored = Engine::restore(bad);
      if (!restored.ok()) {
        CHECK(error_code_of(restored.status()) == ErrorCode::kInvalidArgument);
        continue;
      }
      ++accepted;
      const std::string again = restored->snapshot();
      const auto reread = Engine::restore(again);
      REQUIRE(reread.ok());
      CHECK(reread->snapshot() == again);
    }
  }
  CHECK(accepted > 0);  // digit changes inside counters and texts stay valid
}

}  // namespace
