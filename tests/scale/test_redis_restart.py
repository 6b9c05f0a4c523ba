"""Redis restart with AOF (appendonly yes, appendfsync always): redis-server is killed with
SIGKILL mid-run and started again on the same files; no acknowledged command is lost, and the
outcome equals the single-process run."""

from __future__ import annotations

from typing import Callable

from scaleout.client import applied, connect, submit
from scaleout.cluster import WorkerProcess, check, load, wait_applied, wait_served
from scaleout.daygen import merchant_days
from scaleout.keys import MerchantKeys
from scaleout.redis_server import RedisServer


def test_sigkill_redis_with_aof_loses_no_acknowledged_command(
        redis_server: RedisServer, workers: Callable[..., WorkerProcess]) -> None:
    days = merchant_days(40, 40)
    merchants = sorted(days)
    first = {m: lines[:len(lines) // 2] for m, lines in days.items()}
    w = [workers(f"w{i}", ttl_ms=2000, snapshot_every=30, batch=10) for i in range(2)]
    client = connect(redis_server.url)
    acked = load(client, first)
    wait_applied(client, acked, 60, share=0.5)
    redis_server.kill()  # workers are mid-run: some commits are in flight
    redis_server.start()
    client = connect(redis_server.url)
    for m in merchants:  # every acknowledged command is still there, applied or not
        keys = MerchantKeys(m)
        kept = {i for i, _ in client.xrange(keys.commands)} | {
            i for i, _ in client.xrange(keys.effects)}
        assert set(acked[m]) <= kept, m
    assert any(a != "0-0" for a in applied(client, merchants).values())
    for m, lines in days.items():
        acked[m] += submit(client, m, lines[len(lines) // 2:])
    wait_applied(client, acked, 120)
    wait_served(client, merchants, set(), 30)
    for worker in w:
        assert worker.stop() == 0
    assert any("redis unavailable" in worker.output() for worker in w)
    assert check(client, days, acked) == []
