"""Fixtures of the scale-out tests: a private redis-server per test (free loopback port, temp
folder, stopped after), worker processes (stopped after)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "scaleout"))
from scaleout.cluster import WorkerProcess  # noqa: E402
from scaleout.redis_server import RedisServer  # noqa: E402


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """redis-server with AOF (appendfsync always) in tmp_path/redis."""
    server = RedisServer(tmp_path / "redis", aof=True)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def workers(tmp_path: Path, redis_server: RedisServer) -> Iterator[Callable[..., WorkerProcess]]:
    """Starts worker processes on the test's Redis: `workers("w1", ttl_ms=1000)`."""
    started: list[WorkerProcess] = []

    def start(name: str, **options: Any) -> WorkerProcess:
        w = WorkerProcess(redis_server.url, name, tmp_path / f"{name}.log", **options)
        started.append(w)
        return w

    yield start
    for w in started:
        w.stop()

