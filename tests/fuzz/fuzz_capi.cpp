// libFuzzer target for the C ABI (vshop.h): every input line is one call, picked by its first
// byte, with the rest of the line as its (possibly invalid UTF-8, oversized or NULL) arguments;
// times move forward by an amount the line gives, or jump to arbitrary 64-bit values. Every call
// must return a known status with a non-empty message on failure, and every string handed out
// must be NUL-terminated at its length; snapshot -> restore -> snapshot must give the same
// bytes. Any violation traps, so libFuzzer records it as a crash.
// A line starting with `{` is a JSON command for apply_json. Otherwise its first byte modulo 16
// picks the call (the letters of tests/fuzz/seeds/capi/): A go_available, B go_unavailable,
// C request_chat, D claim, E decline, F finish_chat (two ids as `expert|chat`), G send_message,
// H record_purchase, I advance, J advance to the next deadline, K poll every effect, L drain
// JSON, M queries, N snapshot -> restore, O a store document and a tracking event, P apply_json.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "vshop/vshop.h"

namespace {

constexpr std::size_t kMaxInputBytes = 8 * 1024;
constexpr std::size_t kMaxLines = 64;
constexpr std::int64_t kT0 = 1778749200000;  // 2026-05-14T09:00:00Z
// Simulated time per input stays bounded: a valid instant more than 400 days after kT0 is not
// used (centuries of daily digest timers cost ~1 s per input under ASan and starved the bounded
// CI run); instants outside years 1..9999 still go through, since they are rejected at once.
constexpr std::int64_t kHorizon = kT0 + 400 * 86400000LL;
constexpr std::int64_t kMaxInstant = 253402300799999LL;  // 9999-12-31T23:59:59.999Z
bool beyond_horizon(std::int64_t t) { return t > kHorizon && t <= kMaxInstant; }

void require(bool condition, const char* check) {
  if (condition) return;
  std::fprintf(stderr, "fuzz_capi: %s failed\n", check);
  __builtin_trap();
}

void check_string(vshop_string s) {
  require(s.data != nullptr && s.data[s.len] == '\0', "NUL-terminated string out");
}

// A status is 0 or a known code; a failure leaves a message.
void check_status(vshop_status status, const char* message) {
  require(status <= 0 && status >= VSHOP_LIMIT_EXCEEDED, "known status");
  require(std::strcmp(vshop_status_name(status), "unknown") != 0, "named status");
  require(message != nullptr, "message not NULL");
  if (status != VSHOP_OK) require(message[0] != '\0', "message after a failure");
}

// The two halves of a payload around its first '|' (all of it and "" without one).
std::pair<std::string_view, std::string_view> split(std::string_view payload) {
  const std::size_t bar = payload.find('|');
  if (bar == std::string_view::npos) return {payload, {}};
  return {payload.substr(0, bar), payload.substr(bar + 1)};
}

struct Fuzz {
  vshop_engine* engine = nullptr;
  std::int64_t now = kT0;

  void check(vshop_status status) { check_status(status, vshop_engine_last_error(engine)); }

  void poll_all() {
    vshop_effect effect;
    effect.size = sizeof effect;
    int has = 1;
    for (int i = 0; i < 1000 && has; ++i) {
      check(vshop_engine_poll_effect(engine, &effect, &has));
      if (!has) break;
      check_string(effect.name);
      check_string(effect.chat);
      check_string(effect.reason);
      for (std::size_t j = 0; j < effect.experts_len; ++j) check_string(effect.experts[j]);
    }
  }

  void queries(std::string_view id) {
    vshop_expert_view expert;
    vshop_chat_view chat;
    expert.size = sizeof expert;
    chat.size = sizeof chat;
    int found = 0;
    const vshop_string* list = nullptr;
    const vshop_store_candidates* candidates = nullptr;
    std::size_t len = 0;
    check(vshop_engine_expert(engine, id.data(), id.size(), &expert, &found));
    check(vshop_engine_chat(engine, id.data(), id.size(), &chat, &found));
    check(vshop_engine_open_chats(engine, id.data(), id.size(), &list, &len));
    check(vshop_engine_transfer_candidates(engine, id.data(), id.size(), &candidates, &len));
    check(vshop_engine_pending_left_messages(engine, &list, &len));
  }

  void snapshot_round_trip() {
    const char* text = nullptr;
    std::size_t len = 0;
    check(vshop_engine_snapshot(engine, &text, &len));
    const std::string first(text, len);
    vshop_engine* copy = nullptr;
    const vshop_status restored = vshop_engine_restore(&copy, first.data(), first.size(), nullptr);
    check_status(restored, vshop_last_error());
    require(restored == VSHOP_OK, "restore of a snapshot");
    check(vshop_engine_snapshot(copy, &text, &len));
    require(std::string_view(text, len) == first, "same snapshot after restore");
    vshop_engine_free(copy);
  }

  void hours_and_events(std::string_view payload) {
    vshop_store* store = nullptr;
    const vshop_status made = vshop_store_new(&store, payload.data(), payload.size());
    check_status(made, vshop_last_error());
    if (made == VSHOP_OK) {
      int open = 0, has = 0;
      std::int64_t change = 0;
      const vshop_interval* intervals = nullptr;
      std::size_t len = 0;
      check_status(vshop_store_is_open(store, now, &open), vshop_store_last_error(store));
      check_status(vshop_store_next_change(store, now, &change, &has),
                   vshop_store_last_error(store));
      check_status(vshop_store_open_intervals(store, now, now + 7 * 86400000LL, &intervals, &len),
                   vshop_store_last_error(store));
    }
    vshop_store_free(store);
    vshop_validator* validator = nullptr;
    check_status(vshop_validator_new(&validator, nullptr), vshop_last_error());
    vshop_validation result;
    result.size = sizeof result;
    check_status(vshop_validator_validate(validator, payload.data(), payload.size(), &result),
                 vshop_validator_last_error(validator));
    for (std::size_t i = 0; i < result.issues_len; ++i) check_string(result.issues[i].message);
    std::size_t documents = 0;
    check_status(
        vshop_validator_validate_lines(validator, payload.data(), payload.size(), &documents),
        vshop_validator_last_error(validator));
    vshop_validator_free(validator);
  }

  void run(std::uint8_t op, std::string_view p) {
    const auto [a, b] = split(p);
    const char* data = p.empty() ? nullptr : p.data();
    vshop_string chat{};
    switch (op % 16) {
      case 0:
        check(vshop_engine_apply_json(engine, data, p.size()));
        break;
      case 1:
        check(vshop_engine_go_available(engine, now, p.data(), p.size()));
        break;
      case 2:
        check(vshop_engine_go_unavailable(engine, now, p.data(), p.size()));
        break;
      case 3:
        check(vshop_engine_request_chat(engine, now, p.data(), p.size(), nullptr, nullptr, &chat));
        break;
      case 4:
        check(vshop_engine_claim(engine, now, a.data(), a.size(), b.data(), b.size()));
        break;
      case 5:
        check(vshop_engine_decline(engine, now, a.data(), a.size(), b.data(), b.size()));
        break;
      case 6:
        check(vshop_engine_finish_chat(engine, now, a.data(), a.size(), b.data(), b.size()));
        break;
      case 7:
        check(vshop_engine_send_message(engine, now, a.data(), a.size(),
                                        b.empty() ? 0 : static_cast<std::int8_t>(b[0])));
        break;
      case 8:
        check(vshop_engine_record_purchase(engine, now, a.data(), a.size(), b.data(), b.size(),
                                           "12.50", 5, 0, "EUR", 3, nullptr, 0));
        break;
      case 9: {  // time: forward by the payload's first byte in seconds, or to 8 raw bytes
        std::int64_t to = now + (p.empty() ? 1 : static_cast<std::uint8_t>(p[0])) * 1000LL;
        if (p.size() >= 8) std::memcpy(&to, p.data(), 8);
        if (beyond_horizon(to)) break;
        check(vshop_engine_advance(engine, to));
        if (to > now && to < kMaxInstant) now = to;
        break;
      }
      case 10: {
        std::int64_t deadline = 0;
        int has = 0;
        check(vshop_engine_next_deadline(engine, &deadline, &has));
        if (has && beyond_horizon(deadline)) break;
        if (has) check(vshop_engine_advance(engine, deadline));
        if (has) now = deadline;
        break;
      }
      case 11:
        poll_all();
        break;
      case 12: {
        const char* text = nullptr;
        std::size_t len = 0;
        check(vshop_engine_drain_effects_json(engine, &text, &len));
        require(text[len] == '\0', "NUL-terminated effects");
        check(vshop_engine_error_line_json(engine, 1, &text, &len));
        break;
      }
      case 13:
        queries(p);
        break;
      case 14:
        snapshot_round_trip();
        break;
      default:
        hours_and_events(p);
        break;
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.size() > kMaxInputBytes) text = text.substr(0, kMaxInputBytes);
  Fuzz fuzz;
  require(vshop_engine_new(&fuzz.engine, nullptr) == VSHOP_OK, "vshop_engine_new");
  vshop_engine_set_journaling(fuzz.engine, 1);
  std::size_t lines = 0;
  while (!text.empty() && lines < kMaxLines) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++lines;
    if (line.empty()) continue;
    std::int64_t at = 0;
    int has = 0;
    // A JSON command line is applied as it is (its `at` moves the fuzzer's clock too).
    if (line[0] == '{') {
      if (vshop_command_at(line.data(), line.size(), &at, &has) == VSHOP_OK && has) {
        if (beyond_horizon(at)) continue;
        if (at > fuzz.now) fuzz.now = at;
      }
      fuzz.run(0, line);
    } else {
      fuzz.run(static_cast<std::uint8_t>(line[0]), line.substr(1));
    }
  }
  const char* journal = nullptr;
  std::size_t len = 0;
  fuzz.check(vshop_engine_drain_journal(fuzz.engine, &journal, &len));
  fuzz.snapshot_round_trip();
  vshop_engine_free(fuzz.engine);
  return 0;
}
