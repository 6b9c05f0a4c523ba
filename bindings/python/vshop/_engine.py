"""``vshop.Engine``: the extension's engine plus the typed methods of the less frequent commands,
the dict form of docs/reference.md §11 and notebook helpers. The frequent commands
(go_available, go_unavailable, request_chat, claim, decline, send_message, finish_chat,
record_purchase) are bound in C++ and build the C++ ``Command`` directly; the others go through one generic path:
keyword arguments -> the JSON line -> ``apply_json``.

Threads: a command holds the engine exclusively (another thread waits); queries (``expert``,
``chat``, ``metrics``, ``snapshot``, ...) may run together. Long calls (``replay``, ``restore``,
``snapshot``) release the GIL.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import html
import json
from typing import Any, Iterable, Mapping, Sequence

from vshop import _vshop

TimeLike = _dt.datetime | str


def _json_value(value: object) -> object:
    """json.dumps' fallback: datetimes as RFC 3339, enums by value, Decimals as text."""
    if isinstance(value, _dt.datetime):
        return _vshop.format_instant(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not a command value: {value!r}")


def command_line(command: Mapping[str, Any]) -> str:
    """The JSON line of a command dict (docs/reference.md §11; ``at`` may be a datetime)."""
    return json.dumps(command, default=_json_value, ensure_ascii=False, separators=(",", ":"))


def _seconds(name: str, value: _dt.timedelta | int | None) -> int | None:
    """A configure duration `name`: a timedelta of whole seconds, or seconds as int."""
    if isinstance(value, _dt.timedelta):
        if value % _dt.timedelta(seconds=1):
            raise _vshop.InvalidSetting(f"{name}: {value!r} is not a whole number of seconds")
        return int(value.total_seconds())
    return value


class Engine(_vshop.Engine):
    """The chat engine of one merchant (docs/reference.md). Commands raise ``vshop.Error`` (the
    subclass of the ErrorCode) when rejected; every time is an aware ``datetime``.

    Threads: a command holds the engine exclusively; queries may run together."""

    @classmethod
    def restore(cls, snapshot: str | bytes) -> Engine:
        """Rebuilds an engine from ``snapshot()`` text (runs without the GIL)."""
        engine = cls()
        engine._load_snapshot(snapshot)
        return engine

    def apply(self, command: Mapping[str, Any]) -> None:
        """Applies one command in the docs/reference.md §11 dict form (``{"at": ..., "cmd": "claim", ...}``)."""
        self.apply_json(command_line(command))

    def apply_many(self, lines: str | bytes | Iterable[str | bytes]) -> list[_vshop.Effect]:
        """``replay``: applies JSON Lines without the GIL and returns the drained effects."""
        return self.replay(lines)

    def _send(self, cmd: str, at: TimeLike | None, **fields: Any) -> None:
        """The generic path of the typed methods: drops None fields, then ``apply``."""
        line: dict[str, Any] = {"cmd": cmd} if at is None else {"at": at, "cmd": cmd}
        line.update((k, v) for k, v in fields.items() if v is not None)
        self.apply(line)

    # --- typed commands (the generic path); `at=None` means the engine's current time ------
    def configure(
        self,
        at: TimeLike | None = None,
        *,
        max_active_chats: int | None = None,
        claim_window: _dt.timedelta | int | None = None,
        offer_timeout: _dt.timedelta | int | None = None,
        offer_fanout: int | None = None,
        missed_streak_limit: int | None = None,
        decline_streak_limit: int | None = None,
        transfer_timeout: _dt.timedelta | int | None = None,
        attribution_window_days: int | None = None,
        metrics_retention_days: int | None = None,
        reporting_timezone: str | None = None,
        invite_code: str | None = None,
        region: str | None = None,
        show_when_busy: bool | None = None,
        show_outside_opening_hours: bool | None = None,
        contact_channels: Sequence[str] | None = None,
    ) -> None:
        """R-SET-1: changes the settings given (durations: timedelta or int seconds)."""
        self._send(
            "configure", at, max_active_chats=max_active_chats,
            claim_window_s=_seconds("claim_window", claim_window),
            offer_timeout_s=_seconds("offer_timeout", offer_timeout),
            offer_fanout=offer_fanout, missed_streak_limit=missed_streak_limit,
            decline_streak_limit=decline_streak_limit,
            transfer_timeout_s=_seconds("transfer_timeout", transfer_timeout),
            attribution_window_days=attribution_window_days,
            metrics_retention_days=metrics_retention_days,
            reporting_timezone=reporting_timezone, invite_code=invite_code, region=region,
            show_when_busy=show_when_busy, show_outside_opening_hours=show_outside_opening_hours,
            contact_channels=contact_channels,
        )  # fmt: skip

    def add_store(self, at: TimeLike | None = None, /, **store: Any) -> None:
        """R-STORE-1: adds a store (the fields of the store document: ``store``, ``timezone``,
        ``hours`` or ``osm_hours``, ...)."""
        self._send("add_store", at, **store)

    def update_store(self, at: TimeLike | None = None, /, **store: Any) -> None:
        """Replaces the fields of a store it gives (``store`` and ``timezone`` required)."""
        self._send("update_store", at, **store)

    def deactivate_store(self, at: TimeLike | None, store: str) -> None:
        self._send("deactivate_store", at, store=store)

    def register_expert(
        self, at: TimeLike | None, expert: str, *, email: str, invite_code: str, name: str,
        employee_id: str | None = None,
    ) -> None:  # fmt: skip
        """R-EXP-1: creates a pending account."""
        self._send("register_expert", at, expert=expert, email=email, invite_code=invite_code,
                   name=name, employee_id=employee_id)  # fmt: skip

    def approve_expert(
        self, at: TimeLike | None, expert: str, *, store: str, team: str | None = None,
        departments: Sequence[str] | None = None,
    ) -> None:  # fmt: skip
        """R-PIN-3: approves (or reassigns) an expert to a store."""
        self._send("approve_expert", at, expert=expert, store=store, team=team,
                   departments=departments)  # fmt: skip

    def deactivate_expert(self, at: TimeLike | None, expert: str) -> None:
        self._send("deactivate_expert", at, expert=expert)

    def reactivate_expert(self, at: TimeLike | None, expert: str) -> None:
        self._send("reactivate_expert", at, expert=expert)

    def anonymize_expert(self, at: TimeLike | None, expert: str) -> None:
        """R-EXP-2: erases a deactivated expert's personal data."""
        self._send("anonymize_expert", at, expert=expert)

    def decline_and_go_unavailable(self, at: TimeLike | None, expert: str, chat: str) -> None:
        self._send("decline_and_go_unavailable", at, expert=expert, chat=chat)

    def leave_message(
        self, at: TimeLike | None, chat: str, *, text: str, channel: str | enum.Enum, address: str
    ) -> None:
        """R-CHAT-6: the shopper of a missed chat leaves a message."""
        self._send("leave_message", at, chat=chat, text=text, channel=channel, address=address)

    def take_left_message(self, at: TimeLike | None, expert: str, chat: str) -> None:
        self._send("take_left_message", at, expert=expert, chat=chat)

    def shopper_online(self, at: TimeLike | None, shopper: str) -> None:
        self._send("shopper_online", at, shopper=shopper)

    def shopper_offline(self, at: TimeLike | None, shopper: str) -> None:
        self._send("shopper_offline", at, shopper=shopper)

    def rate_chat(self, at: TimeLike | None, shopper: str, chat: str, *, stars: int) -> None:
        """R-CHAT-9: the shopper rates a finished chat (1..5)."""
        self._send("rate_chat", at, shopper=shopper, chat=chat, stars=stars)

    def transfer(self, at: TimeLike | None, expert: str, chat: str, *, to: str, note: str) -> None:
        """R-XFER-1: offers the chat to another expert."""
        self._send("transfer", at, expert=expert, chat=chat, to=to, note=note)

    def accept_transfer(self, at: TimeLike | None, expert: str, chat: str) -> None:
        self._send("accept_transfer", at, expert=expert, chat=chat)

    def decline_transfer(self, at: TimeLike | None, expert: str, chat: str) -> None:
        self._send("decline_transfer", at, expert=expert, chat=chat)

    def block_shopper(self, at: TimeLike | None, expert: str, chat: str) -> None:
        """R-BLOCK-1: blocks the chat's shopper."""
        self._send("block_shopper", at, expert=expert, chat=chat)

    def unblock_shopper(self, at: TimeLike | None, shopper: str) -> None:
        self._send("unblock_shopper", at, shopper=shopper)

    def start_video(self, at: TimeLike | None, expert: str, chat: str) -> None:
        """R-VIDEO-1."""
        self._send("start_video", at, expert=expert, chat=chat)

    def end_video(self, at: TimeLike | None, expert: str, chat: str) -> None:
        self._send("end_video", at, expert=expert, chat=chat)

    def subscribe_digest(self, at: TimeLike | None, manager: str, *, email: str) -> None:
        """R-SCHED-1: a manager subscribes to the team digest."""
        self._send("subscribe_digest", at, manager=manager, email=email)

    def unsubscribe_digest(self, at: TimeLike | None, manager: str) -> None:
        self._send("unsubscribe_digest", at, manager=manager)

    def deactivate_merchant(self, at: TimeLike | None = None) -> None:
        """R-SCHED-3: starts R-SCHED-2's 60-day countdown to the erasure of personal data."""
        self._send("deactivate_merchant", at)

    def send_appointment(
        self,
        at: TimeLike | None,
        expert: str,
        chat: str,
        *,
        title: str,
        start: str,
        duration_min: int,
        location: str | None = None,
    ) -> None:
        """R-APPT-2: the chat's expert sends an appointment; ``start`` is a local
        ``YYYY-MM-DDTHH:MM`` in the store's zone. Effect ``appointment_sent`` with the card."""
        fields: dict[str, Any] = {"title": title, "start": start, "duration_min": duration_min}
        if location is not None:
            fields["location"] = location
        self._send("send_appointment", at, expert=expert, chat=chat, **fields)

    def invite_contact(
        self, at: TimeLike | None, expert: str, chat: str, *, channel: str, address: str
    ) -> None:
        """R-CONTACT-2: invites the chat's shopper to the expert's contacts (email, sms or
        whatsapp; phone numbers E.164); vshop.ChannelDisabled outside ``contact_channels``."""
        self._send("invite_contact", at, expert=expert, chat=chat, channel=channel,
                   address=address)

    def accept_contact(self, at: TimeLike | None, shopper: str, chat: str) -> None:
        """R-CONTACT-2: the shopper opts in within 7 days of the invitation."""
        self._send("accept_contact", at, shopper=shopper, chat=chat)
    def shopper_event(self, at: TimeLike | None, shopper: str, event: Mapping[str, Any]) -> None:
        """R-CTX-1: one tracking payload of a known shopper (docs/events.md), checked by the
        Inspector: a critical issue raises ``vshop.InvalidArgument`` naming its code and path."""
        self._send("shopper_event", at, shopper=shopper, event=event)

    # --- the §12 answers (docs/reference.md §12), as the dicts of ``vshop query`` ------------
    def query(self, name: str, *args: str | _dt.datetime) -> Any:
        """Any query of ``vshop query`` by name (``explain_expert``, ``queue_status``, ...), its
        canonical JSON answer parsed; a datetime argument is written as RFC 3339."""
        texts = [_vshop.format_instant(a) if isinstance(a, _dt.datetime) else a for a in args]
        return json.loads(self._query_json(name, texts))

    @staticmethod
    def _with_now(args: tuple[str, ...], now: TimeLike | None) -> tuple[str | _dt.datetime, ...]:
        return args if now is None else (*args, now)

    def shopper_context(self, chat: str, expert: str) -> dict[str, Any]:
        """R-CTX-1: the chat's shopper as `expert` sees them, with ``spoken_before``."""
        return dict(self.query("shopper_context", chat, expert))

    def explain_widget(self, page: Mapping[str, Any], now: TimeLike | None = None) -> dict[str, Any]:
        """R-WHY-1: the widget's state and its reasons for a page dict (the page fields and an
        optional ``rules`` dict, as ``vshop query explain_widget`` reads them)."""
        return dict(self.query("explain_widget", *self._with_now((command_line(page),), now)))

    def explain_expert(self, expert: str, now: TimeLike | None = None) -> dict[str, Any]:
        """R-WHY-1: whether the expert would receive an offer, and every reason why not."""
        return dict(self.query("explain_expert", *self._with_now((expert,), now)))

    def explain_purchase(self, order: str) -> dict[str, Any]:
        """R-WHY-1: why a recorded order was attributed or not."""
        return dict(self.query("explain_purchase", order))

    def queue_status(self, chat: str, now: TimeLike | None = None) -> dict[str, Any]:
        """R-QUEUE-1: waves, offered experts, time left, position and expected wait."""
        return dict(self.query("queue_status", *self._with_now((chat,), now)))

    def next_opening(self, tz: str, now: TimeLike | None = None) -> dict[str, Any]:
        """R-OPEN-1: when any active store opens next, also as local time in `tz`."""
        return dict(self.query("next_opening", *self._with_now((tz,), now)))

    # --- notebooks -------------------------------------------------------------------------
    def __repr__(self) -> str:
        deadline = self.next_deadline
        return (
            f"vshop.Engine(now={_vshop.format_instant(self.now)}, chats={self.chat_count()}, "
            f"next_deadline={'None' if deadline is None else _vshop.format_instant(deadline)})"
        )

    def _repr_html_(self) -> str:
        deadline = self.next_deadline
        rows = [
            ("now", _vshop.format_instant(self.now)),
            ("next deadline", "" if deadline is None else _vshop.format_instant(deadline)),
            ("chats", str(self.chat_count())),
            ("left messages waiting", str(len(self.pending_left_messages()))),
        ]
        body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
        return f"<table><caption>vshop.Engine</caption>{body}</table>"
