"""The web host in scale-out mode (`python -m server --scaleout URL`) against two workers: the
HTTP answer of a command is its published outcome, live events come from the effects stream,
queries from the follower engine; a kill -9 of the owning worker loses and repeats nothing; the
owner fires timers through the stream (an offer countdown expires with no request)."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import httpx
import pytest
import redis
from scaleout import client as sc
from scaleout.cluster import WorkerProcess
from scaleout.keys import MerchantKeys
from scaleout.redis_server import RedisServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from webserver import WebServer  # noqa: E402

MERCHANT = "shop"


class Events:
    """A session's server-sent events, read in a thread until `close()`."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.seen: list[tuple[str, dict[str, Any]]] = []
        self.ready, self.closed = threading.Event(), False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        assert self.ready.wait(10)

    def _read(self) -> None:
        try:
            self._lines()
        except httpx.HTTPError:
            return  # the server stopped

    def _lines(self) -> None:
        with self.client.stream("GET", "/api/events", timeout=None) as r:
            kind = None
            for line in r.iter_lines():
                if self.closed:
                    return
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    if kind == "hello":
                        self.ready.set()
                    else:
                        self.seen.append((str(kind), json.loads(line[6:])))

    def effects(self) -> list[dict[str, Any]]:
        return [d for k, d in self.seen if k == "effect"]

    def wait_for(self, effect: str, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [e for e in self.effects() if e["effect"] == effect]
            if found:
                return found[-1]
            time.sleep(0.02)
        raise AssertionError(f"no {effect} event within {timeout} s: {self.seen}")


def ok(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    return dict(r.json())


def published_effects(client: redis.Redis) -> list[dict[str, Any]]:
    """Every effect of the merchant in the effects stream, in order."""
    entries: Any = client.xrange(MerchantKeys(MERCHANT).effects)
    return [json.loads(e) for _, f in entries for e in f["e"].split("\n") if e]


def owner(client: redis.Redis) -> str:
    lease = client.get(MerchantKeys(MERCHANT).lease)
    assert lease, "no worker holds the merchant"
    return str(lease).split(":")[0]


class Stack:
    """Workers w1, w2 (lease TTL 1 s) and web hosts following MERCHANT; stopped after."""

    def __init__(self, folder: Path, url: str, workers: Callable[..., WorkerProcess]) -> None:
        self.folder, self.url, self.workers = folder, url, workers
        self.servers: list[WebServer] = []

    def start(self, snapshot_every: int = 1000, **options: Any
              ) -> tuple[WebServer, dict[str, WorkerProcess]]:
        """The two workers (options of WorkerProcess) and one web host."""
        ws = {n: self.workers(n, ttl_ms=1000, snapshot_every=snapshot_every, **options)
              for n in ("w1", "w2")}
        return self.web(snapshot_every), ws

    def web(self, snapshot_every: int = 1000) -> WebServer:
        """One more web host (`--snapshot-every`)."""
        self.servers.append(WebServer(self.folder / f"web{len(self.servers)}.sqlite3",
                                      scaleout=self.url, merchant=MERCHANT,
                                      snapshot_every=snapshot_every))
        return self.servers[-1]


@pytest.fixture
def stack(tmp_path: Path, redis_server: RedisServer,
          workers: Callable[..., WorkerProcess]) -> Iterator[Stack]:
    s = Stack(tmp_path, redis_server.url, workers)
    yield s
    for server in s.servers:
        server.stop()


def test_chat_through_the_streams_survives_kill_of_the_owner(
        stack: Stack, redis_server: RedisServer) -> None:
    web, ws = stack.start(timers=False)
    r = redis.Redis.from_url(redis_server.url, decode_responses=True)
    web.set_time("2026-05-14T09:00:00Z")
    shopper, lisa, admin = web.client(), web.client("lisa"), web.client("admin")
    seen = {"lisa": Events(lisa), "admin": Events(admin)}
    assert [e["effect"] for e in ok(lisa.post("/api/command", json={"cmd": "go_available"}))[
        "effects"]] == ["expert_available"]
    asked = ok(shopper.post("/api/command", json={"cmd": "request_chat", "page_url": "/p/1"}))
    chat = asked["chat"]
    offer = seen["lisa"].wait_for("chat_offered")  # the expert's offer over SSE
    assert offer["chat"] == chat and offer["experts"] == ["lisa"]
    assert ok(lisa.get("/api/expert/lisa"))["offer"]["chat"] == chat  # the follower's view
    ok(lisa.post("/api/command", json={"cmd": "claim", "chat": chat}))
    refused = lisa.post("/api/command", json={"cmd": "claim", "chat": chat})
    assert refused.status_code == 409 and refused.json()["error"] == "offer_not_pending"
    ok(shopper.post("/api/command", json={"cmd": "send_message", "chat": chat,
                                          "from": "shopper", "text": "before"}))
    victim = owner(r)
    ws[victim].signal(signal.SIGKILL)
    ws[victim].proc.wait(10)
    for i in range(5):  # the first may wait for the takeover (lease TTL 1 s)
        ok(lisa.post("/api/command", json={"cmd": "send_message", "chat": chat,
                                           "from": "expert", "text": f"after {i}"}))
    assert owner(r) != victim
    texts = [m["text"] for m in ok(shopper.get(f"/api/chat/{chat}"))["messages"]]
    assert texts == ["before"] + [f"after {i}" for i in range(5)]
    time.sleep(0.5)  # the last events reach the readers
    published = published_effects(r)
    assert seen["admin"].effects() == published  # a manager sees every effect: none lost or twice
    lisas = [e for e in published if "lisa" in (e.get("expert"), *e.get("experts", []))
             or e.get("chat") == chat]
    assert seen["lisa"].effects() == lisas
    messages = [d["text"] for k, d in seen["lisa"].seen if k == "message"]
    assert messages == texts


def test_owner_fires_an_offer_timeout_through_the_stream_R_CHAT_5(
        stack: Stack, redis_server: RedisServer) -> None:
    # the workers' timer clock runs from 09:00 (real speed); nobody sets the web host's clock
    web, _ = stack.start(timers=True, clock_start="2026-05-14T09:00:00Z")
    r = redis.Redis.from_url(redis_server.url, decode_responses=True)
    web.set_time("2026-05-14T09:00:00Z")
    shopper, lisa = web.client(), web.client("lisa")
    ok(web.client("admin").post("/api/command", json={"cmd": "configure", "offer_timeout_s": 5}))
    seen = Events(lisa)
    ok(lisa.post("/api/command", json={"cmd": "go_available"}))
    chat = ok(shopper.post("/api/command", json={"cmd": "request_chat"}))["chat"]
    offer = seen.wait_for("chat_offered")
    assert seen.effects()[-1] == offer  # not expired before its deadline
    expired = seen.wait_for("offer_expired", timeout=20)
    assert expired["chat"] == chat and expired["at"] == offer["deadline"]
    entries: Any = r.xrange(MerchantKeys(MERCHANT).commands)
    advances = [json.loads(f["c"]) for _, f in entries if '"advance"' in f["c"]]
    assert {"cmd": "advance", "at": offer["deadline"]} in advances  # journaled in the stream
    assert ok(lisa.get("/api/expert/lisa"))["offer"] is None


def test_no_worker_answers_503_and_the_command_applies_later(
        stack: Stack, workers: Callable[..., WorkerProcess]) -> None:
    web, ws = stack.start(timers=False)
    web.set_time("2026-05-14T09:00:00Z")
    for w in ws.values():
        w.stop()
    lisa = web.client("lisa")
    started = time.monotonic()
    r = lisa.post("/api/command", json={"cmd": "go_available"}, timeout=30)
    assert r.status_code == 503 and r.json()["error"] == "unavailable"
    assert "do not send it again" in r.json()["message"] and time.monotonic() - started < 10
    workers("w3", ttl_ms=1000, timers=False)
    deadline = time.monotonic() + 10
    while ok(lisa.get("/api/expert/lisa"))["available"] is not True:
        assert time.monotonic() < deadline, "the queued command was never applied"
        time.sleep(0.05)


def test_web_restart_resumes_from_its_snapshot_and_equals_the_owner(
        stack: Stack, redis_server: RedisServer) -> None:
    web, ws = stack.start(snapshot_every=4, timers=False)  # web and workers snapshot every 4
    r = redis.Redis.from_url(redis_server.url, decode_responses=True)
    web.set_time("2026-05-14T09:00:00Z")
    shopper, lisa = web.client(), web.client("lisa")
    ok(lisa.post("/api/command", json={"cmd": "go_available"}))
    chat = ok(shopper.post("/api/command", json={"cmd": "request_chat"}))["chat"]
    ok(lisa.post("/api/command", json={"cmd": "claim", "chat": chat}))
    for i in range(6):
        ok(shopper.post("/api/command", json={"cmd": "send_message", "chat": chat,
                                              "from": "shopper", "text": f"m{i}"}))
    before = web.snapshot()
    cookies = dict(shopper.cookies)
    web.kill()
    keys = MerchantKeys(MERCHANT)
    follower_id = r.hget(keys.follower, "id")
    assert follower_id and follower_id != "0-0"
    again = stack.web(4)
    assert again.snapshot() == before  # the follower snapshot + the tail: the same engine
    shopper2 = httpx.Client(base_url=again.url, cookies=cookies)
    texts = [m["text"] for m in ok(shopper2.get(f"/api/chat/{chat}"))["messages"]]
    assert texts == [f"m{i}" for i in range(6)]  # the host data survived the restart
    for w in ws.values():
        assert w.stop() == 0  # graceful: each owner snapshots at its applied id
    stored: Any = r.hgetall(keys.snapshot)
    assert stored["id"] == r.get(keys.applied) and stored["data"] == again.snapshot()
    info: Any = r.xinfo_stream(keys.effects)
    added: Any = r.xinfo_stream(keys.commands)
    assert info["entries-added"] == added["entries-added"]
    assert info["length"] < info["entries-added"]  # trimmed below both snapshots


def test_redis_down_answers_503_then_the_host_resumes(stack: Stack,
                                                       redis_server: RedisServer) -> None:
    web, _ = stack.start(timers=False)
    web.set_time("2026-05-14T09:00:00Z")
    lisa = web.client("lisa")
    redis_server.kill()
    r = lisa.post("/api/command", json={"cmd": "go_available"})
    assert r.status_code == 503 and r.json()["error"] == "unavailable"
    assert r.json()["message"].startswith("redis: ")
    redis_server.start()  # AOF: nothing acknowledged is lost; workers and follower reconnect
    deadline = time.monotonic() + 20
    r = lisa.post("/api/command", json={"cmd": "go_available"}, timeout=30)
    while r.status_code == 503 and time.monotonic() < deadline:  # a worker is taking over
        time.sleep(0.2)
        r = lisa.post("/api/command", json={"cmd": "go_available"}, timeout=30)
    assert r.status_code != 503, r.text
    assert ok(lisa.get("/api/expert/lisa"))["available"] is True
    published = sc.published(redis.Redis.from_url(redis_server.url, decode_responses=True),
                             MERCHANT)
    assert sum(p.effects.count('"expert_available"') for p in published) == 1
