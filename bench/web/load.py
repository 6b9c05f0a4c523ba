"""Load benchmark of the web host on loopback (asyncio + httpx).

Starts `python -m server` (real clock, fresh database, no demo) with one store open 24/7 and
N experts, opens one event stream per expert, and runs M shoppers for D seconds. Each shopper
loops: request_chat -> the first offered expert claims -> expert message -> finish -> rate.
A request that finds every expert busy (each holds one offer at a time) is missed at once;
the shopper waits 1 s and asks again. Measures accepted commands per second (all sessions)
and, for every claim, the latency from sending the claim request to each other offered
expert receiving its offer_withdrawn (claimed_by_other) event. Prints the figures as JSON.

    python bench/web/load.py --experts 50 --shoppers 500 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "examples" / "web"
INVITE = "BENCH26"


class Stats:
    """Counters shared by the simulated clients."""

    def __init__(self) -> None:
        self.commands = 0
        self.errors: dict[str, int] = {}
        self.claim_sent: dict[str, float] = {}
        self.withdraw_ms: list[float] = []
        self.finished: dict[str, asyncio.Event] = {}
        self.chats = 0
        self.missed = 0
        self.timeouts = 0


async def command(client: httpx.AsyncClient, stats: Stats, body: dict[str, Any]) -> Any:
    try:
        r = await client.post("/api/command", json=body)
    except httpx.TransportError as e:
        name = type(e).__name__
        stats.errors[name] = stats.errors.get(name, 0) + 1
        return None
    if r.status_code == 200:
        stats.commands += 1
        return r.json()
    code = r.json().get("error", str(r.status_code))
    stats.errors[code] = stats.errors.get(code, 0) + 1
    return None


async def events(client: httpx.AsyncClient, ready: asyncio.Event) -> Any:
    """Yields (kind, data) from /api/events."""
    async with client.stream("GET", "/api/events", timeout=None) as r:
        kind = None
        async for line in r.aiter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                if kind == "hello":
                    ready.set()
                    continue
                yield kind, json.loads(line[6:])


async def expert(me: str, url: str, stats: Stats, ready: asyncio.Event) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as c:
        await c.post("/api/login", json={"name": me, "password": me})
        async for kind, e in events(c, ready):
            if kind != "effect":
                continue
            if e["effect"] == "chat_offered" and e["experts"][0] == me and e["chat"] not in \
                    stats.claim_sent:
                asyncio.get_running_loop().create_task(serve(c, me, e["chat"], stats))
            elif e["effect"] == "offer_withdrawn" and e["expert"] == me and \
                    e["reason"] == "claimed_by_other" and e["chat"] in stats.claim_sent:
                stats.withdraw_ms.append((time.perf_counter() - stats.claim_sent[e["chat"]]) * 1e3)


async def serve(c: httpx.AsyncClient, me: str, chat: str, stats: Stats) -> None:
    stats.claim_sent[chat] = time.perf_counter()
    if await command(c, stats, {"cmd": "claim", "chat": chat}) is not None:
        await command(c, stats, {"cmd": "send_message", "chat": chat, "from": "expert",
                                 "text": "Hello, how can I help?"})
        await command(c, stats, {"cmd": "finish_chat", "chat": chat})
    stats.finished.setdefault(chat, asyncio.Event()).set()


async def shopper(i: int, url: str, stats: Stats, until: float) -> None:
    cookies = {"vshop_shopper": f"s-{i:016x}"}
    async with httpx.AsyncClient(base_url=url, timeout=30, cookies=cookies) as c:
        while time.perf_counter() < until:
            answer = await command(c, stats, {"cmd": "request_chat"})
            if answer is None:
                await asyncio.sleep(0.1)
                continue
            chat = answer["chat"]
            if any(e["effect"] == "chat_missed" for e in answer["effects"]):
                stats.missed += 1  # every expert is busy with an offer or at capacity
                await asyncio.sleep(1.0)
                continue
            done = stats.finished.setdefault(chat, asyncio.Event())
            try:
                await asyncio.wait_for(done.wait(), 60)
            except asyncio.TimeoutError:
                stats.timeouts += 1
                continue
            stats.chats += 1
            await command(c, stats, {"cmd": "rate_chat", "chat": chat, "stars": 5})


def start_server(folder: Path, experts: int, port: int) -> subprocess.Popen[bytes]:
    accounts = [{"name": "manager", "password": "manager",
                 "access": ["analytics", "team", "store", "settings"]}]
    accounts += [{"name": f"e{i}", "password": f"e{i}", "access": [], "expert": f"e{i}"}
                 for i in range(experts)]
    (folder / "accounts.json").write_text(json.dumps(accounts))
    built = [REPO / "build" / preset / "python" for preset in ("bench", "release")]
    package = next((p for p in built if (p / "vshop").is_dir()), built[-1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(package)] + sys.path))
    return subprocess.Popen(
        [sys.executable, "-m", "server", "--no-demo", "--db", str(folder / "bench.sqlite3"),
         "--accounts", str(folder / "accounts.json"), "--port", str(port)],
        cwd=WEB, env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "wb"))


async def setup(url: str, experts: int) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as m:
        for _ in range(200):
            try:
                (await m.get("/api/me")).raise_for_status()
                break
            except httpx.HTTPError:
                await asyncio.sleep(0.05)
        (await m.post("/api/login", json={"name": "manager", "password": "manager"})
         ).raise_for_status()
        for body in [{"cmd": "configure", "invite_code": INVITE, "max_active_chats": 10},
                     {"cmd": "add_store", "store": "s1", "timezone": "UTC", "osm_hours": "24/7"}]:
            (await m.post("/api/command", json=body)).raise_for_status()
        for i in range(experts):
            for body in [{"cmd": "register_expert", "expert": f"e{i}", "name": f"Expert {i}",
                          "email": f"e{i}@bench.example", "invite_code": INVITE},
                         {"cmd": "approve_expert", "expert": f"e{i}", "store": "s1"}]:
                (await m.post("/api/command", json=body)).raise_for_status()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from webserver_port import free_port  # noqa: PLC0415

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        proc = start_server(Path(tmp), args.experts, port)
        try:
            await setup(url, args.experts)
            stats = Stats()
            readies = [asyncio.Event() for _ in range(args.experts)]
            tasks = [asyncio.create_task(expert(f"e{i}", url, stats, readies[i]))
                     for i in range(args.experts)]
            await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
            async with httpx.AsyncClient(base_url=url, timeout=30) as c:
                for i in range(args.experts):
                    await c.post("/api/login", json={"name": f"e{i}", "password": f"e{i}"})
                    await command(c, stats, {"cmd": "go_available"})
            stats.commands = 0
            cpu0 = cpu_seconds(proc.pid)
            start = time.perf_counter()
            until = start + args.seconds
            await asyncio.gather(*(shopper(i, url, stats, until) for i in range(args.shoppers)))
            elapsed = time.perf_counter() - start
            server_cpu = cpu_seconds(proc.pid) - cpu0
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
    w = stats.withdraw_ms
    return {
        "experts": args.experts, "shoppers": args.shoppers, "seconds": round(elapsed, 1),
        "commands": stats.commands, "commands_per_s": round(stats.commands / elapsed, 1),
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_ms_per_command": round(server_cpu * 1e3 / max(1, stats.commands), 3),
        "load_average": os.getloadavg()[0],
        "chats_completed": stats.chats, "missed": stats.missed, "errors": stats.errors,
        "withdrawals_measured": len(w), "timeouts": stats.timeouts,
        "claim_to_withdrawn_ms": {"median": round(statistics.median(w), 2) if w else None,
                                  "p99": round(percentile(w, 0.99), 2) if w else None},
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--experts", type=int, default=50)
    p.add_argument("--shoppers", type=int, default=500)
    p.add_argument("--seconds", type=float, default=30)
    args = p.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
