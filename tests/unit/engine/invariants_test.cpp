// check_invariants (R-ERR-1, R-DET-1): restore refuses a snapshot whose entities contradict each
// other, naming the first broken reference, instead of crashing on the next command.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

// `snapshot` with the first `from` after the first `anchor` replaced by `to`.
std::string mutated(std::string snapshot, std::string_view anchor, std::string_view from,
                    std::string_view to) {
  const auto a = snapshot.find(anchor);
  REQUIRE(a != std::string::npos);
  const auto f = snapshot.find(from, a);
  REQUIRE(f != std::string::npos);
  snapshot.replace(f, from.size(), to);
  return snapshot;
}

// Restore must refuse `snapshot` with invalid_argument whose message contains `names`.
void refused(const std::string& snapshot, std::string_view names) {
  const auto restored = Engine::restore(snapshot);
  REQUIRE(!restored.ok());
  CHECK(error_code_of(restored.status()) == ErrorCode::kInvalidArgument);
  INFO(restored.status().message());
  CHECK(std::string(restored.status().message()).find(names) != std::string::npos);
}

// A merchant with chat c1 active with a1 (and a1 then unavailable).
Harness active_chat() {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  return h;
}

}  // namespace

TEST_CASE("check_invariants: every state the engine reaches passes, and restore keeps it") {
  Harness h = active_chat();
  CHECK(h.engine.check_invariants().ok());
  const auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE(restored.ok());
  CHECK(restored->check_invariants().ok());
}

TEST_CASE("check_invariants: an approved expert without a store is refused by restore") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"go_unavailable","expert":"a1"})");
  // Restored, go_available would read the store of a null index.
  refused(mutated(h.engine.snapshot(), R"("id":"a1")", R"("store":0)", R"("store":null)"),
          R"("a1".store: null while the account is approved)");
}

TEST_CASE("check_invariants: an active chat missing from its expert's list is refused") {
  Harness h = active_chat();
  // finish_chat would erase it from a list that does not hold it.
  refused(mutated(h.engine.snapshot(), R"("id":"a1")", R"("chats":[0])", R"("chats":[])"),
          R"(chats[0] "c1": active but not in expert "a1"'s chat list)");
}

TEST_CASE("check_invariants: a finished chat whose expert is null is refused") {
  Harness h = active_chat();
  h.ok(at(30) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  // rate_chat would credit the metrics of expert index null.
  refused(mutated(h.engine.snapshot(), R"("id":"c1")", R"("expert":0)", R"("expert":null)"),
          R"(chats[0] "c1".expert: null for a finished chat)");
}

TEST_CASE("check_invariants: timers out of range or owned twice are refused") {
  Harness h;
  h.ok(R"({"at":"2026-01-01T00:00:00Z","cmd":"subscribe_digest","manager":"m","email":"m@x"})");
  const std::string snapshot = h.engine.snapshot();
  const std::string_view digest_key = R"("digest_timer":{"deadline":)";
  const auto d = snapshot.find(digest_key);
  REQUIRE(d != std::string::npos);
  const auto due_at = d + digest_key.size();
  const std::string due = snapshot.substr(due_at, snapshot.find(',', due_at) - due_at);
  CHECK(due == std::to_string(to_epoch_ms(*h.engine.next_deadline())));
  refused(mutated(snapshot, R"("digest_timer")", due, "253402300800000"),
          "digest_timer.deadline: must be epoch milliseconds in years 1..9999");
  refused(mutated(snapshot, R"("digest_timer")", due, "-62135596800001"),
          "digest_timer.deadline: must be epoch milliseconds in years 1..9999");
  // A wave timer that no chat owns: a requested chat's wave timer given to the digest too.
  Harness w;
  standard_merchant(w);
  w.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  w.ok(at(11) + R"("cmd":"subscribe_digest","manager":"m","email":"m@x"})");
  const std::string s2 = w.engine.snapshot();
  const auto object_at = [&](std::string_view key) {
    const auto k = s2.find(key);
    REQUIRE(k != std::string::npos);
    const auto open = k + key.size();
    return std::make_pair(open, s2.find('}', open) + 1 - open);  // the {...} timer object
  };
  const auto [wave_at, wave_len] = object_at(R"("wave_timer":)");
  const auto [digest_at, digest_len] = object_at(R"("digest_timer":)");
  std::string both = s2;
  both.replace(digest_at, digest_len, s2.substr(wave_at, wave_len));
  refused(both, "timers:");
}

TEST_CASE("check_invariants: metrics that contradict the engine are refused") {
  Harness h = active_chat();
  h.ok(at(30) + R"("cmd":"go_unavailable","expert":"r2"})");
  // r2 is unavailable but the snapshot says available: the book has no open period for them.
  const std::string snapshot =
      mutated(h.engine.snapshot(), R"("id":"r2")", R"("available":false)", R"("available":true)");
  refused(snapshot, R"(metrics: expert "r2" is available without its open period)");
}

// Found by fuzz_restore: the metrics book's record of a chat awaiting a claim must name experts
// that exist, the chat's own request instant and its reporting day; otherwise the next claim
// credits a wrong response time or an expert index out of range.
TEST_CASE("check_invariants: a pending chat of the metrics book that contradicts the engine") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  const std::string snapshot = h.engine.snapshot();
  refused(mutated(snapshot, R"("pending":[)", R"("experts":[)", R"("experts":[99,)"),
          "metrics: a store or expert id out of range");

  const std::string_view key = R"("requested_at":)";
  const auto p = snapshot.find(key, snapshot.find(R"("pending":[)"));
  REQUIRE(p != std::string::npos);
  const auto value_at = p + key.size();
  const std::string requested = snapshot.substr(value_at, snapshot.find(',', value_at) - value_at);
  const std::string earlier = std::to_string(std::stoll(requested) - 1000);
  refused(mutated(snapshot, R"("pending":[)", R"("requested_at":)" + requested,
                  R"("requested_at":)" + earlier),
          "awaits a claim since another instant");
  refused(mutated(snapshot, R"("pending":[)", R"("day":)", R"("day":1)"),
          "filed under another reporting day");
}
