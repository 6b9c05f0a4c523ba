"""A vshop web host in a child process for tests: free loopback port, scripted clock."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "examples" / "web"
START = "2026-05-14T08:00:00Z"  # a Thursday: Amsterdam is open (10:00), New York is not (04:00)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class WebServer:
    """The server process (`python -m server --test-mode`) and helpers to talk to it."""

    def __init__(self, db: Path, *, start: str = START, snapshot_every: int = 1000,
                 demo: bool = True, log: Path | None = None, test_mode: bool = True,
                 redis: str | None = None, scaleout: str | None = None,
                 merchant: str | None = None) -> None:
        self.db, self.port = db, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "server", "--db", str(db), "--port",
                str(self.port), "--start", start, "--snapshot-every", str(snapshot_every)]
        if redis is not None:  # the Redis backend, keys named after the database file
            args += ["--redis", redis, "--redis-name", db.stem]
        if scaleout is not None:  # a follower of the workers' streams (tests/scale)
            args += ["--scaleout", scaleout, "--merchant", merchant or db.stem]
        if test_mode:  # else the real clock
            args.append("--test-mode")
        if not demo:
            args.append("--no-demo")
        self.log = log or db.with_suffix(".log")
        self._log = open(self.log, "wb")
        path = os.pathsep.join(str(Path(p).resolve())
                               for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=path)
        self.proc = subprocess.Popen(args, cwd=WEB, stdout=self._log, stderr=subprocess.STDOUT,
                                     env=env)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
            try:
                httpx.get(self.url + "/api/me", timeout=1).raise_for_status()
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("server did not start within 20 s")

    def client(self, account: str | None = None, password: str | None = None) -> httpx.Client:
        """An HTTP client with its own cookies (a new shopper); logged in when `account`."""
        c = httpx.Client(base_url=self.url, timeout=10)
        c.get("/api/me").raise_for_status()
        if account is not None:
            r = c.post("/api/login", json={"name": account, "password": password or account})
            r.raise_for_status()
        return c

    def set_time(self, now: str) -> list[dict[str, Any]]:
        """Moves the scripted clock (the server fires due timers); returns their effects."""
        r = httpx.post(self.url + "/api/test/clock", json={"now": now}, timeout=10)
        r.raise_for_status()
        return list(r.json()["effects"])

    def snapshot(self) -> str:
        """The engine snapshot (canonical text)."""
        r = httpx.get(self.url + "/api/test/snapshot", timeout=10)
        r.raise_for_status()
        return r.text

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self._log.close()

    def stop(self) -> None:
        """Terminates the process (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()
