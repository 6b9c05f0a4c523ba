"""The Redis backend of the web host's persistence (`python -m server --redis URL`).

Keys (one `{name}` hash tag, so one Redis Cluster slot): `vshop:{name}:steps`, a stream with
one entry per step whose id is `<seq>-0` (fields `lines`, `effects`, `extra`);
`vshop:{name}:snapshot`, a hash (`seq`, `snapshot`, `host_state`). Appending is one Lua
script (the next id after the stream's last, then XADD), so a step is all or nothing; a
snapshot is stored and the stream trimmed below it (XTRIM MINID) in one script too. Run Redis
with `appendonly yes` and `appendfsync always` for a step to be durable once acknowledged.
"""

from __future__ import annotations

import json
from typing import Any

import redis

from .persistence import Saved, Step

_APPEND = """
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
local seq = 1
if last then seq = tonumber(string.match(last[1], '^(%d+)')) + 1 end
local top = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
if seq <= top then seq = top + 1 end
redis.call('XADD', KEYS[1], seq .. '-0', 'lines', ARGV[1], 'effects', ARGV[2], 'extra', ARGV[3])
return seq
"""

_SNAPSHOT = """
redis.call('HSET', KEYS[2], 'seq', ARGV[1], 'snapshot', ARGV[2], 'host_state', ARGV[3])
redis.call('XTRIM', KEYS[1], 'MINID', tonumber(ARGV[1]) + 1)
return 1
"""


def _split(text: str) -> list[str]:
    return text.split("\n") if text else []


class RedisStore:
    """The Redis backend: a stream of steps and one snapshot hash, under `vshop:{name}:`."""

    def __init__(self, url: str, name: str = "web") -> None:
        self._db = redis.Redis.from_url(url, decode_responses=True)
        self._steps, self._snapshot = f"vshop:{{{name}}}:steps", f"vshop:{{{name}}}:snapshot"
        self._append = self._db.register_script(_APPEND)
        self._save = self._db.register_script(_SNAPSHOT)
        try:
            self._db.ping()
        except redis.RedisError as e:
            raise ConnectionError(f"--redis {url}: {e}") from e

    def append(self, lines: list[str], effects: list[str], extra: dict[str, Any]) -> int:
        return int(self._append(keys=[self._steps, self._snapshot], args=[
            "\n".join(lines), "\n".join(effects), json.dumps(extra, sort_keys=True)]))

    def save_snapshot(self, seq: int, snapshot: str, host_state: dict[str, Any]) -> None:
        self._save(keys=[self._steps, self._snapshot],
                   args=[seq, snapshot, json.dumps(host_state, sort_keys=True)])

    def load(self) -> Saved:
        snap: dict[str, str] = self._db.hgetall(self._snapshot)  # type: ignore[assignment]
        since = int(snap.get("seq", 0))
        entries: Any = self._db.xrange(self._steps, f"({since}-0", "+")
        tail = [Step(int(i.split("-")[0]), _split(f["lines"]), _split(f["effects"]),
                     json.loads(f["extra"])) for i, f in entries]
        host = json.loads(snap["host_state"]) if snap else None
        return Saved(snap.get("snapshot"), host, tail)

    def close(self) -> None:
        self._db.close()
