// The engine's clock, timer queue and command dispatch (R-TIME-1, R-TIME-3, R-ERR-1).
#include "vshop/engine/engine.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/json_writer.hpp"
#include "engine/command_parse.hpp"
#include "engine/command_schema.hpp"
#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {

// A deadline past the last supported instant (9999-12-31T23:59:59.999Z) is clamped to it, so
// that no timer, effect or snapshot holds an instant outside years 0001..9999
// (docs/decisions.md, "Instant range"). Recurring timers (digest, store closing) are not
// created past it instead, or they would fire again at the same instant forever.
TimerKey Core::add_timer(std::int64_t deadline_ms, TimerKind kind, Idx target) {
  const TimerKey key{std::min(deadline_ms, kMaxEpochMs), next_timer_seq++};
  timers.emplace(key, Timer{kind, target});
  return key;
}

void Core::cancel_timer(TimerKey& key) {
  if (key == kNoTimer) return;
  timers.erase(key);
  key = kNoTimer;
}

Effect& Core::emit(EffectKind kind, std::int64_t at_ms) {
  Effect& e = outbox.emplace_back();
  e.kind = kind;
  e.at = from_epoch_ms(at_ms);
  return e;
}

// Fires every timer due at or before `target` in (deadline, creation) order; each effect
// carries the timer's deadline (R-TIME-1). A timer created while firing is due later or at the
// same instant with a higher sequence, so it fires in this loop too when due. Before a new
// deadline, a full outbox stops the clock at the last deadline fired: every timer due then has
// fired, so `advance` to that instant replays the same (docs/decisions.md, "Outbox bound").
bool Core::advance_to(std::int64_t target) {
  const std::int64_t start = now_ms;
  bool complete = true;
  while (!timers.empty()) {
    auto it = timers.begin();
    if (it->first.deadline_ms > target) break;
    if (it->first.deadline_ms > now_ms && outbox_full()) {
      complete = false;
      break;
    }
    const TimerKey key = it->first;
    const Timer timer = it->second;
    timers.erase(it);
    now_ms = std::max(now_ms, key.deadline_ms);
    fire(key, timer);
  }
  if (complete) now_ms = target;
  // Open availability periods reach today; only when time passes, so that a rejected command
  // at the engine's time changes nothing (R-ERR-1).
  if (now_ms > start) metrics.advance(from_epoch_ms(now_ms));
  return complete;
}

std::size_t Core::pending_units() {
  for (; outbox_counted < outbox.size(); ++outbox_counted) {
    const Effect& e = outbox[outbox_counted];
    outbox_units += 1 + e.experts.size() + e.managers.size();
  }
  return outbox_units;
}

void Core::drained() {
  outbox_units = 0;
  outbox_counted = 0;
}

absl::Status Core::outbox_full_error() const {
  return error(ErrorCode::kLimitExceeded,
               "outbox: %d effects (%d units) pending, the limit is %d units; drain the effects "
               "and try again",
               outbox.size(), outbox_units, limits::kMaxPendingEffectUnits);
}

void Core::fire(const TimerKey& key, const Timer& timer) {
  const std::int64_t at = key.deadline_ms;
  switch (timer.kind) {
    case TimerKind::kWave:
      live(chats[timer.target]).wave_timer = kNoTimer;
      on_wave_deadline(timer.target, at);
      break;
    case TimerKind::kTransfer:
      live(chats[timer.target]).transfer_timer = kNoTimer;
      fail_transfer(timer.target, at, TransferFailReason::kTimeout);
      break;
    case TimerKind::kStoreClose:
      stores[timer.target].close_timer = kNoTimer;
      on_store_close(timer.target, at);
      break;
    case TimerKind::kDigest:
      digest_timer = kNoTimer;
      on_digest(at);
      break;
    case TimerKind::kPiiAnonymize:
      pii_timer = kNoTimer;
      on_pii(at);
      break;
  }
}

absl::Status Core::apply(Command& command, bool canonical) {
  absl::Status status = apply_unchecked(command, canonical);
#ifndef NDEBUG
  // Debug builds check the whole state after every command: a failure is an engine bug.
  if (absl::Status broken = check_invariants(); !broken.ok()) {
    std::fprintf(stderr, "vshop: %s after %s\n", std::string(broken.message()).c_str(),
                 command_to_json(command).c_str());
    std::abort();
  }
#endif
  return status;
}

absl::Status Core::apply_unchecked(Command& command, bool canonical) {
  // Well-formed first (R-PIN-1): the same checks as the JSON reader, before the clock moves.
  if (!canonical) {
    if (auto s = canonicalize_command(command); !s.ok()) return s;
  }
  const std::int64_t before = now_ms;
  std::int64_t at = now_ms;
  if (command.at) {
    at = to_epoch_ms(*command.at);
    if (at < now_ms) {
      return error(ErrorCode::kOutOfOrderTime, "at: %s is earlier than the engine's time %s",
                   format_instant(*command.at), format_instant(from_epoch_ms(now_ms)));
    }
  }
  if (outbox_full()) return outbox_full_error();  // nothing changed
  if (!advance_to(at)) {
    // Stopped at a deadline with the outbox full: the timers fired stand, the command does not.
    Command advance;
    advance.kind = CommandKind::kAdvance;
    advance.at = from_epoch_ms(now_ms);
    journal_command(advance);
    return outbox_full_error();
  }
  command.at = from_epoch_ms(at);
  if (command.kind == CommandKind::kAdvance) {
    journal_command(command);
    return absl::OkStatus();
  }
  absl::Status status = dispatch(command);
  if (status.ok()) {
    journal_command(command);
  } else if (at != before) {
    // The clock moved before the command was rejected: a replay must reach the same time.
    Command advance;
    advance.kind = CommandKind::kAdvance;
    advance.at = from_epoch_ms(at);
    journal_command(advance);
  }
  return status;
}

void Core::journal_command(const Command& command) {
  if (!journaling) return;
  // Written into a reused buffer, then copied once at its final size.
  thread_local JsonWriter line;
  line.clear();
  write_command(line, command);
  journal.emplace_back(line.str());
}

absl::Status Core::dispatch(Command& c) {
  switch (c.kind) {
    case CommandKind::kConfigure:
      return configure(c);
    case CommandKind::kAddStore:
      return add_store(c);
    case CommandKind::kUpdateStore:
      return update_store(c);
    case CommandKind::kDeactivateStore:
      return deactivate_store(c);
    case CommandKind::kRegisterExpert:
      return register_expert(c);
    case CommandKind::kApproveExpert:
      return approve_expert(c);
    case CommandKind::kDeactivateExpert:
      return deactivate_expert(c);
    case CommandKind::kReactivateExpert:
      return reactivate_expert(c);
    case CommandKind::kAnonymizeExpert:
      return anonymize_expert(c);
    case CommandKind::kGoAvailable:
      return go_available(c);
    case CommandKind::kGoUnavailable:
      return go_unavailable(c);
    case CommandKind::kRequestChat:
      return request_chat(c);
    case CommandKind::kClaim:
      return claim(c);
    case CommandKind::kDecline:
      return decline(c, false);
    case CommandKind::kDeclineAndGoUnavailable:
      return decline(c, true);
    case CommandKind::kLeaveMessage:
      return leave_message(c);
    case CommandKind::kTakeLeftMessage:
      return take_left_message(c);
    case CommandKind::kSendMessage:
      return send_message(c);
    case CommandKind::kShopperOnline:
      return shopper_presence(c, true);
    case CommandKind::kShopperOffline:
      return shopper_presence(c, false);
    case CommandKind::kFinishChat:
      return finish_chat(c);
    case CommandKind::kRateChat:
      return rate_chat(c);
    case CommandKind::kTransfer:
      return transfer(c);
    case CommandKind::kAcceptTransfer:
      return accept_transfer(c);
    case CommandKind::kDeclineTransfer:
      return decline_transfer(c);
    case CommandKind::kBlockShopper:
      return block_shopper(c);
    case CommandKind::kUnblockShopper:
      return unblock_shopper(c);
    case CommandKind::kStartVideo:
      return start_video(c);
    case CommandKind::kEndVideo:
      return end_video(c);
    case CommandKind::kRecordPurchase:
      return record_purchase(c);
    case CommandKind::kSubscribeDigest:
      return subscribe_digest(c);
    case CommandKind::kUnsubscribeDigest:
      return unsubscribe_digest(c);
    case CommandKind::kDeactivateMerchant:
      return deactivate_merchant(c);
    case CommandKind::kSendAppointment:
      return send_appointment(c);
    case CommandKind::kInviteContact:
      return invite_contact(c);
    case CommandKind::kAcceptContact:
      return accept_contact(c);
    case CommandKind::kShopperEvent:
      return shopper_event(c);
    case CommandKind::kAdvance:
      return absl::OkStatus();
  }
  return error(ErrorCode::kInvalidArgument, "cmd: unknown command");
}

namespace {
template <typename Map>
absl::StatusOr<Idx> find_in(const Map& map, std::string_view id, std::string_view field,
                            std::string_view what) {
  const auto it = map.find(absl::string_view(id.data(), id.size()));
  if (it == map.end()) {
    return error(ErrorCode::kNotFound, "%s: no %s \"%s\"", field, what, id);
  }
  return it->second;
}
}  // namespace

absl::StatusOr<Idx> Core::find_store(std::string_view id, std::string_view field) const {
  return find_in(store_ids, id, field, "store");
}
absl::StatusOr<Idx> Core::find_expert(std::string_view id, std::string_view field) const {
  return find_in(expert_ids, id, field, "expert");
}
absl::StatusOr<Idx> Core::find_chat(std::string_view id, std::string_view field) const {
  const auto it = chat_ids.find(id);
  if (it == chat_ids.end()) return error(ErrorCode::kNotFound, "%s: no chat \"%s\"", field, id);
  return *it;
}
absl::StatusOr<Idx> Core::find_shopper(std::string_view id, std::string_view field) const {
  return find_in(shopper_ids, id, field, "shopper");
}

absl::Status limit_error(std::string_view field, std::string_view what, std::size_t limit) {
  return error(ErrorCode::kLimitExceeded, "%s: a merchant holds at most %d %s (vshop/limits.hpp)",
               field, limit, what);
}

Idx Core::intern_department(const std::string& name) {
  const auto [it, inserted] =
      department_ids.try_emplace(name, static_cast<Idx>(department_names.size()));
  if (inserted) department_names.push_back(name);
  return it->second;
}

Idx Core::intern_shopper(std::string_view id) {
  const auto [it, inserted] =
      shopper_ids.try_emplace(std::string(id), static_cast<Idx>(shoppers.size()));
  if (inserted) shoppers.push_back(Shopper{std::string(id)});
  return it->second;
}

}  // namespace vshop::engine_detail

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;

Engine::Engine() : core_(std::make_unique<Core>()) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

absl::Status Engine::apply(const Command& command) {
  Command copy = command;
  return core_->apply(copy, false);
}

absl::Status Engine::apply_json(std::string_view line) {
  if (line.size() > limits::kMaxLineBytes) {
    return error(ErrorCode::kInvalidArgument, "line: %d bytes, more than the limit of %d",
                 line.size(), limits::kMaxLineBytes);
  }
  // One command per thread, reused from line to line: its strings keep their capacity.
  thread_local Command command;
  if (auto st = parse_command_into(line, command); !st.ok()) return st;
  return core_->apply(command, true);
}

absl::Status Engine::advance(Instant now) {
  Command c;
  c.kind = CommandKind::kAdvance;
  c.at = now;
  return core_->apply(c, false);
}

namespace {
Command expert_chat(CommandKind kind, Instant now, std::string_view expert, std::string_view chat) {
  Command c;
  c.kind = kind;
  c.at = now;
  c.expert = expert;
  c.chat = chat;
  return c;
}
}  // namespace

absl::Status Engine::go_available(Instant now, std::string_view expert) {
  Command c = expert_chat(CommandKind::kGoAvailable, now, expert, {});
  return core_->apply(c, false);
}
absl::Status Engine::go_unavailable(Instant now, std::string_view expert) {
  Command c = expert_chat(CommandKind::kGoUnavailable, now, expert, {});
  return core_->apply(c, false);
}
namespace {
// Both request_chat forms: applied in place (a Command is large: no extra move or copy).
absl::StatusOr<std::string> apply_request(Core& core, Command& request) {
  if (request.kind != CommandKind::kRequestChat) {
    return error(ErrorCode::kInvalidArgument, "cmd: request_chat expected, got %s",
                 command_name(request.kind));
  }
  if (auto s = core.apply(request, false); !s.ok()) return s;
  return core.last_chat_id;
}
}  // namespace

absl::StatusOr<std::string> Engine::request_chat(Instant now, std::string_view shopper,
                                                 std::optional<double> lat,
                                                 std::optional<double> lon) {
  Command c;
  c.kind = CommandKind::kRequestChat;
  c.at = now;
  c.shopper = shopper;
  c.lat = lat;
  c.lon = lon;
  return apply_request(*core_, c);
}
absl::StatusOr<std::string> Engine::request_chat(Command request) {
  return apply_request(*core_, request);
}
absl::Status Engine::claim(Instant now, std::string_view expert, std::string_view chat) {
  Command c = expert_chat(CommandKind::kClaim, now, expert, chat);
  return core_->apply(c, false);
}
absl::Status Engine::decline(Instant now, std::string_view expert, std::string_view chat) {
  Command c = expert_chat(CommandKind::kDecline, now, expert, chat);
  return core_->apply(c, false);
}
absl::Status Engine::send_message(Instant now, std::string_view chat, MessageSender from) {
  Command c = expert_chat(CommandKind::kSendMessage, now, {}, chat);
  c.from = message_sender_name(from);
  return core_->apply(c, false);
}
absl::Status Engine::finish_chat(Instant now, std::string_view expert, std::string_view chat) {
  Command c = expert_chat(CommandKind::kFinishChat, now, expert, chat);
  return core_->apply(c, false);
}

std::vector<Effect> Engine::drain_effects() {
  std::vector<Effect> out;
  out.swap(core_->outbox);
  core_->drained();
  return out;
}

void Engine::drain_effects(std::vector<Effect>& out) {
  core_->drained();
  if (out.empty()) {
    out.swap(core_->outbox);
    return;
  }
  for (auto& e : core_->outbox) out.push_back(std::move(e));
  core_->outbox.clear();
}

std::vector<std::string> Engine::drain_journal() {
  std::vector<std::string> out;
  out.swap(core_->journal);
  return out;
}

void Engine::drain_journal(std::vector<std::string>& out) {
  out.clear();
  out.swap(core_->journal);
}

void Engine::set_journaling(bool on) { core_->journaling = on; }

std::optional<Instant> Engine::next_deadline() const {
  if (core_->timers.empty()) return std::nullopt;
  return from_epoch_ms(core_->timers.begin()->first.deadline_ms);
}

Instant Engine::now() const { return from_epoch_ms(core_->now_ms); }

const Settings& Engine::settings() const { return core_->settings; }

std::size_t Engine::chat_count() const { return core_->chats.size(); }

std::string Engine::snapshot() const { return core_->snapshot(); }

}  // namespace vshop
