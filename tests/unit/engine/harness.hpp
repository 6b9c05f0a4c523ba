// Test harness for the engine: commands as JSON Lines text, effects as canonical lines, and a
// check that a rejected command changes nothing (R-ERR-1) by comparing snapshots.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "vshop/engine/engine.hpp"
#include "vshop/error.hpp"

namespace vshop::test {

// 2026-05-14T08:00:00Z (a Thursday) plus `seconds`, as RFC 3339 text.
inline std::string T(std::int64_t seconds) {
  return format_instant(from_epoch_ms(1778745600000 + seconds * 1000));
}

struct Harness {
  Engine engine;

  // Applies a command that must succeed; returns its effects (canonical lines).
  std::vector<std::string> ok(std::string_view line) {
    const absl::Status s = engine.apply_json(line);
    INFO(line);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return effects();
  }

  // Applies a command that must fail with `code`, and checks that it changed nothing: the
  // clock is first moved to the command's `at` (as R-TIME-3 does), then the snapshot, outbox
  // and journal before and after the rejected command must be identical.
  void fails(std::string_view line, ErrorCode code) {
    INFO(line);
    auto parsed = parse_command(line);
    if (parsed.ok() && parsed->at && *parsed->at >= engine.now()) {
      REQUIRE(engine.advance(*parsed->at).ok());
    }
    pending_before_ = effects();
    (void)engine.drain_journal();
    const std::string before = engine.snapshot();
    const absl::Status s = engine.apply_json(line);
    CHECK_MESSAGE(error_code_of(s) == code, s.message());
    CHECK(engine.snapshot() == before);
    CHECK(effects().empty());
    CHECK(engine.drain_journal().empty());
    // The message names a field: `field: ...`.
    CHECK(std::string_view(s.message().data(), s.message().size()).find(':') !=
          std::string_view::npos);
  }

  std::vector<std::string> effects() {
    std::vector<std::string> out;
    for (const Effect& e : engine.drain_effects()) out.push_back(effect_to_json(e));
    return out;
  }

  std::vector<std::string> advance(std::int64_t seconds) {
    REQUIRE(engine.advance(from_epoch_ms(1778745600000 + seconds * 1000)).ok());
    return effects();
  }

  std::vector<std::string> pending_before_;
};

// A merchant with two stores open 08:00-20:00 Amsterdam time every day (06:00-18:00 UTC in
// May): "ams" (Amsterdam, departments shoes/bags) and "rtm" (Rotterdam, kids); experts a1, a2 at
// ams and r1, r2 at rtm, all registered, approved and available from T(0) in that order.
inline void standard_merchant(Harness& h, std::string_view settings = "") {
  h.ok(fmt::format(R"({{"cmd":"configure","invite_code":"ABC1234"{}}})", settings));
  const std::string hours =
      R"("hours":{"mon":["08:00-20:00"],"tue":["08:00-20:00"],"wed":["08:00-20:00"],)"
      R"("thu":["08:00-20:00"],"fri":["08:00-20:00"],"sat":["08:00-20:00"],"sun":["08:00-20:00"]})";
  h.ok(fmt::format(R"({{"cmd":"add_store","store":"ams","timezone":"Europe/Amsterdam",)"
                   R"("lat":52.37,"lon":4.89,"departments":["shoes","bags"],{}}})",
                   hours));
  h.ok(fmt::format(R"({{"cmd":"add_store","store":"rtm","timezone":"Europe/Amsterdam",)"
                   R"("lat":51.92,"lon":4.48,"departments":["kids"],{}}})",
                   hours));
  for (const char* e : {"a1", "a2", "r1", "r2"}) {
    h.ok(fmt::format(R"({{"at":"{}","cmd":"register_expert","expert":"{}","email":"{}@x.example",)"
                     R"("invite_code":"abc1234","name":"Expert {}"}})",
                     T(-600), e, e, e));
  }
  for (const char* e : {"a1", "a2", "r1", "r2"}) {
    h.ok(fmt::format(R"({{"at":"{}","cmd":"approve_expert","expert":"{}","store":"{}"}})", T(-300),
                     e, e[0] == 'a' ? "ams" : "rtm"));
  }
  for (const char* e : {"a1", "a2", "r1", "r2"}) {
    h.ok(fmt::format(R"({{"at":"{}","cmd":"go_available","expert":"{}"}})", T(0), e));
  }
}

// The canonical line of one effect, for comparisons.
inline std::string line(std::string_view json) { return std::string(json); }

// The opening of a command line at `s` seconds after the harness epoch: `{"at":"...",`.
inline std::string at(std::int64_t s) { return R"({"at":")" + T(s) + R"(",)"; }

// The body of a record_purchase of 10.00 EUR (after at(...)).
inline std::string purchase(std::string_view order, std::string_view shopper) {
  return fmt::format(
      R"("cmd":"record_purchase","order":"{}","shopper":"{}","subtotal":"10.00","currency":"EUR"}})",
      order, shopper);
}
using Lines = std::vector<std::string>;

}  // namespace vshop::test
