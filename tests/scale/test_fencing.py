"""Fencing by lease epoch: an owner paused with SIGSTOP until its leases expire; another worker
takes its merchants over; after SIGCONT the paused one must not publish anything: Redis refuses
its writes (epoch rejected, counted in the merchants' `fenced` keys), no effect is duplicated,
and the outcome equals the single-process run."""

from __future__ import annotations

import signal
import time
from typing import Callable

from scaleout.client import connect, fenced, submit
from scaleout.cluster import WorkerProcess, check, load, owners, wait_applied, wait_served
from scaleout.daygen import merchant_days
from scaleout.redis_server import RedisServer


def test_paused_owner_cannot_write_after_losing_its_lease(
        redis_server: RedisServer, workers: Callable[..., WorkerProcess]) -> None:
    days = merchant_days(30, 40)
    merchants = sorted(days)
    client = connect(redis_server.url)
    slow = workers("slow", ttl_ms=1000, snapshot_every=40, batch=5)
    first = {m: lines[:len(lines) // 2] for m, lines in days.items()}
    acked = load(client, first)
    deadline = time.monotonic() + 30
    while sum(o == "slow" for o in owners(client, merchants).values()) < len(merchants):
        assert time.monotonic() < deadline, "the worker did not take the merchants"
        time.sleep(0.05)
    wait_applied(client, {m: ids[-1] for m, ids in acked.items()}, 60, share=0.2)
    slow.signal(signal.SIGSTOP)  # paused mid-run, holding every lease
    paused_at = {m: len(client.xrange(f"vshop:{{{m}}}:effects")) for m in merchants}
    other = workers("other", ttl_ms=1000, snapshot_every=40, batch=5)
    wait_served(client, merchants, {"slow"}, 30)  # the leases expired; "other" holds them all
    for m, lines in days.items():
        acked[m] += submit(client, m, lines[len(lines) // 2:])
    wait_applied(client, {m: ids[-1] for m, ids in acked.items()}, 60)
    slow.signal(signal.SIGCONT)
    deadline = time.monotonic() + 30
    while "lost" not in slow.output():
        assert time.monotonic() < deadline, "the resumed worker did not notice it lost its leases"
        time.sleep(0.05)
    time.sleep(0.5)
    assert fenced(client, merchants) >= 1  # its stale writes reached Redis and were refused
    assert "refused" in slow.output()
    assert sum(paused_at.values()) < sum(map(len, acked.values()))
    wait_served(client, merchants, set(), 30)
    assert slow.stop() == 0 and other.stop() == 0
    assert check(client, days, acked) == []  # no duplicate, no gap, epochs never go back
