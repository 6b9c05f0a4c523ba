"""Time in the scale-out topology: commands are stamped (`at`) as they are appended, so the
commands stream is in time order, and the owner fires timers by appending `advance` commands.

The merchant's `clock` key holds the latest stamped instant (ms). `STAMP` appends a command
only when its `at` is not earlier than that; otherwise it answers the key's value and the
producer stamps again with it (time never goes back in the stream, whatever the producers'
clocks say). A timer is fired by the owner with an `advance` at the engine's next deadline
through the same script: it is journaled in the stream like any command, so every replica
(a takeover, the web layer's follower) reaches the same state; when a later command is
already stamped, the script refuses the advance, and that command fires the timer itself.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import redis
import vshop

from .keys import MerchantKeys

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

# KEYS: commands, clock. ARGV: at (ms), command line, host extra (JSON).
STAMP = """
local last = redis.call('GET', KEYS[2]) or '0'
if tonumber(ARGV[1]) < tonumber(last) then return {0, last} end
redis.call('SET', KEYS[2], ARGV[1])
return {1, redis.call('XADD', KEYS[1], '*', 'c', ARGV[2], 'x', ARGV[3])}
"""


def to_ms(t: dt.datetime) -> int:
    """An aware instant as milliseconds since the epoch."""
    return (t - EPOCH) // dt.timedelta(milliseconds=1)


def from_ms(ms: int) -> dt.datetime:
    """Milliseconds since the epoch as an aware UTC instant."""
    return EPOCH + dt.timedelta(milliseconds=ms)


class Stamper:
    """Appends commands stamped in time order (one registered script per client)."""

    def __init__(self, client: redis.Redis) -> None:
        self._script = client.register_script(STAMP)

    def try_append(self, merchant: str, command: dict[str, Any], at: dt.datetime,
                   extra: dict[str, Any] | None = None) -> str | dt.datetime:
        """Appends `command` at `at`; returns its id, or the stream's later time (nothing
        appended) when `at` is earlier than the last stamped command."""
        keys = MerchantKeys(merchant)
        line = json.dumps({**command, "at": vshop.format_instant(at)}, separators=(",", ":"))
        reply: Any = self._script(keys=[keys.commands, keys.clock], args=[
            to_ms(at), line, json.dumps(extra or {}, sort_keys=True)])
        return str(reply[1]) if int(reply[0]) else from_ms(int(reply[1]))

    def append(self, merchant: str, command: dict[str, Any], at: dt.datetime,
               extra: dict[str, Any] | None = None) -> tuple[str, dt.datetime]:
        """Appends `command` at `at`, or at the stream's time when that is later; returns the id
        and the instant it was stamped with."""
        while True:
            got = self.try_append(merchant, command, at, extra)
            if isinstance(got, str):
                return got, at
            at = got
