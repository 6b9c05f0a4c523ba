"""A small pure-Python model of vshop's core chat rules, for the property test (test_model.py).

One store open around the clock, experts without departments, shoppers without locations, so
routing ranks by idle time then id. What is modelled: availability (R-AVAIL-1), capacity and
eligibility (R-CAP-1), one open chat per shopper (R-CHAT-1), routing and waves (R-CHAT-2,
R-CHAT-5), claims (R-CHAT-3), declines and replacements (R-CHAT-4), decline and missed streaks
(R-AVAIL-3, R-AVAIL-4, R-PIN-9), finishing and reconnecting (R-CHAT-8), blocking and silent
chats (R-BLOCK-1, R-PIN-5), messages (R-PIN-15) and timers (R-TIME-1, R-TIME-3). Effects are
predicted in canonical form (the dicts that `json.loads(effect.to_json())` gives).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from typing import Any, Optional

Effect = dict[str, Any]


def instant_text(ms: int) -> str:
    """The canonical UTC text of an instant in milliseconds (R-TIME-2)."""
    dt = datetime.fromtimestamp(ms // 1000, tz=timezone.utc)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if ms % 1000:
        text += f".{ms % 1000:03d}"
    return text + "Z"


@dataclasses.dataclass
class Settings:
    max_active_chats: int = 2
    claim_window_s: int = 60
    offer_timeout_s: int = 20
    offer_fanout: int = 2
    missed_streak_limit: int = 2
    decline_streak_limit: int = 2


@dataclasses.dataclass
class Expert:
    id: str
    available: bool = False
    idle_since: int = 0
    active: list[str] = dataclasses.field(default_factory=list)
    offer: Optional[str] = None
    decline_streak: int = 0
    missed_streak: int = 0


@dataclasses.dataclass
class Chat:
    id: str
    index: int
    shopper: str
    claim_deadline: int
    state: str = "requested"
    expert: Optional[str] = None
    silent: bool = False
    offered: list[str] = dataclasses.field(default_factory=list)
    pending: list[str] = dataclasses.field(default_factory=list)
    expired: list[str] = dataclasses.field(default_factory=list)
    wave_deadline: Optional[int] = None
    timer: Optional[int] = None  # creation number of the running wave's timer


@dataclasses.dataclass
class Shopper:
    blocked: bool = False
    latest: Optional[str] = None


class Rejected(Exception):
    """A command the model predicts to be rejected, with the stable error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Model:
    """The predicted state of one merchant; every command returns the predicted effects."""

    def __init__(self, settings: Settings, experts: list[str], start_ms: int) -> None:
        self.settings = settings
        self.now = start_ms
        self.experts = {e: Expert(e) for e in experts}
        self.chats: dict[str, Chat] = {}
        self.shoppers: dict[str, Shopper] = {}
        self.timers: list[tuple[int, int, str]] = []  # (deadline, creation number, chat)
        self.timer_count = 0
        self.effects: list[Effect] = []

    # ----- helpers -------------------------------------------------------------------------
    def _emit(self, at: int, name: str, **fields: Any) -> None:
        self.effects.append({"at": instant_text(at), "effect": name, **fields})

    def eligible(self, e: Expert) -> bool:
        """R-CAP-1: available, below capacity, no pending offer (no transfers modelled)."""
        return e.available and len(e.active) < self.settings.max_active_chats and e.offer is None

    def _candidates(self, chat: Chat) -> list[Expert]:
        """R-CHAT-2: eligible experts not yet offered this chat, longest idle first, then id."""
        found = [e for e in self.experts.values() if self.eligible(e) and e.id not in chat.offered]
        return sorted(found, key=lambda e: (e.idle_since, e.id.encode()))

    def _offer(self, chat: Chat, experts: list[Expert], at: int) -> None:
        for e in experts:
            e.offer = chat.id
            chat.offered.append(e.id)
            chat.pending.append(e.id)
        self._emit(at, "chat_offered", chat=chat.id, experts=[e.id for e in experts],
                   deadline=instant_text(chat.wave_deadline or 0))

    def _start_wave(self, chat: Chat, experts: list[Expert], at: int) -> None:
        offer_ms = self.settings.offer_timeout_s * 1000
        chat.wave_deadline = min(at + offer_ms, chat.claim_deadline)
        self.timer_count += 1
        chat.timer = self.timer_count
        self.timers.append((chat.wave_deadline, self.timer_count, chat.id))
        self._offer(chat, experts, at)

    def _stop_timer(self, chat: Chat) -> None:
        self.timers = [t for t in self.timers if t[2] != chat.id]
        chat.timer = None

    def _miss(self, chat: Chat, reason: str, at: int) -> None:
        """The chat ends missed; experts whose offers expired count a miss (R-PIN-9)."""
        chat.state = "missed"
        self._stop_timer(chat)
        self._emit(at, "chat_missed", chat=chat.id, reason=reason)
        for expert_id in sorted(set(chat.expired), key=str.encode):
            e = self.experts[expert_id]
            e.missed_streak += 1
            if e.missed_streak >= self.settings.missed_streak_limit and e.available:
                self._leave(e, "missed_streak", at)

    def _replace(self, chat: Chat, at: int) -> None:
        """R-CHAT-4: one replacement offer in the running wave, or the miss."""
        found = self._candidates(chat)
        if found:
            self._offer(chat, found[:1], at)
        elif not chat.pending:
            self._miss(chat, "no_expert_available", at)

    def _withdraw(self, e: Expert, reason: str, at: int) -> Chat:
        chat = self.chats[e.offer or ""]
        chat.pending.remove(e.id)
        e.offer = None
        self._emit(at, "offer_withdrawn", chat=chat.id, expert=e.id, reason=reason)
        return chat

    def _leave(self, e: Expert, reason: str, at: int) -> None:
        """The expert becomes unavailable: their offer is withdrawn and replaced."""
        e.available = False
        self._emit(at, "expert_unavailable", expert=e.id, reason=reason)
        if e.offer is not None:
            chat = self._withdraw(e, "expert_unavailable", at)
            self._replace(chat, at)

    def _fire(self, deadline: int, chat: Chat) -> None:
        """R-CHAT-5: a wave's deadline passed with no claim."""
        self.timers = [t for t in self.timers if t[2] != chat.id]
        expired = list(chat.pending)
        for expert_id in expired:
            self.experts[expert_id].offer = None
        chat.pending.clear()
        chat.expired.extend(expired)
        self._emit(deadline, "offer_expired", chat=chat.id, experts=expired)
        if deadline >= chat.claim_deadline:
            self._miss(chat, "claim_window", deadline)
            return
        found = self._candidates(chat)
        if not found:
            self._miss(chat, "no_expert_available", deadline)
            return
        self._start_wave(chat, found[: self.settings.offer_fanout], deadline)

    def _expert(self, expert_id: str) -> Expert:
        if expert_id not in self.experts:
            raise Rejected("not_found")
        return self.experts[expert_id]

    def _chat(self, chat_id: str) -> Chat:
        if chat_id not in self.chats:
            raise Rejected("not_found")
        return self.chats[chat_id]

    def _chat_of(self, expert_id: str, chat_id: str) -> tuple[Expert, Chat]:
        """finish/block checks: ids, then the chat is active, then it is the expert's."""
        e, chat = self._expert(expert_id), self._chat(chat_id)
        if chat.state != "active":
            raise Rejected("invalid_state")
        if chat.expert != e.id:
            raise Rejected("not_chat_expert")
        return e, chat

    def _end(self, e: Expert, chat: Chat, state: str) -> None:
        chat.state = state
        e.active.remove(chat.id)
        e.idle_since = self.now

    # ----- the clock -----------------------------------------------------------------------
    def advance(self, at: int) -> None:
        """R-TIME-3: the clock moves to `at`, firing due timers in (deadline, creation) order."""
        if at < self.now:
            raise Rejected("out_of_order_time")
        while True:
            due = sorted(t for t in self.timers if t[0] <= at)
            if not due:
                break
            deadline, _, chat_id = due[0]
            self._fire(deadline, self.chats[chat_id])
        self.now = at

    # ----- commands (the clock has moved already) ------------------------------------------
    def configure(self, max_active_chats: int) -> None:
        self.settings.max_active_chats = max_active_chats

    def go_available(self, expert_id: str) -> None:
        e = self._expert(expert_id)
        if e.available:
            return
        e.available = True
        e.decline_streak = e.missed_streak = 0
        e.idle_since = self.now
        self._emit(self.now, "expert_available", expert=e.id)

    def go_unavailable(self, expert_id: str) -> None:
        e = self._expert(expert_id)
        if e.available:
            self._leave(e, "requested", self.now)

    def request_chat(self, shopper_id: str) -> str:
        shopper = self.shoppers.setdefault(shopper_id, Shopper())
        latest = self.chats.get(shopper.latest or "")
        if latest is not None and latest.state in ("requested", "active"):
            return latest.id  # R-CHAT-1, R-PIN-4
        index = len(self.chats) + 1
        chat = Chat(f"c{index}", index, shopper_id,
                    self.now + self.settings.claim_window_s * 1000)
        self.chats[chat.id] = chat
        shopper.latest = chat.id
        if shopper.blocked:
            chat.silent = True  # R-BLOCK-1: no offers, no timers, no effects
            return chat.id
        found = self._candidates(chat)
        if latest is not None and latest.state == "finished" and latest.expert is not None:
            previous = self.experts[latest.expert]
            if self.eligible(previous):  # R-CHAT-8: the same expert alone first
                found = [previous]
        if not found:
            self._miss(chat, "no_expert_available", self.now)
        else:
            self._start_wave(chat, found[: self.settings.offer_fanout], self.now)
        return chat.id

    def claim(self, expert_id: str, chat_id: str) -> None:
        e, chat = self._expert(expert_id), self._chat(chat_id)
        if e.offer != chat.id:
            raise Rejected("offer_not_pending")
        if len(e.active) >= self.settings.max_active_chats:
            raise Rejected("at_capacity")
        chat.state, chat.expert = "active", e.id
        e.active.append(chat.id)
        e.offer = None
        e.decline_streak = e.missed_streak = 0
        e.idle_since = self.now
        self._emit(self.now, "chat_claimed", chat=chat.id, expert=e.id)
        for other in chat.pending:
            if other != e.id:
                self.experts[other].offer = None
                self._emit(self.now, "offer_withdrawn", chat=chat.id, expert=other,
                           reason="claimed_by_other")
        chat.pending.clear()
        self._stop_timer(chat)

    def decline(self, expert_id: str, chat_id: str, go_unavailable: bool) -> None:
        e, chat = self._expert(expert_id), self._chat(chat_id)
        if e.offer != chat.id:
            raise Rejected("offer_not_pending")
        self._withdraw(e, "declined", self.now)
        e.decline_streak += 1
        e.missed_streak = 0
        if go_unavailable:
            self._leave(e, "requested", self.now)
        elif e.decline_streak >= self.settings.decline_streak_limit and e.available:
            self._leave(e, "decline_streak", self.now)
        self._replace(chat, self.now)

    def send_message(self, chat_id: str, sender: str) -> None:
        """R-PIN-15, R-PIN-5: messages outside an active chat are invalid_state, except the
        shopper's in a requested chat (silent ones included) or, while blocked, in the chat they
        were blocked in: accepted without effect. No shopper here left a contact, so no
        notify_shopper."""
        chat = self._chat(chat_id)
        if chat.state == "active":
            return
        if sender == "shopper" and chat.state == "requested":
            return
        if sender == "shopper" and chat.state == "blocked" and self.shoppers[chat.shopper].blocked:
            return  # once unblocked, the exception for blocked shoppers no longer applies
        raise Rejected("invalid_state")

    def finish_chat(self, expert_id: str, chat_id: str) -> None:
        e, chat = self._chat_of(expert_id, chat_id)
        self._end(e, chat, "finished")
        self._emit(self.now, "chat_finished", chat=chat.id, expert=e.id)

    def block_shopper(self, expert_id: str, chat_id: str) -> None:
        e, chat = self._chat_of(expert_id, chat_id)
        self._end(e, chat, "blocked")
        self.shoppers[chat.shopper].blocked = True
        self._emit(self.now, "shopper_blocked", chat=chat.id, shopper=chat.shopper, expert=e.id)

    def unblock_shopper(self, shopper_id: str) -> None:
        if shopper_id not in self.shoppers:
            raise Rejected("not_found")
        shopper = self.shoppers[shopper_id]
        if not shopper.blocked:
            raise Rejected("invalid_state")
        shopper.blocked = False
        silent = self.chats.get(shopper.latest or "")
        if silent is not None and silent.silent and silent.state == "requested":
            silent.state = "closed"

    def open_chats(self, expert_id: str) -> list[str]:
        """The expert's active chats in creation order."""
        return sorted(self.experts[expert_id].active, key=lambda c: self.chats[c].index)

    def next_deadline(self) -> Optional[int]:
        return min((t[0] for t in self.timers), default=None)
