"""Running a set of worker processes against one Redis and checking the outcome against the
single-process reference (the demo, the tests and the benchmark share this)."""

from __future__ import annotations

import bisect
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis

from . import client as sc
from .keys import MerchantKeys
from .merchant import id_key
from .reference import run_merchant

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # examples/scaleout


class WorkerProcess:
    """`python -m scaleout worker` in a child process, its output in `log`."""

    def __init__(self, url: str, name: str, log: Path, *, ttl_ms: int = 1500,
                 snapshot_every: int = 100, batch: int = 100, timers: bool = True,
                 clock_start: str | None = None) -> None:
        self.name, self.log = name, log
        path = os.pathsep.join([str(PACKAGE_ROOT)] + [
            str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
            if p])
        env = dict(os.environ, PYTHONPATH=path, PYTHONDONTWRITEBYTECODE="1")
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "scaleout", "worker", "--redis", url, "--name", name,
                 "--ttl-ms", str(ttl_ms), "--snapshot-every", str(snapshot_every),
                 "--batch", str(batch)] + ([] if timers else ["--no-timers"])
                + ([] if clock_start is None else ["--clock-start", clock_start]), stdout=out, stderr=subprocess.STDOUT, env=env)

    def signal(self, sig: int) -> None:
        """Sends a signal (SIGKILL, SIGSTOP, SIGCONT, ...)."""
        self.proc.send_signal(sig)

    def stop(self) -> int:
        """SIGTERM (graceful: snapshots and releases) and waits; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return int(self.proc.returncode)

    def output(self) -> str:
        """What the worker logged so far."""
        return self.log.read_text(errors="replace")


def load(client: redis.Redis, days: dict[str, list[str]]) -> dict[str, list[str]]:
    """Registers the merchants and appends their commands; returns the acknowledged ids."""
    sc.register(client, sorted(days))
    return {m: sc.submit(client, m, lines) for m, lines in days.items()}


def progress(client: redis.Redis, acked: dict[str, list[str]]) -> float:
    """The share of the acknowledged commands (merchant -> ids in order) applied so far."""
    done = sc.applied(client, sorted(acked))
    count = sum(bisect.bisect_right([id_key(i) for i in ids], id_key(done[m]))
                for m, ids in acked.items())
    return count / max(sum(map(len, acked.values())), 1)


def wait_applied(client: redis.Redis, acked: dict[str, list[str]], timeout: float,
                 share: float = 1.0) -> float:
    """Waits until `share` of the acknowledged commands are applied; returns the seconds."""
    start = time.monotonic()
    while progress(client, acked) < share:
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{progress(client, acked):.0%} applied after {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - start


def owners(client: redis.Redis, merchants: list[str]) -> dict[str, str | None]:
    """Who holds each merchant's lease now (worker name, or None)."""
    pipe = client.pipeline(transaction=False)
    for m in merchants:
        pipe.get(MerchantKeys(m).lease)
    return {m: lease.rpartition(":")[0] if lease else None
            for m, lease in zip(merchants, pipe.execute())}


def wait_served(client: redis.Redis, merchants: list[str], dead: set[str],
                timeout: float) -> float:
    """Waits until every merchant is held by a live worker (not in `dead`); returns seconds."""
    start = time.monotonic()
    while any(o is None or o in dead for o in owners(client, merchants).values()):
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"merchants not served again after {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - start


def wait_shared(client: redis.Redis, merchants: list[str], names: set[str],
                timeout: float) -> None:
    """Waits until each named worker holds at least one merchant (so a kill hits real work)."""
    deadline = time.monotonic() + timeout
    while not names <= set(owners(client, merchants).values()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the workers {sorted(names)} did not share the merchants")
        time.sleep(0.05)


def check(client: redis.Redis, days: dict[str, list[str]],
          acked: dict[str, list[str]]) -> list[str]:
    """Compares every merchant's published outcomes and stored snapshot with the reference run;
    returns the differences (empty when byte-identical, nothing missing or duplicated)."""
    problems: list[str] = []
    for m, lines in sorted(days.items()):
        results, snapshot = run_merchant(lines)
        got = sc.published(client, m)
        if [p.id for p in got] != acked[m]:
            problems.append(f"{m}: published ids differ from the acknowledged commands "
                            f"({len(got)} published, {len(acked[m])} acknowledged)")
        elif [(p.effects, p.error) for p in got] != results:
            problems.append(f"{m}: published effects differ from the single-process run")
        stored = sc.stored_snapshot(client, m)
        if stored is None or stored != (acked[m][-1], snapshot):
            problems.append(f"{m}: stored snapshot differs from the single-process run")
        epochs = [p.epoch for p in got]
        if epochs != sorted(epochs):
            problems.append(f"{m}: an older epoch published after a newer one")
    return problems
