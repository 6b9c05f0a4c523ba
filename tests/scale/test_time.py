"""Time in the scale-out topology (examples/scaleout/scaleout/stamp.py): commands appended in
time order whatever the producer's clock, and the owner firing a due timer by appending one
`advance` at the deadline (not before it, once per deadline, only for stamped merchants)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import redis
import vshop
from scaleout import client as sc
from scaleout.keys import MerchantKeys
from scaleout.merchant import take_over
from scaleout.redis_server import RedisServer
from scaleout.stamp import Stamper, from_ms, to_ms
from scaleout.worker import Worker

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "web"))
from server.demo import demo_commands  # noqa: E402

NINE = vshop.parse_instant("2026-05-14T09:00:00Z")


def commands(r: redis.Redis, merchant: str) -> list[dict[str, Any]]:
    entries: Any = r.xrange(MerchantKeys(merchant).commands)
    return [json.loads(f["c"]) for _, f in entries]


def test_stamped_commands_stay_in_time_order(redis_server: RedisServer) -> None:
    r = sc.connect(redis_server.url)
    stamper = Stamper(r)
    first, at = stamper.append("m", {"cmd": "advance"}, NINE)
    assert at == NINE and to_ms(from_ms(to_ms(NINE))) == to_ms(NINE)
    earlier = vshop.parse_instant("2026-05-14T08:59:00Z")  # a producer whose clock lags
    assert stamper.try_append("m", {"cmd": "advance"}, earlier) == NINE  # refused: nothing added
    second, at = stamper.append("m", {"cmd": "advance"}, earlier, {"text": "hi"})
    assert at == NINE and second > first
    assert [c["at"] for c in commands(r, "m")] == ["2026-05-14T09:00:00Z"] * 2
    entries: Any = r.xrange(MerchantKeys("m").commands)
    assert json.loads(entries[-1][1]["x"]) == {"text": "hi"}


def owner_of(r: redis.Redis, merchant: str, now: list[int]) -> Worker:
    """A worker in this process holding `merchant`, its timers' clock at now[0]."""
    worker = Worker(r, "w", ttl_ms=60_000, log=io.StringIO(), now_ms=lambda: now[0])
    keys = MerchantKeys(merchant)
    epoch = worker.fencing.acquire(keys, "w", 60_000)
    worker.owned[merchant] = take_over(r, keys, f"w:{epoch}", epoch)
    return worker


def test_owner_appends_one_advance_at_a_due_deadline(redis_server: RedisServer) -> None:
    r = sc.connect(redis_server.url)
    stamper = Stamper(r)
    for command in demo_commands() + [{"cmd": "go_available", "expert": "lisa"}]:
        stamper.append("shop", command, NINE)
    now = [to_ms(NINE)]
    worker = owner_of(r, "shop", now)
    worker.step()
    deadline = worker.owned["shop"].engine.next_deadline  # Amsterdam closes at 21:00 local
    assert deadline == vshop.parse_instant("2026-05-14T19:00:00Z")
    now[0] = to_ms(deadline) - 1
    worker.fire_timers()
    assert commands(r, "shop")[-1]["cmd"] == "go_available"  # not before the deadline
    now[0] = to_ms(deadline) + 5000
    worker.fire_timers()
    worker.fire_timers()  # once per deadline
    assert commands(r, "shop")[-1] == {"cmd": "advance", "at": "2026-05-14T19:00:00Z"}
    assert len(commands(r, "shop")) == len(demo_commands()) + 2 and worker.counts["timers"] == 1
    worker.step()
    last = sc.published(r, "shop")[-1]
    assert json.loads(last.effects) == {"at": "2026-05-14T19:00:00Z", "effect":
                                        "expert_unavailable", "expert": "lisa",
                                        "reason": "store_closed"}


def test_no_advance_when_a_later_command_is_stamped_or_unstamped(
        redis_server: RedisServer) -> None:
    r = sc.connect(redis_server.url)
    stamper = Stamper(r)
    lines = [json.dumps({**c, "at": "2026-05-14T09:00:00Z"}) for c in demo_commands()
             + [{"cmd": "go_available", "expert": "lisa"}]]
    sc.submit(r, "own", lines)  # a producer stamping its own commands: it advances itself
    for command in demo_commands() + [{"cmd": "go_available", "expert": "lisa"}]:
        stamper.append("late", command, NINE)
    now = [to_ms(vshop.parse_instant("2026-05-14T20:00:00Z"))]
    for merchant in ("own", "late"):
        worker = owner_of(r, merchant, now)
        worker.step()
        if merchant == "late":  # a command stamped after the deadline is already in the stream
            stamper.append("late", {"cmd": "go_unavailable", "expert": "lisa"}, from_ms(now[0]))
        worker.fire_timers()
        assert worker.counts["timers"] == 0
        assert all(c["cmd"] != "advance" for c in commands(r, merchant))
