"""The host's clock: real time in production, a scripted clock that tests set."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

UTC = dt.timezone.utc


class Clock(Protocol):
    """Where the server reads the time that stamps every command."""

    scripted: bool

    def now(self) -> dt.datetime:
        """The current instant (aware UTC, millisecond resolution)."""
        ...


def _ms(t: dt.datetime) -> dt.datetime:
    return t.replace(microsecond=t.microsecond - t.microsecond % 1000)


class RealClock:
    """The system clock."""

    scripted = False

    def now(self) -> dt.datetime:
        return _ms(dt.datetime.now(UTC))


class ScriptedClock:
    """A clock that only moves when told to (tests); it never goes backwards."""

    scripted = True

    def __init__(self, start: dt.datetime) -> None:
        self._now = _ms(start.astimezone(UTC))

    def now(self) -> dt.datetime:
        return self._now

    def set(self, t: dt.datetime) -> None:
        """Moves the clock to `t`; raises ValueError when `t` is earlier than now."""
        t = _ms(t.astimezone(UTC))
        if t < self._now:
            raise ValueError(f"now: {t.isoformat()} is earlier than the clock's time")
        self._now = t
