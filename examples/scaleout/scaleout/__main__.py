"""`python -m scaleout worker --redis URL --name NAME`: one worker process (see README.md);
`python -m scaleout demo`: a private Redis, three workers, twenty merchants, a kill -9."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from types import FrameType

import vshop

from .client import connect
from .stamp import to_ms
from .worker import Worker, wall_ms


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m scaleout", description=__doc__)
    sub = p.add_subparsers(dest="what", required=True)
    w = sub.add_parser("worker", help="run one worker until SIGTERM or SIGINT")
    w.add_argument("--redis", required=True, help="redis://host:port/db")
    w.add_argument("--name", required=True, help="this worker's unique name")
    w.add_argument("--ttl-ms", type=int, default=3000, help="lease lifetime")
    w.add_argument("--snapshot-every", type=int, default=500, help="commands between snapshots")
    w.add_argument("--batch", type=int, default=100, help="commands read per merchant per step")
    w.add_argument("--no-timers", action="store_true",
                   help="do not fire timers (the producers advance the time, e.g. a test clock)")
    w.add_argument("--clock-start", metavar="INSTANT",
                   help="the timers' clock starts at this instant and runs at real speed (tests)")
    d = sub.add_parser("demo", help="a private Redis, three workers, a kill -9, the check")
    d.add_argument("--merchants", type=int, default=20)
    d.add_argument("--chats", type=int, default=40, help="chat requests per merchant")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.what == "demo":
        from .demo import run_demo

        return run_demo(args.merchants, args.chats)
    for name, value in (("--ttl-ms", args.ttl_ms), ("--snapshot-every", args.snapshot_every),
                        ("--batch", args.batch)):
        if value < 1:
            print(f"scaleout: {name}: {value} is not at least 1", file=sys.stderr)
            return 2
    now_ms = wall_ms
    if args.clock_start is not None:
        try:
            start = to_ms(vshop.parse_instant(args.clock_start))
        except vshop.Error as e:
            print(f"scaleout: --clock-start: {e}", file=sys.stderr)
            return 2
        began = time.monotonic()

        def now_ms() -> int:
            return start + int((time.monotonic() - began) * 1000)

    worker = Worker(connect(args.redis), args.name, ttl_ms=args.ttl_ms,
                    snapshot_every=args.snapshot_every, batch=args.batch,
                    timers=not args.no_timers, now_ms=now_ms)

    def stop(signum: int, frame: FrameType | None) -> None:
        worker.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    worker.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
