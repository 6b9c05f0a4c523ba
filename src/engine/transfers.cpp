// Transfers between experts (R-XFER-1, R-XFER-2) and video calls (R-VIDEO-1).
#include "engine/core.hpp"
#include "vshop/error.hpp"

namespace vshop::engine_detail {
namespace {

bool blank(std::string_view s) {
  for (char ch : s) {
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') return false;
  }
  return true;
}

}  // namespace

absl::Status Core::transfer(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  auto to = find_expert(c.to, "to");
  if (!to.ok()) return to.status();
  if (auto s = check_chat_expert(*ch, *e, "transfer"); !s.ok()) return s;
  if (blank(c.note)) {
    return error(ErrorCode::kEmptyNote, "note: a transfer needs an internal note");
  }
  if (*to == *e || !eligible(*to)) {
    return error(ErrorCode::kTargetNotEligible,
                 "to: expert \"%s\" is not eligible (available, under capacity, nothing pending)",
                 c.to);
  }
  Chat& chat = chats[*ch];
  if (const Idx pending = live_view(chat).transfer_to; pending != kNone) {
    return error(ErrorCode::kTransferPending,
                 "chat: \"%s\" already has a transfer pending to \"%s\"", c.chat,
                 experts[pending].id);
  }
  LiveChat& l = live(chat);
  l.transfer_to = *to;
  l.transfer_timer =
      add_timer(now_ms + settings.transfer_timeout.count(), TimerKind::kTransfer, *ch);
  experts[*to].pending_transfer = *ch;
  Effect& eff = emit(EffectKind::kTransferOffered, now_ms);
  eff.chat = chat.id;
  eff.from = c.expert;
  eff.to = c.to;
  eff.deadline = from_epoch_ms(l.transfer_timer.deadline_ms);
  return absl::OkStatus();
}

absl::Status Core::accept_transfer(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  Chat& chat = chats[*ch];
  if (live_view(chat).transfer_to != *e) {
    return error(ErrorCode::kInvalidState, "chat: no transfer of \"%s\" is pending for \"%s\"",
                 c.chat, c.expert);
  }
  if (experts[*e].active_chats >= settings.max_active_chats) {
    return error(ErrorCode::kAtCapacity, "expert: \"%s\" already has %d active chats", c.expert,
                 experts[*e].active_chats);
  }
  const Idx from = chat.expert;
  cancel_timer(live(chat).transfer_timer);
  release_live(chat);
  experts[*e].pending_transfer = kNone;
  // A running video belongs to the previous expert's call: it ends with the handover.
  if (chat.video) stop_video(*ch, now_ms);
  Expert& old = experts[from];
  --old.active_chats;
  old.chats.erase(std::lower_bound(old.chats.begin(), old.chats.end(), *ch));
  activate_chat(*ch, *e, now_ms);
  fed(metrics.chat_transferred(from_epoch_ms(now_ms), *ch, from, metrics_store(from), *e,
                               metrics_store(*e)));
  Effect& eff = emit(EffectKind::kTransferCompleted, now_ms);
  eff.chat = chat.id;
  eff.from = old.id;
  eff.to = c.expert;
  return absl::OkStatus();
}

absl::Status Core::decline_transfer(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (live_view(chats[*ch]).transfer_to != *e) {
    return error(ErrorCode::kInvalidState, "chat: no transfer of \"%s\" is pending for \"%s\"",
                 c.chat, c.expert);
  }
  fail_transfer(*ch, now_ms, TransferFailReason::kDeclined);
  return absl::OkStatus();
}

// The one place where a pending transfer fails.
void Core::fail_transfer(Idx c, std::int64_t at_ms, TransferFailReason reason) {
  Chat& chat = chats[c];
  const Idx to = live_view(chat).transfer_to;
  if (to == kNone) return;
  cancel_timer(live(chat).transfer_timer);
  release_live(chat);
  experts[to].pending_transfer = kNone;
  Effect& eff = emit(EffectKind::kTransferFailed, at_ms);
  eff.chat = chat.id;
  eff.from = experts[chat.expert].id;
  eff.to = experts[to].id;
  eff.reason = reason;
}

absl::Status Core::start_video(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (auto s = check_chat_expert(*ch, *e, "start_video"); !s.ok()) return s;
  const Idx busy = experts[*e].video_chat;
  if (busy == *ch) {
    return error(ErrorCode::kInvalidState, "chat: a video is already running in \"%s\"", c.chat);
  }
  if (busy != kNone) {
    return error(ErrorCode::kVideoBusy, "expert: \"%s\" is in a video call in chat \"%s\"",
                 c.expert, chats[busy].id);
  }
  chats[*ch].video = true;
  experts[*e].video_chat = *ch;
  Effect& eff = emit(EffectKind::kVideoStarted, now_ms);
  eff.chat = c.chat;
  eff.expert = c.expert;
  return absl::OkStatus();
}

absl::Status Core::end_video(const Command& c) {
  auto e = find_expert(c.expert);
  if (!e.ok()) return e.status();
  auto ch = find_chat(c.chat);
  if (!ch.ok()) return ch.status();
  if (auto s = check_chat_expert(*ch, *e, "end_video"); !s.ok()) return s;
  if (!chats[*ch].video) {
    return error(ErrorCode::kInvalidState, "chat: no video is running in \"%s\"", c.chat);
  }
  stop_video(*ch, now_ms);
  return absl::OkStatus();
}

void Core::stop_video(Idx c, std::int64_t at_ms) {
  Chat& chat = chats[c];
  chat.video = false;
  experts[chat.expert].video_chat = kNone;
  Effect& eff = emit(EffectKind::kVideoEnded, at_ms);
  eff.chat = chat.id;
  eff.expert = experts[chat.expert].id;
}

}  // namespace vshop::engine_detail
