"""Fencing by lease epoch: an owner paused with SIGSTOP until its leases expire; another worker
takes its merchants over; after SIGCONT the paused one must not publish anything: Redis refuses
its writes (epoch rejected, counted in the merchants' `fenced` keys), no effect is duplicated,
and the outcome equals the single-process run."""

from __future__ import annotations

import signal
import time
from typing import Callable

from scaleout.client import connect, fenced, submit
from scaleout.cluster import (WorkerProcess, check, load, owners, wait_applied, wait_served,
                              wait_shared)
from scaleout.daygen import merchant_days
from scaleout.redis_server import RedisServer


def test_paused_owner_cannot_write_after_losing_its_lease(
        redis_server: RedisServer, workers: Callable[..., WorkerProcess]) -> None:
    days = merchant_days(30, 40)
    merchants = sorted(days)
    client = connect(redis_server.url)
    slow = workers("slow", ttl_ms=2000, snapshot_every=40, batch=5)
    first = {m: lines[:len(lines) // 2] for m, lines in days.items()}
    acked = load(client, first)
    deadline = time.monotonic() + 30
    while sum(o == "slow" for o in owners(client, merchants).values()) < len(merchants):
        assert time.monotonic() < deadline, "the worker did not take the merchants"
        time.sleep(0.05)
    wait_applied(client, acked, 60, share=0.2)
    slow.signal(signal.SIGSTOP)  # paused mid-run, holding every lease
    paused_at = {m: len(client.xrange(f"vshop:{{{m}}}:effects")) for m in merchants}
    other = workers("other", ttl_ms=2000, snapshot_every=40, batch=5)
    wait_served(client, merchants, {"slow"}, 30)  # the leases expired; "other" holds them all
    for m, lines in days.items():
        acked[m] += submit(client, m, lines[len(lines) // 2:])
    wait_applied(client, acked, 60)
    slow.signal(signal.SIGCONT)
    deadline = time.monotonic() + 30
    while "lost" not in slow.output():
        assert time.monotonic() < deadline, "the resumed worker did not notice it lost its leases"
        time.sleep(0.05)
    time.sleep(0.5)
    assert fenced(client, merchants) >= 1  # its stale writes reached Redis and were refused
    assert "refused" in slow.output()
    assert sum(paused_at.values()) < sum(map(len, acked.values()))
    wait_shared(client, merchants, {"slow", "other"}, 30)  # "slow" gets its share again
    wait_served(client, merchants, set(), 30)
    assert slow.stop() == 0 and other.stop() == 0
    assert check(client, days, acked) == []  # no duplicate, no gap, epochs never go back


def test_stale_epoch_writes_are_refused_and_counted(redis_server: RedisServer) -> None:
    """The same fencing, deterministic: each write script of an owner whose lease moved on."""
    from scaleout.fencing import Fencing
    from scaleout.keys import MerchantKeys

    client = connect(redis_server.url)
    fencing, keys = Fencing(client), MerchantKeys("m1")
    (first,) = submit(client, "m1", ['{"cmd":"advance","at":"2026-05-14T07:00:00Z"}'])
    assert fencing.acquire(keys, "a", 60000) == 1
    assert fencing.acquire(keys, "b", 60000) == 0  # held by a
    client.delete(keys.lease)  # a's lease expires
    assert fencing.acquire(keys, "b", 60000) == 2
    assert not fencing.commit(keys, "a:1", 1, "0-0", [(first, "", "")])
    assert not fencing.snapshot(keys, "a:1", first, "SNAP", 1)
    pipe = client.pipeline(transaction=False)
    fencing.renew(pipe, keys, "a:1", 60000)
    assert pipe.execute() == [0]
    fencing.release(keys, "a:1")
    assert fenced(client, ["m1"]) == 3
    assert client.xlen(keys.effects) == 0 and not client.exists(keys.snapshot, keys.applied)
    assert client.get(keys.lease) == "b:2"  # a's release did not drop b's lease
    assert fencing.commit(keys, "b:2", 2, "0-0", [(first, "", "")])
    assert client.get(keys.applied) == first
