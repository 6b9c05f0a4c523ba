"""Access types enforced server-side: every command and endpoint answers 403 "forbidden" to
each session that may not use it, and nothing changes (snapshot equal before and after)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from webserver import WebServer

SESSIONS = ("shopper", "lisa", "omar", "analyst", "teamlead", "storeops", "admin")
MANAGERS = ("analyst", "teamlead", "storeops", "admin")
EVERYONE = frozenset(SESSIONS)
STRANGER = "s-0000000000000000"

# (command body, the sessions allowed to send it); every other session gets 403.
COMMANDS: list[tuple[dict[str, Any], frozenset[str]]] = [
    ({"cmd": "approve_expert", "expert": "omar", "store": "ams"}, frozenset({"teamlead"})),
    ({"cmd": "deactivate_expert", "expert": "omar"}, frozenset({"teamlead"})),
    ({"cmd": "reactivate_expert", "expert": "omar"}, frozenset({"teamlead"})),
    ({"cmd": "anonymize_expert", "expert": "omar"}, frozenset({"teamlead"})),
    ({"cmd": "unblock_shopper", "shopper": STRANGER}, frozenset({"teamlead"})),
    ({"cmd": "add_store", "store": "ber", "timezone": "Europe/Berlin"}, frozenset({"storeops"})),
    ({"cmd": "update_store", "store": "ams", "timezone": "Europe/Amsterdam"},
     frozenset({"storeops"})),
    ({"cmd": "deactivate_store", "store": "nyc"}, frozenset({"storeops"})),
    ({"cmd": "configure", "max_active_chats": 2}, frozenset({"admin"})),
    ({"cmd": "subscribe_digest", "manager": "m1", "email": "m@x.example"},
     frozenset({"admin"})),
    ({"cmd": "unsubscribe_digest", "manager": "m1"}, frozenset({"admin"})),
    ({"cmd": "deactivate_merchant"}, frozenset({"admin"})),
    ({"cmd": "advance"}, frozenset()),
    ({"cmd": "request_chat", "shopper": STRANGER}, frozenset()),
    ({"cmd": "shopper_online", "shopper": STRANGER}, frozenset()),
    ({"cmd": "shopper_offline", "shopper": STRANGER}, frozenset()),
    ({"cmd": "rate_chat", "shopper": STRANGER, "chat": "c1", "stars": 4}, frozenset()),
    ({"cmd": "record_purchase", "shopper": STRANGER, "order": "o1", "subtotal": "1.00",
      "currency": "EUR"}, frozenset()),
] + [
    ({"cmd": name, "expert": "lisa", **({"chat": "c1"} if name not in (
        "go_available", "go_unavailable") else {}), **extra}, frozenset({"lisa"}))
    for name, extra in [
        ("go_available", {}), ("go_unavailable", {}), ("claim", {}), ("decline", {}),
        ("decline_and_go_unavailable", {}), ("take_left_message", {}), ("finish_chat", {}),
        ("transfer", {"to": "omar", "note": "n"}), ("accept_transfer", {}),
        ("decline_transfer", {}), ("block_shopper", {}), ("start_video", {}),
        ("end_video", {})]
]
ROWS = [(body, who) for body, allowed in COMMANDS for who in SESSIONS if who not in allowed]


def login_all(web: WebServer) -> dict[str, httpx.Client]:
    return {name: web.client(None if name == "shopper" else name) for name in SESSIONS}


@pytest.fixture
def clients(web: WebServer) -> dict[str, httpx.Client]:
    """One client per session on a fresh server at 09:00 (Amsterdam open)."""
    web.set_time("2026-05-14T09:00:00Z")
    return login_all(web)


@pytest.fixture(scope="module")
def shared_clients(shared_web: WebServer) -> dict[str, httpx.Client]:
    """The same on one server for the module: the refusals change nothing."""
    shared_web.set_time("2026-05-14T09:00:00Z")
    return login_all(shared_web)


def assert_forbidden(web: WebServer, client: httpx.Client, method: str, path: str,
                     **kwargs: Any) -> None:
    before = web.snapshot()
    r = client.request(method, path, **kwargs)
    assert r.status_code == 403, (path, kwargs, r.text)
    assert r.json()["error"] == "forbidden" and r.json()["message"]
    assert web.snapshot() == before


@pytest.mark.parametrize("body,who", ROWS, ids=[f"{b['cmd']}-{w}" for b, w in ROWS])
def test_command_forbidden(shared_web: WebServer, shared_clients: dict[str, httpx.Client],
                           body: dict[str, Any], who: str) -> None:
    assert_forbidden(shared_web, shared_clients[who], "POST", "/api/command", json=body)


@pytest.mark.parametrize("body,allowed", [c for c in COMMANDS if c[1]],
                         ids=[c[0]["cmd"] for c in COMMANDS if c[1]])
def test_command_allowed_reaches_the_engine(clients: dict[str, httpx.Client],
                                            body: dict[str, Any],
                                            allowed: frozenset[str]) -> None:
    for who in allowed:
        r = clients[who].post("/api/command", json=body)
        assert r.json().get("error") != "forbidden", r.text  # 200 or the engine's own error


def test_messages_only_in_own_chats(web: WebServer, clients: dict[str, httpx.Client]) -> None:
    clients["lisa"].post("/api/command", json={"cmd": "go_available"}).raise_for_status()
    owner = web.client()
    chat = owner.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    clients["lisa"].post("/api/command", json={"cmd": "claim", "chat": chat}).raise_for_status()
    for who in SESSIONS:  # no session but the owner is this chat's shopper
        assert_forbidden(web, clients[who], "POST", "/api/command",
                         json={"cmd": "send_message", "chat": chat, "from": "shopper",
                               "text": "x"})
        assert_forbidden(web, clients[who], "POST", "/api/command",
                         json={"cmd": "leave_message", "chat": chat, "text": "x",
                               "channel": "email", "address": "a@b.example"})
    for who in set(SESSIONS) - {"lisa"}:
        assert_forbidden(web, clients[who], "POST", "/api/command",
                         json={"cmd": "send_message", "chat": chat, "from": "expert",
                               "text": "x"})
        assert_forbidden(web, clients[who], "GET", "/api/transfer_candidates",
                         params={"chat": chat})
    for who in ("shopper", "omar"):
        assert_forbidden(web, clients[who], "GET", f"/api/chat/{chat}")
    for who in ("lisa", *MANAGERS):
        assert clients[who].get(f"/api/chat/{chat}").status_code == 200
    assert owner.get(f"/api/chat/{chat}").status_code == 200


QUERIES = [
    ("GET", "/api/expert/lisa", {}, {"lisa", *MANAGERS}),
    ("GET", "/api/metrics", {"params": {"from": "2026-05-14", "to": "2026-05-14"}},
     set(MANAGERS)),
    ("GET", "/api/daily_metrics", {"params": {"from": "2026-05-14", "to": "2026-05-14"}},
     set(MANAGERS)),
    ("GET", "/api/team", {}, set(MANAGERS)),
    ("GET", "/api/settings", {}, set(MANAGERS)),
    ("POST", "/api/inspect", {"content": b'{"type":"page_view"}\n'}, set(MANAGERS)),
]
QUERY_ROWS = [(m, p, kw, who) for m, p, kw, allowed in QUERIES for who in SESSIONS
              if who not in allowed]


@pytest.mark.parametrize("method,path,kwargs,who", QUERY_ROWS,
                         ids=[f"{p}-{w}" for _, p, _, w in QUERY_ROWS])
def test_query_forbidden(shared_web: WebServer, shared_clients: dict[str, httpx.Client],
                        method: str, path: str, kwargs: dict[str, Any], who: str) -> None:
    assert_forbidden(shared_web, shared_clients[who], method, path, **kwargs)


@pytest.mark.parametrize("method,path,kwargs,allowed", QUERIES, ids=[q[1] for q in QUERIES])
def test_query_allowed(shared_clients: dict[str, httpx.Client], method: str, path: str,
                       kwargs: dict[str, Any], allowed: set[str]) -> None:
    for who in allowed:
        r = shared_clients[who].request(method, path, **kwargs)
        assert r.status_code == 200, (who, r.text)


def test_public_queries(shared_clients: dict[str, httpx.Client]) -> None:
    for who in SESSIONS:
        c = shared_clients[who]
        assert c.get("/api/stores").status_code == 200
        assert c.get("/api/stores/ams/status").json()["open"] is True
        assert c.get("/api/widget", params={"page_url": "/p", "page_type": "product"}
                     ).status_code == 200


def test_test_endpoints_absent_without_test_mode(tmp_path: Any) -> None:
    import subprocess
    import sys
    import time

    from webserver import WEB, free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "server", "--db", str(tmp_path / "p.db"),
                             "--port", str(port)], cwd=WEB, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/me")
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        r = httpx.post(f"http://127.0.0.1:{port}/api/test/clock", json={"now": "2030-01-01"})
        assert r.status_code == 404 and r.json()["error"] == "not_found"
        assert httpx.get(f"http://127.0.0.1:{port}/api/me").json()["test_mode"] is False
    finally:
        proc.terminate()
        proc.wait(10)


def _env() -> dict[str, str]:
    import os
    from pathlib import Path

    path = os.pathsep.join(str(Path(p).resolve())
                           for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
    return dict(os.environ, PYTHONPATH=path)
