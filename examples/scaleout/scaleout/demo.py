"""`python -m scaleout demo`: a private Redis, three workers, merchants with a generated day
each, one worker killed with SIGKILL mid-run; then the check against a single-process run."""

from __future__ import annotations

import signal
import tempfile
import time
from pathlib import Path

from .client import connect
from .cluster import (WorkerProcess, check, load, owners, wait_applied, wait_served,
                      wait_shared)
from .daygen import merchant_day
from .redis_server import RedisServer


def run_demo(merchants: int, chats: int) -> int:
    """Runs the demo; 0 when every merchant matches the single-process run."""
    with tempfile.TemporaryDirectory(prefix="vshop-scaleout-") as tmp:
        folder = Path(tmp)
        server = RedisServer(folder / "redis", aof=True)
        workers: list[WorkerProcess] = []
        try:
            client = connect(server.url)
            days = {f"m{i:04d}": merchant_day(f"m{i:04d}", chats) for i in range(merchants)}
            print(f"redis {server.url}; {merchants} merchants, "
                  f"{sum(map(len, days.values()))} commands")
            workers = [WorkerProcess(server.url, f"w{i}", folder / f"w{i}.log") for i in range(3)]
            start = time.monotonic()
            acked = load(client, days)
            wait_shared(client, sorted(days), {w.name for w in workers}, 60)
            wait_applied(client, acked, 120, share=0.3)
            held = sum(o == "w0" for o in owners(client, sorted(days)).values())
            print(f"kill -9 w0 (holding {held} merchants) at 30% of the merchants done")
            workers[0].signal(signal.SIGKILL)
            wait_applied(client, acked, 120)
            print(f"all applied in {time.monotonic() - start:.1f} s")
            taken = wait_served(client, sorted(days), {"w0"}, 60)
            print(f"w0's merchants served again {taken:.1f} s later")
            for w in workers[1:]:
                w.stop()
            for w in workers:
                print("".join(f"  {line}\n" for line in w.output().splitlines()
                              if "stopped" in line or "lost" in line), end="")
            problems = check(client, days, acked)
            print("\n".join(problems) if problems else
                  "every merchant's effects and snapshot equal the single-process run")
            return 1 if problems else 0
        finally:
            for w in workers:
                w.stop()
            server.stop()
