"""The web host's Redis backend (examples/web/server/redis_store.py) on its own: steps in order,
snapshot + tail with the stream trimmed below the snapshot, durability of acknowledged steps
across a SIGKILL of Redis with AOF, and a clear refusal of an unreachable Redis. (The web host's
restart tests run on both backends: tests/web/test_persistence_restart.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import redis
from scaleout.redis_server import RedisServer, free_port

WEB = Path(__file__).resolve().parents[2] / "examples" / "web"
sys.path.insert(0, str(WEB))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from persistence_contract import check_append_and_load_in_order  # noqa: E402
from server.redis_store import RedisStore  # noqa: E402


def test_append_and_load_in_order(redis_server: RedisServer) -> None:
    check_append_and_load_in_order(RedisStore(redis_server.url, "a"))
    assert RedisStore(redis_server.url, "b").load().tail == []  # names are separate


def test_snapshot_then_tail_and_trim(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)
    for i in range(5):
        store.append([f'{{"cmd":"{i}"}}'], [], {})
    store.save_snapshot(3, "SNAP3", {"k": 3})
    store.save_snapshot(5, "SNAP5", {"k": 5})
    store.close()
    again = RedisStore(redis_server.url)  # a new connection reads the same
    saved = again.load()
    assert (saved.snapshot, saved.host_state, saved.tail) == ("SNAP5", {"k": 5}, [])
    assert again.append(["{}"], [], {}) == 6  # numbering continues after the trimmed steps
    assert [s.seq for s in again.load().tail] == [6]
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    assert [i for i, _ in client.xrange("vshop:{web}:steps")] == ["6-0"]  # XTRIM MINID


def test_acknowledged_steps_survive_sigkill_of_redis_with_aof(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)
    for i in range(50):
        assert store.append([f'{{"cmd":"{i}"}}'], [f'{{"e":{i}}}'], {}) == i + 1
    store.save_snapshot(20, "SNAP20", {})
    redis_server.kill()
    redis_server.start()
    saved = RedisStore(redis_server.url).load()
    assert saved.snapshot == "SNAP20"
    assert [(s.seq, s.lines) for s in saved.tail] == [
        (i + 1, [f'{{"cmd":"{i}"}}']) for i in range(20, 50)]


def test_unreachable_redis_is_refused_clearly(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    run = subprocess.run([sys.executable, "-m", "server", "--redis", url, "--port",
                          str(free_port())], cwd=WEB, capture_output=True, text=True, timeout=30)
    assert run.returncode == 2
    assert f"--redis {url}" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("field", ["lines", "effects"])
def test_empty_lists_round_trip(redis_server: RedisServer, field: str) -> None:
    store = RedisStore(redis_server.url)
    store.append(["x"] if field == "effects" else [], ["y"] if field == "lines" else [], {})
    step = store.load().tail[0]
    assert getattr(step, field) == []
