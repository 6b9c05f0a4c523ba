"""A private redis-server for tests, the benchmark and the demo: a free loopback port, its own
directory, optionally AOF with fsync on every write; stopped (or killed) by its owner."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis


def redis_server_path() -> str | None:
    """The redis-server executable, or None when it is not installed."""
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """`redis-server` on 127.0.0.1:<free port> in `folder`; `aof` turns on appendonly with
    appendfsync always (an acknowledged write is on disk)."""

    def __init__(self, folder: Path, *, aof: bool = False) -> None:
        exe = redis_server_path()
        if exe is None:
            raise FileNotFoundError("redis-server is not installed (apt-get install redis-server)")
        self.exe, self.folder, self.aof = exe, folder, aof
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        folder.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        """Starts (or restarts, same port and folder) and waits until it answers PING."""
        args = [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--dir",
                str(self.folder), "--save", "", "--daemonize", "no", "--protected-mode", "yes"]
        if self.aof:
            args += ["--appendonly", "yes", "--appendfsync", "always"]
        else:
            args += ["--appendonly", "no"]
        log = open(self.folder / "redis.log", "ab")
        self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except (redis.ConnectionError, redis.BusyLoadingError, redis.TimeoutError):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: see {self.folder}/redis.log")
                time.sleep(0.02)
        client.close()

    def kill(self) -> None:
        """SIGKILL: nothing is flushed beyond what was already acknowledged."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """Terminates the server."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
