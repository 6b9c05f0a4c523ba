"""Failover: three worker processes, 200 merchants with a generated day each; one worker is
killed with SIGKILL mid-run, then another. At the end every merchant's published effects and
stored snapshot are byte-identical to a single-process run, nothing missing or duplicated."""

from __future__ import annotations

import signal
from typing import Callable

from scaleout.client import applied, connect, published, register, submit
from scaleout.cluster import (WorkerProcess, check, load, owners, wait_applied, wait_served,
                              wait_shared)
from scaleout.daygen import merchant_days
from scaleout.keys import MerchantKeys
from scaleout.redis_server import RedisServer

MERCHANTS, CHATS = 200, 40


def test_kill_two_of_three_workers_mid_run_R_DET_1(
        redis_server: RedisServer, workers: Callable[..., WorkerProcess]) -> None:
    client = connect(redis_server.url)
    days = merchant_days(MERCHANTS, CHATS)
    merchants = sorted(days)
    w = [workers(f"w{i}", ttl_ms=2000, snapshot_every=50, batch=20) for i in range(3)]
    acked = load(client, days)
    wait_shared(client, merchants, {"w0", "w1", "w2"}, 30)
    for victim, at in ((w[0], 0.3), (w[1], 0.6)):
        wait_applied(client, acked, 120, share=at)
        held = [m for m, o in owners(client, merchants).items() if o == victim.name]
        victim.signal(signal.SIGKILL)
        victim.proc.wait(10)
        done = applied(client, held)
        assert any(done[m] != acked[m][-1] for m in held), f"{victim.name} had no work left"
    wait_applied(client, acked, 120)
    wait_served(client, merchants, {"w0", "w1"}, 30)
    assert w[2].stop() == 0
    assert check(client, days, acked) == []
    for m in merchants:  # XTRIM MINID: only the command of the final snapshot is left
        assert [i for i, _ in client.xrange(MerchantKeys(m).commands)] == [acked[m][-1]]
    assert sum(len(ids) for ids in acked.values()) > MERCHANTS * 200
    log = w[2].output()
    assert log.count("acquired") > len(merchants) // 3  # w2 took over the others' merchants
    assert any(" at 0-0" not in line for line in log.splitlines() if "acquired" in line), \
        "no takeover restored a snapshot or replayed a tail"


def test_bad_entries_are_published_as_refused_and_the_merchant_goes_on(
        redis_server: RedisServer, workers: Callable[..., WorkerProcess]) -> None:
    client = connect(redis_server.url)
    good = '{"at":"2026-05-14T07:00:00Z","cmd":"configure","invite_code":"ACME026"}'
    register(client, ["bad"])
    ids = submit(client, "bad", ["not json", '{"cmd":"nope"}', good])
    ids.append(client.xadd(MerchantKeys("bad").commands, {"other": "field"}))  # no `c`
    workers("w0", ttl_ms=2000)
    wait_applied(client, {"bad": ids}, 30)
    got = published(client, "bad")
    assert [p.id for p in got] == ids
    assert [p.error.split(":")[0] for p in got] == [
        "invalid_argument", "invalid_argument", "", "invalid_argument"]
    assert "cmd: unknown command \"nope\"" in got[1].error
    assert "line: not valid JSON" in got[0].error and "empty" in got[3].error
