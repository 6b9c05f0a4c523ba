// libFuzzer target for command streams (R-ERR-1, R-DET-1): the input is JSON Lines fed line by
// line to a fresh Engine's apply_json, as `vshop simulate` does. After every line the state
// must pass check_invariants(); at the end the journal replayed into a fresh engine must be
// accepted line by line and give the same effects and the same snapshot bytes, every journal
// line must be canonical (parse + write gives the same bytes), and restoring the final snapshot
// must give the same snapshot again. Any violation traps, so libFuzzer records it as a crash.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "vshop/engine/command.hpp"
#include "vshop/engine/effect.hpp"
#include "vshop/engine/engine.hpp"

namespace {

// Time per input stays bounded: bytes beyond kMaxInputBytes and lines beyond kMaxLines are
// ignored (run.sh passes -max_len=kMaxInputBytes too, so libFuzzer does not make them).
constexpr std::size_t kMaxInputBytes = 8 * 1024;
constexpr std::size_t kMaxLines = 64;
// Simulated time per input stays bounded too: a line whose `at` is more than kMaxSpan after the
// first timed line is skipped. Centuries of daily digest timers cost ~1 s per input (until the
// outbox limit stops the clock: tests/fuzz/regressions/commands/ keeps that case) and starved
// the bounded CI run of executions.
constexpr auto kMaxSpan = std::chrono::days(400);

// Feeds `line` and moves its effects (as canonical JSON) to `effects`.
absl::Status feed(vshop::Engine& engine, std::string_view line, std::vector<std::string>& effects,
                  std::vector<vshop::Effect>& scratch) {
  const absl::Status status = engine.apply_json(line);
  scratch.clear();
  engine.drain_effects(scratch);
  for (const vshop::Effect& effect : scratch) effects.push_back(vshop::effect_to_json(effect));
  return status;
}

// Traps (a crash for libFuzzer) when `condition` is false, naming the check and its subject so
// that a reproducer's log says what broke.
void require(bool condition, const char* check, std::string_view subject = {},
             const absl::Status& status = absl::OkStatus()) {
  if (condition) return;
  std::fprintf(stderr, "fuzz_commands: %s failed: %.*s %s\n", check,
               static_cast<int>(subject.size()), subject.data(), status.ToString().c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.size() > kMaxInputBytes) text = text.substr(0, kMaxInputBytes);

  std::vector<vshop::Effect> scratch;
  std::vector<std::string> effects;
  vshop::Engine engine;
  std::optional<vshop::Instant> first_at;
  std::size_t lines = 0;
  while (!text.empty() && lines < kMaxLines) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (const absl::StatusOr<vshop::Command> parsed = vshop::parse_command(line); parsed.ok()) {
      if (!first_at) first_at = parsed->at;
      if (parsed->at > *first_at + kMaxSpan) continue;
    }
    (void)feed(engine, line, effects, scratch);
    const absl::Status invariants = engine.check_invariants();
    require(invariants.ok(), "check_invariants after", line, invariants);
  }

  // R-DET-1: the journal alone rebuilds the same state and the same effects.
  const std::vector<std::string> journal = engine.drain_journal();
  std::vector<std::string> replayed_effects;
  vshop::Engine replay;
  for (const std::string& line : journal) {
    absl::StatusOr<vshop::Command> command = vshop::parse_command(line);
    require(command.ok(), "parse_command of journal line", line, command.status());
    require(vshop::command_to_json(*command) == line, "canonical journal line", line);
    const absl::Status replayed = feed(replay, line, replayed_effects, scratch);
    require(replayed.ok(), "replay of journal line", line, replayed);
  }
  require(replay.check_invariants().ok(), "check_invariants after replay");
  require(replayed_effects == effects, "same effects on replay");
  const std::string snapshot = engine.snapshot();
  require(replay.snapshot() == snapshot, "same snapshot on replay");

  // The final state survives a snapshot round trip byte for byte.
  absl::StatusOr<vshop::Engine> restored = vshop::Engine::restore(snapshot);
  require(restored.ok(), "restore of the final snapshot", {}, restored.status());
  require(restored->snapshot() == snapshot, "same snapshot after restore");
  return 0;
}
