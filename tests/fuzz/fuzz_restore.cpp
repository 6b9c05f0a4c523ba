// libFuzzer target for Engine::restore on mutated snapshots (R-ERR-1): any bytes either fail
// with a status or give an engine that passes check_invariants(), whose snapshot restores to
// the same bytes, and that survives a fixed drive of commands on every expert, chat and shopper
// it holds (each command accepted or rejected, never a crash, the invariants still holding).
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "simdjson.h"
#include "vshop/engine/command.hpp"
#include "vshop/engine/engine.hpp"

namespace {

// Bounds on the work per input: the snapshot size (run.sh passes -max_len with the same value),
// the candidate ids taken from it, and the experts, chats and shoppers driven.
constexpr std::size_t kMaxInputBytes = 32 * 1024;
constexpr std::size_t kMaxCandidates = 256;
constexpr std::size_t kMaxDriven = 6;
// "advance far": how far the last step moves the clock past the restored `now`.
constexpr std::chrono::days kFarAdvance{45};

// Traps (a crash for libFuzzer) when `condition` is false, naming the check so that a
// reproducer's log says what broke.
void require(bool condition, const char* check, const absl::Status& status = absl::OkStatus()) {
  if (condition) return;
  std::fprintf(stderr, "fuzz_restore: %s failed: %s\n", check, status.ToString().c_str());
  __builtin_trap();
}

// Every string value in the document (up to kMaxCandidates), as candidate ids: the
// public queries then tell which are experts, chats or shoppers, so the target does not depend
// on the snapshot's layout.
void collect_strings(simdjson::dom::element element, std::vector<std::string>& out) {
  if (out.size() >= kMaxCandidates) return;
  switch (element.type()) {
    case simdjson::dom::element_type::STRING:
      out.emplace_back(std::string_view(element.get_string().value_unsafe()));
      break;
    case simdjson::dom::element_type::ARRAY: {
      const simdjson::dom::array array = element.get_array().value_unsafe();
      for (simdjson::dom::element child : array) collect_strings(child, out);
      break;
    }
    case simdjson::dom::element_type::OBJECT: {
      const simdjson::dom::object object = element.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair field : object) collect_strings(field.value, out);
      break;
    }
    default:
      break;
  }
}

struct Ids {
  std::vector<std::string> experts, chats, shoppers, stores;
};

void add_unique(std::vector<std::string>& list, const std::string& id) {
  if (id.empty() || list.size() >= kMaxDriven) return;
  if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

Ids find_ids(const vshop::Engine& engine, const std::string& snapshot) {
  Ids ids;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  require(parser.parse(snapshot).get(root) == simdjson::SUCCESS, "the snapshot is JSON");
  std::vector<std::string> strings;
  collect_strings(root, strings);
  for (const std::string& s : strings) {
    if (const std::optional<vshop::ExpertView> x = engine.expert(s)) {
      add_unique(ids.experts, x->id);
      add_unique(ids.stores, x->store);
    }
    if (const std::optional<vshop::ChatView> c = engine.chat(s)) {
      add_unique(ids.chats, c->id);
      add_unique(ids.shoppers, c->shopper);
      add_unique(ids.experts, c->expert);
    }
  }
  return ids;
}

vshop::Command make(vshop::CommandKind kind, vshop::Instant at) {
  vshop::Command c;
  c.kind = kind;
  c.at = at;
  return c;
}

// Applies `command`; whatever the answer, the state must stay consistent.
void drive(vshop::Engine& engine, const vshop::Command& command) {
  const absl::Status applied = engine.apply(command);
  const absl::Status invariants = engine.check_invariants();
  if (!invariants.ok()) {
    std::fprintf(stderr, "fuzz_restore: after %s (%s)\n", vshop::command_to_json(command).c_str(),
                 applied.ToString().c_str());
  }
  require(invariants.ok(), "check_invariants after a command", invariants);
  (void)engine.drain_effects();
}

// A fixed sequence touching every kind of entity the snapshot holds, one second apart.
void drive_all(vshop::Engine& engine, const Ids& ids) {
  using vshop::CommandKind;
  vshop::Instant t = engine.now();
  const auto next = [&t] { return t += std::chrono::seconds(1); };
  for (const std::string& x : ids.experts) {
    vshop::Command c = make(CommandKind::kGoAvailable, next());
    c.expert = x;
    drive(engine, c);
  }
  const std::string first_expert = ids.experts.empty() ? "x" : ids.experts.front();
  const std::string last_expert = ids.experts.empty() ? "x" : ids.experts.back();
  for (const std::string& chat : ids.chats) {
    const std::optional<vshop::ChatView> view = engine.chat(chat);
    const std::string shopper = view ? view->shopper : "s";
    const std::string expert = view && !view->expert.empty() ? view->expert : first_expert;
    for (const CommandKind kind :
         {CommandKind::kClaim, CommandKind::kTakeLeftMessage, CommandKind::kStartVideo,
          CommandKind::kTransfer, CommandKind::kAcceptTransfer, CommandKind::kEndVideo,
          CommandKind::kSendMessage, CommandKind::kFinishChat, CommandKind::kRateChat,
          CommandKind::kBlockShopper, CommandKind::kDecline}) {
      vshop::Command c = make(kind, next());
      c.chat = chat;
      c.expert = kind == CommandKind::kAcceptTransfer ? last_expert : expert;
      c.shopper = shopper;
      c.to = last_expert;
      c.note = "n";
      c.from = kind == CommandKind::kSendMessage ? "shopper" : "expert";
      c.stars = 4;
      drive(engine, c);
    }
  }
  int order = 0;
  for (const std::string& shopper : ids.shoppers) {
    vshop::Command buy = make(CommandKind::kRecordPurchase, next());
    buy.order = "fuzz-order-" + std::to_string(++order);
    buy.shopper = shopper;
    buy.subtotal = "12.50";
    buy.currency = "EUR";
    drive(engine, buy);
    vshop::Command request = make(CommandKind::kRequestChat, next());
    request.shopper = shopper;
    drive(engine, request);
    vshop::Command unblock = make(CommandKind::kUnblockShopper, next());
    unblock.shopper = shopper;
    drive(engine, unblock);
  }
  for (const std::string& store : ids.stores) {
    vshop::Command c = make(CommandKind::kDeactivateStore, next());
    c.store = store;
    drive(engine, c);
  }
  for (const std::string& x : ids.experts) {
    vshop::Command c = make(CommandKind::kDeactivateExpert, next());
    c.expert = x;
    drive(engine, c);
  }
  drive(engine, make(CommandKind::kAdvance, t + kFarAdvance));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<vshop::Engine> engine = vshop::Engine::restore(text);
  if (!engine.ok()) return 0;
  require(engine->check_invariants().ok(), "check_invariants of an accepted snapshot",
          engine->check_invariants());
  (void)engine->metrics_report_json();  // the metrics book of a restored state is readable

  // Canonical bytes: restoring the snapshot of a restored engine changes nothing.
  const std::string snapshot = engine->snapshot();
  absl::StatusOr<vshop::Engine> again = vshop::Engine::restore(snapshot);
  require(again.ok(), "restore of the snapshot of a restored engine", again.status());
  require(again->snapshot() == snapshot, "same snapshot after a second restore");

  drive_all(*engine, find_ids(*engine, snapshot));
  const std::string after = engine->snapshot();
  absl::StatusOr<vshop::Engine> final_state = vshop::Engine::restore(after);
  require(final_state.ok(), "restore of the snapshot after the drive", final_state.status());
  require(final_state->snapshot() == after, "same snapshot after the drive and a restore");
  return 0;
}
