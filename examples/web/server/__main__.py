"""`python -m server`: starts the vshop web host (run from examples/web, see README.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import uvicorn

from .accounts import Sessions, load_accounts
from .clock import Clock, RealClock, ScriptedClock
from .demo import create_demo, demo_commands
from .host import Host
from .persistence import Persistence, SqliteStore
from .app import build_app

HERE = Path(__file__).resolve().parent.parent


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--db", default="vshop-web.sqlite3", help="the SQLite database file")
    p.add_argument("--redis", metavar="URL",
                   help="store in Redis instead of SQLite (redis://host:port/db)")
    p.add_argument("--redis-name", default="web",
                   help="with --redis: the key prefix vshop:{NAME}: of this host")
    p.add_argument("--scaleout", metavar="URL",
                   help="scale-out mode: serve one merchant of the workers' Redis streams "
                        "(examples/scaleout; docs/scale-out.md)")
    p.add_argument("--merchant", default="demo", help="with --scaleout: the merchant served")
    p.add_argument("--accounts", default=str(HERE / "accounts.json"))
    p.add_argument("--snapshot-every", type=int, default=1000, help="steps between snapshots")
    p.add_argument("--no-demo", action="store_true", help="do not create the demo merchant")
    p.add_argument("--test-mode", action="store_true",
                   help="scripted clock and the /api/test/* endpoints (tests only)")
    p.add_argument("--start", default="2026-05-14T08:00:00Z",
                   help="the scripted clock's start (with --test-mode)")
    return p.parse_args(argv)


def open_store(args: argparse.Namespace) -> Persistence:
    """SQLite by default; Redis (redis_store.py, needs the `redis` package) with --redis."""
    if args.redis is None:
        return SqliteStore(args.db)
    from .redis_store import RedisStore

    return RedisStore(args.redis, args.redis_name)


def open_host(args: argparse.Namespace, clock: Clock) -> Host:
    """The host: its own engine and store, or (--scaleout) a follower of the workers' streams;
    the demo merchant is created when the journal is empty."""
    if args.scaleout is None:
        host = Host(open_store(args), clock, args.snapshot_every)
        if not host.restore() and not args.no_demo:
            create_demo(host)
        return host
    sys.path.insert(0, str(HERE.parent / "scaleout"))
    from .stream_host import StreamHost

    stream = StreamHost(args.scaleout, args.merchant, clock, args.snapshot_every)
    if not stream.restore() and not args.no_demo and not stream.create(demo_commands()):
        print(f"server: the demo commands of {args.merchant} are queued; no worker published "
              "them within 10 s", file=sys.stderr)
    return stream


def main(argv: list[str]) -> int:
    args = parse(argv)
    try:
        accounts = load_accounts(Path(args.accounts))
    except (OSError, ValueError) as e:
        print(f"server: accounts: {e}", file=sys.stderr)
        return 2
    if args.scaleout is not None and args.redis is not None:
        print("server: --scaleout and --redis: choose one (scale-out mode keeps no store of its "
              "own)", file=sys.stderr)
        return 2
    if args.snapshot_every < 1:
        print("server: --snapshot-every: must be at least 1", file=sys.stderr)
        return 2
    clock = (ScriptedClock(dt.datetime.fromisoformat(args.start.replace("Z", "+00:00")))
             if args.test_mode else RealClock())
    try:
        host = open_host(args, clock)
    except OSError as e:
        print(f"server: {e}", file=sys.stderr)
        return 2
    base = f"http://{args.host}:{args.port}"
    print(f"vshop web host on {base}\n  shop:      {base}/static/shop.html\n"
          f"  store app: {base}/static/store_app.html\n  dashboard: {base}/static/dashboard.html",
          flush=True)
    uvicorn.run(build_app(host, Sessions(accounts), args.test_mode), host=args.host,
                port=args.port, log_level="warning", timeout_graceful_shutdown=2,
                timeout_keep_alive=75, backlog=4096)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
