"""The producer and reader side (what a web front end does): register a merchant, append its
commands (XADD; the returned id is the acknowledgment), read its published effects."""

from __future__ import annotations

import dataclasses
from typing import Any

import redis

from .keys import MERCHANTS, MerchantKeys


@dataclasses.dataclass(frozen=True)
class Published:
    """One command's outcome as its owner published it (the effects stream entry)."""

    id: str
    effects: str  # canonical effect JSON lines joined by newlines
    error: str  # "" when the command was accepted
    epoch: int  # the lease epoch of the writer


def connect(url: str) -> redis.Redis:
    """A client with decoded (str) replies."""
    return redis.Redis.from_url(url, decode_responses=True)


def register(client: redis.Redis, merchants: list[str]) -> None:
    """Makes merchants known to the workers."""
    if merchants:
        client.sadd(MERCHANTS, *merchants)


def submit(client: redis.Redis, merchant: str, lines: list[str]) -> list[str]:
    """Appends command lines to the merchant's stream in one round trip; returns their ids."""
    pipe = client.pipeline(transaction=False)
    stream = MerchantKeys(merchant).commands
    for line in lines:
        pipe.xadd(stream, {"c": line})
    return [str(i) for i in pipe.execute()]


def published(client: redis.Redis, merchant: str, after: str = "-") -> list[Published]:
    """The published outcomes after id `after` (exclusive; "-" for all), in order."""
    low = after if after == "-" else f"({after}"
    entries: Any = client.xrange(MerchantKeys(merchant).effects, low, "+")
    return [Published(i, f.get("e", ""), f.get("err", ""), int(f.get("epoch", 0)))
            for i, f in entries]


def applied(client: redis.Redis, merchants: list[str]) -> dict[str, str]:
    """Each merchant's last applied command id ("0-0" when none)."""
    pipe = client.pipeline(transaction=False)
    for m in merchants:
        pipe.get(MerchantKeys(m).applied)
    return {m: a or "0-0" for m, a in zip(merchants, pipe.execute())}


def stored_snapshot(client: redis.Redis, merchant: str) -> tuple[str, str] | None:
    """The stored snapshot (id, engine snapshot text), or None."""
    snap: Any = client.hgetall(MerchantKeys(merchant).snapshot)
    return (snap["id"], snap["data"]) if snap else None


def fenced(client: redis.Redis, merchants: list[str]) -> int:
    """How many stale-epoch writes Redis refused across these merchants."""
    pipe = client.pipeline(transaction=False)
    for m in merchants:
        pipe.get(MerchantKeys(m).fenced)
    return sum(int(n or 0) for n in pipe.execute())
