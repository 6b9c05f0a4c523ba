// Limits on everything a host can send (vshop/limits.hpp): per-field lengths are
// invalid_argument naming the field, capacities are limit_exceeded, and the outbox stops growing
// when nobody drains it; hitting a limit changes nothing.
#include "vshop/limits.hpp"

#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

TEST_CASE("Limits: a line, a text, a note and a list over their limits name the field") {
  Harness h;
  standard_merchant(h);
  const std::string long_line =
      R"({"cmd":"advance","pad":")" + std::string(limits::kMaxLineBytes, 'x') + R"("})";
  const absl::Status s = h.engine.apply_json(long_line);
  CHECK(error_code_of(s) == ErrorCode::kInvalidArgument);
  CHECK(std::string(s.message()).find("line:") == 0);

  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  const std::string note(limits::kMaxNoteBytes + 1, 'n');
  h.fails(
      at(30) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":")" + note + R"("})",
      ErrorCode::kInvalidArgument);
  CHECK(parse_command(R"({"cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":")" + note +
                      R"("})")
            .status()
            .message()
            .find("note:") == 0);
  const std::string text(limits::kMaxTextBytes + 1, 't');
  CHECK(parse_command(
            R"({"cmd":"leave_message","chat":"c1","channel":"email","address":"a@b","text":")" +
            text + R"("})")
            .status()
            .message()
            .find("text:") == 0);
  std::string departments = R"("d0")";
  for (std::size_t i = 1; i <= limits::kMaxListItems; ++i)
    departments += fmt::format(R"(,"d{}")", i);
  h.fails(at(40) + R"("cmd":"approve_expert","expert":"a1","store":"ams","departments":[)" +
              departments + "]}",
          ErrorCode::kInvalidArgument);
  h.fails(at(40) + R"("cmd":"add_store","store":"x","timezone":"UTC","departments":[)" +
              departments + "]}",
          ErrorCode::kInvalidArgument);
}

TEST_CASE("Limits: digest subscribers are limited; the next subscription is limit_exceeded") {
  Harness h;
  for (std::size_t i = 0; i < limits::kMaxManagers; ++i) {
    h.ok(fmt::format(R"({{"cmd":"subscribe_digest","manager":"m{}","email":"m{}@x.example"}})", i,
                     i));
  }
  h.fails(R"({"cmd":"subscribe_digest","manager":"one_more","email":"m@x.example"})",
          ErrorCode::kLimitExceeded);
  CHECK(error_code_name(ErrorCode::kLimitExceeded) == "limit_exceeded");
  CHECK(error_code_from_name("limit_exceeded") == ErrorCode::kLimitExceeded);
}

TEST_CASE("Limits: advance stops firing timers when the outbox is full, and replays the same") {
  Harness h;
  h.ok(R"({"at":"2026-01-01T00:00:00Z","cmd":"configure","invite_code":"ABC1234"})");
  h.ok(
      R"({"cmd":"register_expert","expert":"e1","email":"e@x.example","invite_code":"ABC1234","name":"E"})");
  h.ok(R"({"cmd":"subscribe_digest","manager":"m1","email":"m@x.example"})");
  const std::vector<std::string> setup = h.engine.drain_journal();
  // A digest every two days until 9999 would be 1.46 million effects held at once.
  const absl::Status s = h.engine.advance(from_epoch_ms(kMaxEpochMs));
  CHECK(error_code_of(s) == ErrorCode::kLimitExceeded);
  CHECK(std::string(s.message()).find("outbox:") == 0);
  const Instant stopped = h.engine.now();
  CHECK(stopped < from_epoch_ms(kMaxEpochMs));
  std::vector<Effect> effects = h.engine.drain_effects();
  // Each team_digest counts two units (the effect and its one manager).
  CHECK(effects.size() == limits::kMaxPendingEffectUnits / 2);
  CHECK(effects.back().at == stopped);  // the clock stands at the last deadline fired
  const std::vector<std::string> journal = h.engine.drain_journal();
  REQUIRE(journal.size() == 1);
  CHECK(journal[0] == R"({"at":")" + format_instant(stopped) + R"(","cmd":"advance"})");
  // The journal replays to the same state, with the same effects.
  Engine replayed;
  for (const std::string& line : setup) REQUIRE(replayed.apply_json(line).ok());
  (void)replayed.drain_effects();
  REQUIRE(replayed.apply_json(journal[0]).ok());
  CHECK(replayed.drain_effects().size() == effects.size());
  CHECK(replayed.snapshot() == h.engine.snapshot());

  // Full again: a command is refused before the clock moves and changes nothing.
  REQUIRE(error_code_of(h.engine.advance(from_epoch_ms(kMaxEpochMs))) == ErrorCode::kLimitExceeded);
  (void)h.engine.drain_journal();
  const std::string before = h.engine.snapshot();
  CHECK(error_code_of(h.engine.apply_json(R"({"cmd":"unsubscribe_digest","manager":"m1"})")) ==
        ErrorCode::kLimitExceeded);
  CHECK(h.engine.snapshot() == before);
  CHECK(h.engine.drain_journal().empty());
  // Drained, the host goes on from where the clock stopped.
  (void)h.engine.drain_effects();
  CHECK(h.engine.apply_json(R"({"cmd":"unsubscribe_digest","manager":"m1"})").ok());
  CHECK(h.engine.advance(from_epoch_ms(kMaxEpochMs)).ok());
  CHECK(h.engine.check_invariants().ok());
}
