"""pypkg_model: a hypothesis state machine sends random commands to a `vshop.Engine` and to the
pure-Python model of model.py, and checks after every step that the engine's error code,
effects (canonical JSON) and queries (experts, chats, open chats, next deadline) are the
model's predictions. Rules: R-AVAIL-1, R-AVAIL-3, R-AVAIL-4, R-CAP-1, R-CHAT-1..5, R-CHAT-8,
R-BLOCK-1, R-PIN-5, R-PIN-9, R-PIN-15, R-TIME-1, R-TIME-3.

Derandomized (the same examples on every run, so CI is stable); VSHOP_MODEL_EXAMPLES raises the
number of examples for a longer search.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Any, Callable, Optional, TypeVar

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import vshop
from model import Model, Rejected, Settings

EXPERTS = ["ana", "ben", "cai", "dee"]
SHOPPERS = ["s1", "s2", "s3", "s4", "s5"]
START_MS = int(datetime(2026, 6, 12, 8, tzinfo=timezone.utc).timestamp() * 1000)
ALL_DAY = ["00:00-24:00"]

experts = st.sampled_from(EXPERTS + ["ghost"])  # "ghost" is never registered: not_found
shoppers = st.sampled_from(SHOPPERS)
chats = st.integers(1, 14).map(lambda n: f"c{n}")  # c13, c14 are rarely created: not_found
delays = st.integers(0, 24).map(lambda half_seconds: half_seconds * 500)  # ms, up to 12 s

T = TypeVar("T")


def at_of(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


class ChatRules(RuleBasedStateMachine):
    """The engine and the model side by side."""

    statistics = True  # record hypothesis events (only inside a hypothesis run)

    def __init__(self) -> None:
        super().__init__()
        self.engine = vshop.Engine()
        self.model = Model(Settings(), EXPERTS, START_MS)
        s = self.model.settings
        start = at_of(START_MS)
        self.engine.apply({"at": start, "cmd": "configure", "invite_code": "MODEL01",
                           "max_active_chats": s.max_active_chats,
                           "claim_window_s": s.claim_window_s,
                           "offer_timeout_s": s.offer_timeout_s,
                           "offer_fanout": s.offer_fanout,
                           "missed_streak_limit": s.missed_streak_limit,
                           "decline_streak_limit": s.decline_streak_limit})
        days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        self.engine.apply({"cmd": "add_store", "store": "hq", "timezone": "UTC",
                           "hours": {d: ALL_DAY for d in days}})
        for expert in EXPERTS:
            self.engine.apply({"cmd": "register_expert", "expert": expert, "name": expert,
                               "email": f"{expert}@model.example", "invite_code": "MODEL01"})
            self.engine.apply({"cmd": "approve_expert", "expert": expert, "store": "hq"})
        assert self.engine.drain_effects() == []

    def step(self, delay: int, engine_call: Callable[[datetime], T],
             model_call: Callable[[], Optional[T]]) -> None:
        """One command at now + delay through both; the outcomes must be equal."""
        at_ms = self.model.now + delay
        at = at_of(at_ms)
        got: Optional[T] = None
        code: Optional[str] = None
        try:
            got = engine_call(at)
        except vshop.Error as error:
            code = error.code
        self.model.effects = []
        predicted: Optional[T] = None
        predicted_code: Optional[str] = None
        try:
            self.model.advance(at_ms)  # R-TIME-3: due timers fire even if the command fails
            predicted = model_call()
        except Rejected as rejected:
            predicted_code = rejected.code
        assert code == predicted_code, f"error {code}, model predicts {predicted_code}"
        assert got == predicted, f"returned {got!r}, model predicts {predicted!r}"
        effects = [json.loads(effect.to_json()) for effect in self.engine.drain_effects()]
        assert effects == self.model.effects
        seen = {e["effect"] + (f" {e['reason']}" if "reason" in e else "") for e in effects}
        for name in sorted(seen | {code or "accepted"}) if self.statistics else []:
            event(name)  # pytest --hypothesis-show-statistics: what the run covered

    # ----- availability (R-AVAIL-1) -------------------------------------------------------
    @initialize(available=st.lists(st.sampled_from(EXPERTS), unique=True))
    def start_available(self, available: list[str]) -> None:
        for expert in available:
            self.go_available(0, expert)

    @rule(delay=delays, expert=experts)
    def go_available(self, delay: int, expert: str) -> None:
        self.step(delay, lambda at: self.engine.go_available(at, expert),
                  lambda: self.model.go_available(expert))

    @rule(delay=delays, expert=experts)
    def go_unavailable(self, delay: int, expert: str) -> None:
        self.step(delay, lambda at: self.engine.go_unavailable(at, expert),
                  lambda: self.model.go_unavailable(expert))

    # ----- chats (R-CHAT-1..5, R-CHAT-8) --------------------------------------------------
    @rule(delay=delays, shopper=shoppers)
    def request_chat(self, delay: int, shopper: str) -> None:
        self.step(delay, lambda at: self.engine.request_chat(at, shopper),
                  lambda: self.model.request_chat(shopper))

    @rule(delay=delays, expert=experts, chat=chats)
    def claim_any(self, delay: int, expert: str, chat: str) -> None:
        self.step(delay, lambda at: self.engine.claim(at, expert, chat),
                  lambda: self.model.claim(expert, chat))

    def offers(self) -> list[tuple[str, str]]:
        return [(e.id, e.offer) for e in self.model.experts.values() if e.offer is not None]

    @precondition(lambda self: bool(self.offers()))
    @rule(delay=st.integers(0, 10).map(lambda s: s * 500), data=st.data())
    def claim_offered(self, delay: int, data: st.DataObject) -> None:
        expert, chat = data.draw(st.sampled_from(self.offers()))
        self.claim_any(delay, expert, chat)

    @precondition(lambda self: bool(self.offers()))
    @rule(delay=st.integers(0, 10).map(lambda s: s * 500), data=st.data(),
          go_unavailable=st.booleans())
    def decline_offered(self, delay: int, data: st.DataObject, go_unavailable: bool) -> None:
        expert, chat = data.draw(st.sampled_from(self.offers()))
        self.decline(delay, expert, chat, go_unavailable)

    @rule(delay=delays, expert=experts, chat=chats, go_unavailable=st.booleans())
    def decline(self, delay: int, expert: str, chat: str, go_unavailable: bool) -> None:
        if go_unavailable:
            def engine_call(at: datetime) -> None:
                self.engine.apply({"at": at, "cmd": "decline_and_go_unavailable",
                                   "expert": expert, "chat": chat})
        else:
            def engine_call(at: datetime) -> None:
                self.engine.decline(at, expert, chat)
        self.step(delay, engine_call, lambda: self.model.decline(expert, chat, go_unavailable))

    def active(self) -> list[tuple[str, str]]:
        return [(e.id, c) for e in self.model.experts.values() for c in e.active]

    @rule(delay=delays, expert=experts, chat=chats)
    def finish_any(self, delay: int, expert: str, chat: str) -> None:
        self.step(delay, lambda at: self.engine.finish_chat(at, expert, chat),
                  lambda: self.model.finish_chat(expert, chat))

    @precondition(lambda self: bool(self.active()))
    @rule(delay=delays, data=st.data())
    def finish_active(self, delay: int, data: st.DataObject) -> None:
        expert, chat = data.draw(st.sampled_from(self.active()))
        self.finish_any(delay, expert, chat)

    @rule(delay=delays, chat=chats, sender=st.sampled_from(list(vshop.MessageSender)))
    def send_message(self, delay: int, chat: str, sender: vshop.MessageSender) -> None:
        self.step(delay, lambda at: self.engine.send_message(at, chat, sender),
                  lambda: self.model.send_message(chat, sender.value))

    # ----- blocking (R-BLOCK-1, R-PIN-5) --------------------------------------------------
    @precondition(lambda self: bool(self.active()))
    @rule(delay=delays, data=st.data(), other_expert=st.booleans())
    def block_shopper(self, delay: int, data: st.DataObject, other_expert: bool) -> None:
        expert, chat = data.draw(st.sampled_from(self.active()))
        if other_expert:  # not_chat_expert
            expert = data.draw(st.sampled_from([e for e in EXPERTS if e != expert]))
        self.block(delay, expert, chat)

    def block(self, delay: int, expert: str, chat: str) -> None:
        self.step(delay, lambda at: self.engine.block_shopper(at, expert, chat),
                  lambda: self.model.block_shopper(expert, chat))

    @rule(delay=delays, shopper=shoppers)
    def unblock_shopper(self, delay: int, shopper: str) -> None:
        self.step(delay, lambda at: self.engine.unblock_shopper(at, shopper),
                  lambda: self.model.unblock_shopper(shopper))

    # ----- capacity (R-CAP-1) and the clock (R-TIME-1, R-TIME-3) --------------------------
    @rule(delay=delays, limit=st.integers(1, 3))
    def configure_capacity(self, delay: int, limit: int) -> None:
        def engine_call(at: datetime) -> None:
            self.engine.apply({"at": at, "cmd": "configure", "max_active_chats": limit})

        self.step(delay, engine_call, lambda: self.model.configure(limit))

    def busy_offers(self) -> list[tuple[str, str]]:
        return [(e, c) for e, c in self.offers() if self.model.experts[e].active]

    @precondition(lambda self: bool(self.busy_offers()))
    @rule(data=st.data())
    def claim_above_lowered_capacity(self, data: st.DataObject) -> None:
        """R-CAP-1, R-SET-1: lowering max_active_chats ends no chat; a claim then is at_capacity."""
        expert, chat = data.draw(st.sampled_from(self.busy_offers()))
        self.configure_capacity(0, len(self.model.experts[expert].active))
        self.claim_any(0, expert, chat)

    @rule(delay=st.integers(0, 90).map(lambda s: s * 1000))
    def advance(self, delay: int) -> None:
        self.step(delay, lambda at: self.engine.advance(at), lambda: None)

    @precondition(lambda self: self.model.now > START_MS)
    @rule(expert=experts)
    def out_of_order(self, expert: str) -> None:
        at = at_of(self.model.now - 1)
        try:
            self.engine.go_available(at, expert)
        except vshop.OutOfOrderTime:
            pass
        else:
            raise AssertionError("a command before the engine's time was accepted")
        assert self.engine.drain_effects() == []

    # ----- queries ------------------------------------------------------------------------
    @invariant()
    def queries_match(self) -> None:
        for e in self.model.experts.values():
            view = self.engine.expert(e.id)
            assert view is not None
            seen: dict[str, Any] = {"available": view.available, "active": view.active_chats,
                                    "offer": view.pending_offer,
                                    "decline_streak": view.decline_streak,
                                    "missed_streak": view.missed_streak,
                                    "open_chats": self.engine.open_chats(e.id)}
            assert seen == {"available": e.available, "active": len(e.active), "offer": e.offer,
                            "decline_streak": e.decline_streak,
                            "missed_streak": e.missed_streak,
                            "open_chats": self.model.open_chats(e.id)}, e.id
        for c in self.model.chats.values():
            chat = self.engine.chat(c.id)
            assert chat is not None
            assert (chat.state.value, chat.expert, list(chat.pending_offers)) == (
                c.state, c.expert, c.pending), c.id
        assert self.engine.chat_count() == len(self.model.chats)
        deadline = self.engine.next_deadline
        predicted = self.model.next_deadline()
        assert deadline == (None if predicted is None else at_of(predicted))
        self.engine.check_invariants()


def test_message_in_blocked_chat_before_and_after_unblock_R_PIN_5() -> None:
    """Found by a long search: once unblocked, the shopper's message in the chat they were
    blocked in is invalid_state (the exception is for blocked shoppers only)."""
    machine = ChatRules()
    machine.statistics = False
    machine.go_available(0, "ana")
    machine.request_chat(500, "s3")
    machine.claim_any(0, "ana", "c1")
    machine.block(0, "ana", "c1")
    machine.send_message(0, "c1", vshop.MessageSender.SHOPPER)  # accepted, no effect
    machine.unblock_shopper(0, "s3")
    machine.send_message(0, "c1", vshop.MessageSender.SHOPPER)  # invalid_state
    machine.queries_match()


ChatRules.TestCase.settings = settings(
    max_examples=int(os.environ.get("VSHOP_MODEL_EXAMPLES", "300")), stateful_step_count=50,
    deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestChatRules = ChatRules.TestCase
