"""The host: one engine, its persistence, host data and the live subscribers."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
from typing import Any, Callable

import vshop

from .clock import Clock
from .hoststate import HostState
from .persistence import Persistence

OPEN_STATES = ("requested", "active", "left_message")
HOST_FIELDS = {"send_message": ("text",), "rate_chat": ("comment",)}
HOST_LIMITS = {"text": 4000, "comment": 2000}


@dataclasses.dataclass(eq=False)
class Subscriber:
    """A live event stream: a queue and the view of an event its session may see (None: the
    session does not see it)."""

    queue: asyncio.Queue[tuple[str, dict[str, Any]]]
    shown: Callable[[dict[str, Any]], dict[str, Any] | None]


class HostError(Exception):
    """A host-side rejection with the engine's vocabulary (code, message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _host_fields(command: dict[str, Any]) -> dict[str, Any]:
    """Pops the host-only fields (message text, rating comment) and checks them."""
    extra: dict[str, Any] = {}
    for name in HOST_FIELDS.get(str(command.get("cmd")), ()):
        if name in command:
            value = command.pop(name)
            if not isinstance(value, str):
                raise HostError("invalid_argument", f"{name}: expected a string")
            if len(value) > HOST_LIMITS[name]:
                raise HostError("invalid_argument",
                                f"{name}: {len(value)} characters, at most {HOST_LIMITS[name]}")
            extra[name] = value
    if command.get("cmd") == "send_message" and command.get("kind", "text") == "text":
        if not extra.get("text"):
            raise HostError("invalid_argument", "text: missing or empty for a text message")
    return extra


class Host:
    """Runs commands at the clock's time, persists each step, publishes its effects."""

    fires_timers = True  # the clock task advances the engine at its deadlines

    def __init__(self, store: Persistence, clock: Clock, snapshot_every: int = 1000) -> None:
        self.store, self.clock, self.snapshot_every = store, clock, snapshot_every
        self.engine = vshop.Engine()
        self.state = HostState()
        self.subscribers: set[Subscriber] = set()
        self.seq = 0
        self.wakeup = asyncio.Event()
        self.clock_sent: dt.datetime | None = None  # the time of the last `clock` event

    # -- start ---------------------------------------------------------------------------------
    def restore(self) -> bool:
        """Restores the latest snapshot and replays the tail; False when the store is empty."""
        saved = self.store.load()
        if saved.snapshot is not None:
            self.engine = vshop.Engine.restore(saved.snapshot)
            self.state = HostState(saved.host_state)
        for step in saved.tail:
            effects = self.engine.apply_many(step.lines) if step.lines else []
            self.engine.drain_journal()
            got = [e.to_json() for e in effects]
            if got != step.effects:
                raise RuntimeError(f"replay of step {step.seq} gave other effects than journaled")
            self.state.observe(step.lines, [json.loads(e) for e in got], step.extra)
            self.seq = step.seq
        return saved.snapshot is not None or bool(saved.tail)

    # -- time ----------------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        """The server's time: the clock, never earlier than the engine's."""
        return max(self.clock.now(), self.engine.now)

    def advance(self, *, move: bool = False) -> list[dict[str, Any]]:
        """Fires the timers due by now (the clock task calls it); with `move` the engine's time
        also moves to now when no timer is due (the test clock: then a refused command
        changes nothing at all)."""
        now = self.now()
        deadline = self.engine.next_deadline
        due = deadline is not None and deadline <= now
        if not due and not (move and now > self.engine.now):
            return []
        self.engine.advance(now)
        return self._commit({})

    async def advance_to_clock(self) -> list[dict[str, Any]]:
        """The test clock was set: fires the timers due and moves the engine's time to now."""
        return self.advance(move=True)

    async def run(self) -> None:
        """The host's own background work while the app runs (none: the clock task advances)."""

    # -- commands ------------------------------------------------------------------------------
    async def submit(self, command: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        """A browser's command: `execute` (the scale-out host answers from the streams)."""
        return self.execute(command)

    def execute(self, command: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        """Runs one checked command (no `at`) at the server's time; raises vshop.Error or
        HostError. Returns the effects and, for request_chat, the chat id."""
        extra = _host_fields(command)
        generated = None
        if command.get("cmd") == "request_chat" and "chat" not in command:
            generated = f"w{self.state.chat_seq + 1}"
            command["chat"] = generated
        command["at"] = vshop.format_instant(self.now())
        try:
            self.engine.apply(command)
        except vshop.Error:
            self._commit({})  # the passage of time the engine journaled (R-TIME-1)
            raise
        chat = self._chat_id(command) if command["cmd"] == "request_chat" else None
        if chat is not None:
            extra["chat"] = chat
        return self._commit(extra), chat

    def _chat_id(self, command: dict[str, Any]) -> str | None:
        view = self.engine.chat(command["chat"])
        if view is not None and view.shopper == command["shopper"]:
            return str(command["chat"])
        for chat in reversed(self.state.shopper_chats.get(command["shopper"], [])):
            view = self.engine.chat(chat)
            if view is not None and view.state.value in OPEN_STATES:
                return chat
        return None

    def _commit(self, extra: dict[str, Any]) -> list[dict[str, Any]]:
        lines = self.engine.drain_journal()
        texts = [e.to_json() for e in self.engine.drain_effects()]
        if not lines and not texts:
            return []
        self.seq = self.store.append(lines, texts, extra)
        effects = [json.loads(t) for t in texts]
        self.state.observe(lines, effects, extra)
        if self.seq % self.snapshot_every == 0:
            self.store.save_snapshot(self.seq, self.engine.snapshot(), self.state.to_json())
        self._publish(lines, effects, extra)
        self.wakeup.set()
        return effects

    # -- live events ---------------------------------------------------------------------------
    def _publish(self, lines: list[str], effects: list[dict[str, Any]], extra: dict[str, Any]) -> None:
        events: list[tuple[str, dict[str, Any]]] = [("effect", e) for e in effects]
        for line in lines:
            c = json.loads(line)
            if c["cmd"] == "send_message":
                events.append(("message", {"chat": c["chat"], "at": c["at"], "from": c["from"],
                                           "kind": c.get("kind", "text"),
                                           "text": extra.get("text", "")}))
        for sub in list(self.subscribers):
            for kind, data in events:
                view = sub.shown(data)
                if view is not None:
                    sub.queue.put_nowait((kind, view))
        if lines and json.loads(lines[-1])["cmd"] == "advance":
            self.publish_clock()

    def publish_clock(self) -> None:
        """Sends every session the `clock` event when the server's time moved since the last
        one (timers fired, the test clock was set, the clock task's tick)."""
        now = self.now()
        if now == self.clock_sent:
            return
        self.clock_sent = now
        for sub in list(self.subscribers):
            sub.queue.put_nowait(("clock", {"now": vshop.format_instant(now)}))
