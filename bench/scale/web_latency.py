"""Browser command -> answer latency of the web host (issue 13 follow-up): on SQLite (the host
owns its engine) and in scale-out mode (XADD to the merchant's stream, a worker applies and
publishes, the web host's follower reads the effects stream and answers). Each run: a private
redis-server (AOF, appendfsync always) on loopback, two workers, one web host; one expert sends
N messages in a claimed chat, one at a time; the time of each HTTP round trip is measured.

usage: web_latency.py [--messages 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_built = [REPO / "build" / preset / "python" for preset in ("bench", "release")]
PACKAGE = next((p for p in _built if (p / "vshop").is_dir()), _built[-1])
sys.path[:0] = [str(PACKAGE), str(REPO / "examples" / "scaleout"), str(REPO / "tests" / "web"),
                str(REPO / "tests" / "scale")]
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(PACKAGE)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])

from webserver import WebServer  # noqa: E402
from webstack import Stack  # noqa: E402


def measure(web: WebServer, messages: int) -> list[float]:
    """Milliseconds per `send_message` round trip (after a warm-up of 20)."""
    web.set_time("2026-05-14T09:00:00Z")
    shopper, lisa = web.client(), web.client("lisa")
    lisa.post("/api/command", json={"cmd": "go_available"}).raise_for_status()
    chat = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    lisa.post("/api/command", json={"cmd": "claim", "chat": chat}).raise_for_status()
    times = []
    for i in range(messages + 20):
        started = time.perf_counter()
        r = lisa.post("/api/command", json={"cmd": "send_message", "chat": chat,
                                            "from": "expert", "text": f"message {i}"})
        r.raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times[20:]


def report(name: str, times: list[float]) -> float:
    times.sort()
    median, p99 = statistics.median(times), times[int(len(times) * 0.99) - 1]
    print(f"{name:28} median {median:6.2f} ms   p99 {p99:6.2f} ms   ({len(times)} commands)")
    return median


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--messages", type=int, default=500)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        web = WebServer(folder / "sqlite.sqlite3")
        try:
            local = report("web host on SQLite", measure(web, args.messages))
        finally:
            web.stop()
        stack = Stack(folder / "stack")
        web = WebServer(folder / "scale.sqlite3", scaleout=stack.url, merchant="bench")
        try:
            streams = report("web host on the streams", measure(web, args.messages))
        finally:
            web.stop()
            stack.stop()
    print(f"ratio (streams / SQLite, medians): {streams / local:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
