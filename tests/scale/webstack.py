"""The scale-out stack the web host's tests run on (VSHOP_WEB_SCALEOUT=1): a private
redis-server and two workers that do not fire timers (the tests' scripted clock advances time
through the stream, `/api/test/clock`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "scaleout"))
from scaleout.cluster import WorkerProcess  # noqa: E402
from scaleout.redis_server import RedisServer  # noqa: E402


class Stack:
    """Redis and workers `w1`, `w2` under `folder`; `stop()` ends them."""

    def __init__(self, folder: Path, workers: int = 2, timers: bool = False) -> None:
        self.redis = RedisServer(folder / "redis", aof=True)
        self.url = self.redis.url
        self.workers = [WorkerProcess(self.url, f"w{i + 1}", folder / f"w{i + 1}.log",
                                      ttl_ms=1000, timers=timers) for i in range(workers)]

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.redis.stop()
