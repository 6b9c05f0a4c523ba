"""Scale-out benchmark (issue 13): commands/s across 1, 2 and 4 worker processes, the cost of a
takeover (kill -9 -> the merchant serving again) against the journal tail length, and the
snapshot size per merchant. Each measurement uses a private redis-server on loopback.

usage: scale.py [--merchants 200] [--chats 40] [--reps 3]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_built = [REPO / "build" / preset / "python" for preset in ("bench", "release")]
PACKAGE = next((p for p in _built if (p / "vshop").is_dir()), _built[-1])
sys.path[:0] = [str(PACKAGE), str(REPO / "examples" / "scaleout")]
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(PACKAGE)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])

from scaleout import client as sc  # noqa: E402
from scaleout.cluster import WorkerProcess, wait_applied, wait_served, wait_shared  # noqa: E402
from scaleout.daygen import merchant_day, merchant_days  # noqa: E402
from scaleout.fencing import Fencing  # noqa: E402
from scaleout.keys import MerchantKeys  # noqa: E402
from scaleout.merchant import take_over  # noqa: E402
from scaleout.redis_server import RedisServer  # noqa: E402


def throughput(folder: Path, workers: int, days: dict[str, list[str]], aof: bool) -> float:
    """Commands/s: `workers` processes already holding the merchants, all commands submitted."""
    server = RedisServer(folder / "redis", aof=aof)
    procs = [WorkerProcess(server.url, f"w{i}", folder / f"w{i}.log", ttl_ms=3000,
                           snapshot_every=500, batch=100) for i in range(workers)]
    try:
        client = sc.connect(server.url)
        merchants = sorted(days)
        sc.register(client, merchants)
        wait_served(client, merchants, set(), 60)
        wait_shared(client, merchants, {p.name for p in procs}, 60)
        start = time.monotonic()
        acked = {m: sc.submit(client, m, lines) for m, lines in days.items()}
        wait_applied(client, acked, 600)
        return sum(map(len, days.values())) / (time.monotonic() - start)
    finally:
        for p in procs:
            p.stop()
        server.stop()


def takeover(folder: Path, tail: int) -> tuple[float, float, float]:
    """(kill -> serving, kill -> lease taken, restore + replay in process) in seconds, for a
    merchant whose commands since its last snapshot number `tail` (no snapshot: all of them)."""
    server = RedisServer(folder / "redis")
    lines = merchant_day("m0", 40, days=tail // 240 + 2)
    a = WorkerProcess(server.url, "a", folder / "a.log", ttl_ms=1000, snapshot_every=10**9)
    procs = [a]
    try:
        client = sc.connect(server.url)
        sc.register(client, ["m0"])
        ids = sc.submit(client, "m0", lines[:tail])
        wait_served(client, ["m0"], set(), 30)
        wait_applied(client, {"m0": ids}, 120)
        procs.append(WorkerProcess(server.url, "b", folder / "b.log", ttl_ms=1000,
                                   snapshot_every=10**9))
        time.sleep(1.0)  # b is up and idle
        a.signal(signal.SIGKILL)
        killed = time.monotonic()
        (probe,) = sc.submit(client, "m0", [lines[tail]])
        taken = killed + wait_served(client, ["m0"], {"a"}, 30)
        wait_applied(client, {"m0": [probe]}, 60)
        serving = time.monotonic()
        keys = MerchantKeys("m0")
        fencing = Fencing(client)
        for p in procs:
            p.signal(signal.SIGKILL)  # no shutdown snapshot: the tail stays the whole journal
        client.delete(keys.lease)
        epoch = fencing.acquire(keys, "bench", 60000)
        t = time.perf_counter()
        take_over(client, keys, f"bench:{epoch}", epoch)
        replay = time.perf_counter() - t
        return serving - killed, taken - killed, replay
    finally:
        for p in procs:
            p.stop()
        server.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--merchants", type=int, default=200)
    p.add_argument("--chats", type=int, default=40, help="chat requests per merchant")
    p.add_argument("--reps", type=int, default=3)
    args = p.parse_args()
    days = merchant_days(args.merchants, args.chats)
    total = sum(map(len, days.values()))
    print(f"vshop package: {PACKAGE}\n{args.merchants} merchants, {total} commands; "
          f"medians of {args.reps} runs\n")
    print("| worker processes | commands/s (no AOF) | vs 1 |")
    print("|---|---|---|")
    base = 0.0
    for n in (1, 2, 4):
        with tempfile.TemporaryDirectory() as tmp:
            rates = [throughput(Path(tmp) / str(r), n, days, aof=False) for r in range(args.reps)]
        rate = statistics.median(rates)
        base = base or rate
        print(f"| {n} | {rate:,.0f} | {rate / base:.2f}x |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        rates = [throughput(Path(tmp) / str(r), 2, days, aof=True) for r in range(args.reps)]
    print(f"| 2, AOF appendfsync always | {statistics.median(rates):,.0f} | "
          f"{statistics.median(rates) / base:.2f}x |\n", flush=True)

    print("| tail (commands since the snapshot) | kill -> serving | kill -> lease taken | "
          "restore + replay |")
    print("|---|---|---|---|")
    for tail in (10, 250, 1000, 4000):
        with tempfile.TemporaryDirectory() as tmp:
            runs = [takeover(Path(tmp) / str(r), tail) for r in range(args.reps)]
        serve, taken, replay = (statistics.median(x) for x in zip(*runs))
        print(f"| {tail} | {serve * 1000:.0f} ms | {taken * 1000:.0f} ms | "
              f"{replay * 1000:.1f} ms |", flush=True)

    print("\n| merchant history | commands | snapshot bytes |")
    print("|---|---|---|")
    from scaleout.reference import run_merchant

    for n_days in (1, 5, 20):
        lines = merchant_day("m0", args.chats, days=n_days)
        _, snapshot = run_merchant(lines)
        print(f"| {n_days} day(s), {args.chats} chats a day | {len(lines)} | "
              f"{len(snapshot.encode()):,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
