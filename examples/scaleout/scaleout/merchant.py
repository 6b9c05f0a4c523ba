"""One merchant's engine as its owner holds it: applying commands, and the takeover (restore the
snapshot, replay the commands after it with XRANGE up to the last published one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import redis
import vshop

from .keys import MerchantKeys

ZERO = "0-0"


def new_engine(snapshot: str | None = None) -> vshop.Engine:
    """A merchant's engine: fresh, or restored from snapshot text; the journal is off (the
    commands stream is the journal)."""
    engine = vshop.Engine.restore(snapshot) if snapshot is not None else vshop.Engine()
    engine.set_journaling(False)
    return engine


def apply_entry(engine: vshop.Engine, line: str) -> tuple[str, str]:
    """Applies one command line; returns its effects (canonical JSON lines joined by newlines)
    and the refusal (`code: message`, or "" when accepted). A refused command still lets time
    pass (R-TIME-1), so it may have effects too."""
    error = ""
    try:
        engine.apply_json(line)
    except vshop.Error as e:
        error = f"{e.code}: {e}"
    return "\n".join(e.to_json() for e in engine.drain_effects()), error


def id_key(entry_id: str) -> tuple[int, int]:
    """A stream id `ms-seq` as a sortable pair."""
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


@dataclasses.dataclass
class Owned:
    """A merchant this process holds the lease of: the engine is at `applied`."""

    keys: MerchantKeys
    epoch: int
    token: str
    engine: vshop.Engine
    applied: str
    since_snapshot: int  # commands applied since the stored snapshot
    timer: dt.datetime | None = None  # the deadline an `advance` was last appended for (stamp.py)

    def apply(self, entries: list[tuple[str, dict[str, str]]]) -> list[tuple[str, str, str]]:
        """Applies stream entries in order: (id, effects, error) per entry."""
        return [(entry_id, *apply_entry(self.engine, fields.get("c", ""))) for entry_id, fields
                in entries]


class ReplayMismatch(RuntimeError):
    """A replayed command gave other effects than were published: determinism is broken."""


def take_over(client: redis.Redis, keys: MerchantKeys, token: str, epoch: int) -> Owned:
    """Rebuilds the merchant's engine exactly as the previous owner left it: the stored
    snapshot, then the commands after it up to the applied id (their published effects are
    checked, not published again)."""
    snap: dict[str, str] = client.hgetall(keys.snapshot)  # type: ignore[assignment]
    applied = str(client.get(keys.applied) or ZERO)
    engine = new_engine(snap.get("data"))
    start = snap.get("id", ZERO)
    replayed = 0
    if id_key(applied) > id_key(start):
        low = "-" if start == ZERO else f"({start}"
        commands: Any = client.xrange(keys.commands, low, applied)
        published: dict[str, dict[str, str]] = dict(
            client.xrange(keys.effects, low, applied))  # type: ignore[arg-type]
        for entry_id, fields in commands:
            effects, error = apply_entry(engine, fields.get("c", ""))
            old = published.get(entry_id)
            if old is None or (old.get("e", ""), old.get("err", "")) != (effects, error):
                raise ReplayMismatch(f"{keys.merchant}: replay of {entry_id} differs")
            replayed += 1
    return Owned(keys, epoch, token, engine, applied, replayed)
