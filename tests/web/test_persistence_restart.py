"""Persistence: SIGKILL mid-day, restart from the store (latest snapshot + journal tail), and
the engine snapshot is byte-identical to an uninterrupted run; host data (messages) survives.
Every test runs against both backends: SQLite (the default) and Redis (`--redis`, a private
redis-server with AOF; skipped only when redis-server or the `redis` package is absent)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import httpx
import pytest
from webserver import REPO, WebServer

SHOPPERS = {f"shopper{i}": f"s-{i:016x}" for i in range(1, 5)}
# (time, session, command): a day with chats, messages, a transfer, a miss, a left message,
# a store closing (timer) and purchases. Session names are shoppers or accounts.
DAY: list[tuple[str, str, dict[str, Any]]] = [
    ("2026-05-14T09:00:00Z", "lisa", {"cmd": "go_available"}),
    ("2026-05-14T09:00:00Z", "omar", {"cmd": "go_available"}),
    ("2026-05-14T09:01:00Z", "shopper1", {"cmd": "request_chat", "page_url": "/p/1"}),
    ("2026-05-14T09:01:05Z", "lisa", {"cmd": "claim", "chat": "w1"}),
    ("2026-05-14T09:01:10Z", "shopper1", {"cmd": "send_message", "chat": "w1",
                                          "from": "shopper", "text": "Hello"}),
    ("2026-05-14T09:01:20Z", "lisa", {"cmd": "send_message", "chat": "w1", "from": "expert",
                                      "text": "Hi! How can I help?"}),
    ("2026-05-14T09:02:00Z", "shopper2", {"cmd": "request_chat"}),
    ("2026-05-14T09:02:05Z", "omar", {"cmd": "decline", "chat": "w2"}),
    ("2026-05-14T09:05:00Z", "lisa", {"cmd": "transfer", "chat": "w1", "to": "omar",
                                      "note": "size question"}),
    ("2026-05-14T09:05:10Z", "omar", {"cmd": "accept_transfer", "chat": "w1"}),
    # -- the kill comes here in the interrupted run (index 10) --
    ("2026-05-14T09:10:00Z", "shopper2", {"cmd": "leave_message", "chat": "w2",
                                          "text": "call me", "channel": "email",
                                          "address": "s2@x.example"}),
    ("2026-05-14T09:11:00Z", "lisa", {"cmd": "take_left_message", "chat": "w2"}),
    ("2026-05-14T09:12:00Z", "lisa", {"cmd": "send_message", "chat": "w2", "from": "expert",
                                      "text": "We have it"}),
    ("2026-05-14T09:20:00Z", "omar", {"cmd": "finish_chat", "chat": "w1"}),
    ("2026-05-14T09:21:00Z", "shopper1", {"cmd": "rate_chat", "chat": "w1", "stars": 5}),
    ("2026-05-14T12:00:00Z", "shopper1", {"cmd": "record_purchase", "order": "A-1",
                                          "subtotal": "89.95", "currency": "EUR"}),
    ("2026-05-14T19:30:00Z", "shopper3", {"cmd": "request_chat"}),  # after closing: missed
]
KILL_AT = 10


@pytest.fixture(params=["sqlite", "redis"])
def store_factory(request: pytest.FixtureRequest, web_factory: Callable[..., WebServer],
                  tmp_path: Path) -> Iterator[Callable[..., WebServer]]:
    """`web_factory` on the SQLite backend, or on a private Redis (keys named after `db`)."""
    if request.param == "sqlite":
        yield web_factory
        return
    sys.path.insert(0, str(REPO / "examples" / "scaleout"))
    try:
        import redis  # noqa: F401
        from scaleout.redis_server import RedisServer, redis_server_path
    except ImportError:
        pytest.skip("the redis package is not installed (pip install -r requirements.txt)")
    if redis_server_path() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path / "redis", aof=True)
    try:
        yield lambda db, **options: web_factory(db=db, redis=server.url, **options)
    finally:
        server.stop()


class Day:
    """Runs DAY against a server, with fixed shopper ids so that two runs are comparable."""

    def __init__(self, web: WebServer) -> None:
        self.web = web
        self.clients: dict[str, httpx.Client] = {}

    def client(self, who: str) -> httpx.Client:
        if who not in self.clients:
            if who in SHOPPERS:
                c = httpx.Client(base_url=self.web.url, cookies={"vshop_shopper": SHOPPERS[who]})
            else:
                c = self.web.client(who)
            self.clients[who] = c
        return self.clients[who]

    def run(self, steps: list[tuple[str, str, dict[str, Any]]]) -> None:
        for at, who, command in steps:
            self.web.set_time(at)
            r = self.client(who).post("/api/command", json=command)
            assert r.status_code == 200, (at, who, command, r.text)


def messages(web: WebServer, chat: str) -> Any:
    return web.client("manager").get(f"/api/chat/{chat}").json()["messages"]


@pytest.mark.parametrize("snapshot_every", [1000, 3, 1])
def test_sigkill_mid_day_restart_is_byte_identical_R_DET_1(
        store_factory: Callable[..., WebServer], tmp_path: Path, snapshot_every: int) -> None:
    whole = store_factory(db=tmp_path / "whole.db", snapshot_every=snapshot_every)
    Day(whole).run(DAY)
    expected = whole.snapshot()

    db = tmp_path / "killed.db"
    first = store_factory(db=db, snapshot_every=snapshot_every)
    Day(first).run(DAY[:KILL_AT])
    first.kill()
    second = store_factory(db=db, snapshot_every=snapshot_every, start="2026-05-14T09:05:10Z")
    Day(second).run(DAY[KILL_AT:])
    assert second.snapshot() == expected
    for chat in ("w1", "w2"):
        assert messages(second, chat) == messages(whole, chat)
    assert len(messages(second, "w1")) == 2


def test_restart_without_new_commands_keeps_state(store_factory: Callable[..., WebServer],
                                                  tmp_path: Path) -> None:
    db = tmp_path / "idle.db"
    first = store_factory(db=db, snapshot_every=4)
    Day(first).run(DAY)
    before = first.snapshot()
    views = {path: first.client("manager").get(path).json()
             for path in ("/api/stores", "/api/team", "/api/chat/w1", "/api/chat/w2")}
    first.kill()
    second = store_factory(db=db, snapshot_every=4)
    assert second.snapshot() == before
    for path, view in views.items():
        assert second.client("manager").get(path).json() == view, path


def test_demo_merchant_is_created_once(store_factory: Callable[..., WebServer],
                                       tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = store_factory(db=db)
    team = first.client("manager").get("/api/team").json()
    assert [e["id"] for e in team["experts"]] == ["jane", "lisa", "omar", "raj"]
    assert team["stores"] == ["ams", "nyc"]
    first.stop()
    second = store_factory(db=db)  # a second start restores, it does not add the demo again
    assert second.client("manager").get("/api/team").json() == team
