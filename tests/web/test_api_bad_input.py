"""Bad input: a clear 4xx with the engine's error code naming the field, and nothing changed
(the engine snapshot is equal before and after)."""

from __future__ import annotations

from typing import Any, Iterator

import httpx
import pytest
from webserver import WebServer


@pytest.fixture(scope="module")
def lisa(shared_web: WebServer) -> httpx.Client:
    shared_web.set_time("2026-05-14T09:00:00Z")
    return shared_web.client("lisa")


@pytest.fixture(scope="module")
def manager(shared_web: WebServer) -> httpx.Client:
    return shared_web.client("manager")


def refused(web: WebServer, client: httpx.Client, status: int, code: str, field: str,
            method: str, path: str, **kwargs: Any) -> None:
    before = web.snapshot()
    r = client.request(method, path, **kwargs)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == code, body
    assert field in body["message"], body
    assert web.snapshot() == before


BODIES = [
    (b"{not json", 400, "invalid_argument", "body"),
    (b"[1, 2]", 400, "invalid_argument", "body"),
    (b'"claim"', 400, "invalid_argument", "body"),
    (b"\xff\xfe", 400, "invalid_argument", "body"),
    (b"{}", 400, "invalid_argument", "cmd"),
    (b'{"cmd": 7}', 400, "invalid_argument", "cmd"),
    (b'{"cmd": "fly"}', 400, "invalid_argument", "cmd"),
    (b'{"cmd": "claim", "chat": "c1", "at": "2026-05-14T09:00:00Z"}', 400, "invalid_argument",
     "at"),
    (b'{"cmd": "claim"}', 400, "invalid_argument", "chat"),
    (b'{"cmd": "claim", "chat": 5}', 400, "invalid_argument", "chat"),
    (b'{"cmd": "claim", "chat": null}', 400, "invalid_argument", "chat"),
    (b'{"cmd": "claim", "chat": "c1", "bogus": 1}', 400, "invalid_argument", "bogus"),
    (b'{"cmd": "claim", "chat": "no-such-chat"}', 404, "not_found", "chat"),
    (b'{"cmd": "go_available", "expert": 12}', 400, "invalid_argument", "expert"),
    (b'{"cmd": "send_message", "chat": "c1", "from": "expert", "text": 3}', 400,
     "invalid_argument", "text"),
    (b'{"cmd": "send_message", "chat": "c1", "from": "expert"}', 400, "invalid_argument",
     "text"),
    (b'{"cmd": "send_message", "chat": "c1", "from": "robot", "text": "x"}', 400,
     "invalid_argument", "from"),
]


@pytest.mark.parametrize("body,status,code,field", BODIES, ids=[b[3] + "-" + str(i)
                                                                 for i, b in enumerate(BODIES)])
def test_bad_command_body(shared_web: WebServer, lisa: httpx.Client, body: bytes, status: int,
                          code: str, field: str) -> None:
    refused(shared_web, lisa, status, code, field, "POST", "/api/command", content=body,
            headers={"Content-Type": "application/json"})


def test_long_text_refused(shared_web: WebServer, lisa: httpx.Client) -> None:
    refused(shared_web, lisa, 400, "invalid_argument", "text", "POST", "/api/command",
            json={"cmd": "send_message", "chat": "c1", "from": "expert", "text": "x" * 4001})


MANAGER_BODIES = [
    ({"cmd": "approve_expert", "expert": "nobody", "store": "ams"}, 404, "not_found", "expert"),
    ({"cmd": "approve_expert", "expert": "lisa", "store": "nowhere"}, 404, "not_found",
     "store"),
    ({"cmd": "configure", "max_active_chats": "three"}, 400, "invalid_argument",
     "max_active_chats"),
    ({"cmd": "configure", "max_active_chats": 0}, 400, "invalid_setting", "max_active_chats"),
    ({"cmd": "add_store", "store": "ams", "timezone": "Europe/Amsterdam"}, 409,
     "already_exists", "store"),
    ({"cmd": "add_store", "store": "x", "timezone": "Mars/Olympus"}, 400, "invalid_argument",
     "timezone"),
    ({"cmd": "update_store", "store": "ams"}, 400, "invalid_argument", "timezone"),
]


@pytest.mark.parametrize("body,status,code,field", MANAGER_BODIES,
                         ids=[f"{b[0]['cmd']}-{b[3]}" for b in MANAGER_BODIES])
def test_bad_manager_command(shared_web: WebServer, manager: httpx.Client, body: dict[str, Any],
                             status: int, code: str, field: str) -> None:
    refused(shared_web, manager, status, code, field, "POST", "/api/command", json=body)


def test_stars_out_of_range_R_CHAT_9(shared_web: WebServer) -> None:
    shopper = shared_web.client()
    refused(shared_web, shopper, 400, "invalid_argument", "stars", "POST", "/api/command",
            json={"cmd": "rate_chat", "chat": "c1", "stars": 6})


def ten_megabytes() -> Iterator[bytes]:
    chunk = b" " * 65536
    for _ in range(160):
        yield chunk


def test_ten_megabyte_body_is_413(shared_web: WebServer, lisa: httpx.Client) -> None:
    big = b'{"cmd":"go_available","pad":"' + b"x" * (10 * 1024 * 1024) + b'"}'
    refused(shared_web, lisa, 413, "body_too_large", "body", "POST", "/api/command",
            content=big, headers={"Content-Type": "application/json"})


def test_ten_megabyte_chunked_body_is_413(shared_web: WebServer, lisa: httpx.Client) -> None:
    refused(shared_web, lisa, 413, "body_too_large", "body", "POST", "/api/command",
            content=ten_megabytes(), headers={"Content-Type": "application/json"})


def test_ten_megabyte_inspect_is_413(shared_web: WebServer, manager: httpx.Client) -> None:
    refused(shared_web, manager, 413, "body_too_large", "body", "POST", "/api/inspect",
            content=b"{}\n" * (10 * 1024 * 1024 // 3))


QUERY_PARAMS = [
    ("/api/metrics", {"from": "yesterday", "to": "2026-05-14"}, 400, "invalid_argument", "from"),
    ("/api/metrics", {"to": "2026-05-14"}, 400, "invalid_argument", "from"),
    ("/api/metrics", {"from": "2026-05-14", "to": "2026-05-14", "scope": "store"}, 400,
     "invalid_argument", "scope"),
    ("/api/metrics", {"from": "2026-05-14", "to": "2026-05-14", "scope": "galaxy"}, 400,
     "invalid_argument", "scope"),
    ("/api/expert/nobody", {}, 404, "not_found", "expert"),
    ("/api/chat/nochat", {}, 404, "not_found", "chat"),
    ("/api/stores/nowhere/status", {}, 404, "not_found", "store"),
    ("/api/transfer_candidates", {}, 400, "invalid_argument", "chat"),
    ("/api/no/such/path", {}, 404, "not_found", "path"),
]


@pytest.mark.parametrize("path,params,status,code,field", QUERY_PARAMS,
                         ids=[f"{q[0]}-{q[4]}" for q in QUERY_PARAMS])
def test_bad_query(shared_web: WebServer, manager: httpx.Client, path: str,
                   params: dict[str, str], status: int, code: str, field: str) -> None:
    refused(shared_web, manager, status, code, field, "GET", path, params=params)


def test_clock_never_goes_back_R_TIME_1(shared_web: WebServer) -> None:
    before = shared_web.snapshot()
    r = httpx.post(shared_web.url + "/api/test/clock", json={"now": "2020-01-01T00:00:00Z"})
    assert r.status_code == 409 and r.json()["error"] == "out_of_order_time"
    r = httpx.post(shared_web.url + "/api/test/clock", json={"now": "soon"})
    assert r.status_code == 400 and "now" in r.json()["message"]
    assert shared_web.snapshot() == before


def test_login_bad_body(shared_web: WebServer) -> None:
    c = httpx.Client(base_url=shared_web.url)
    assert c.post("/api/login", content=b"nope").json()["error"] == "invalid_argument"
    assert c.post("/api/login", json={"name": 3, "password": []}).status_code == 403


def test_inspect_bad_json_body(shared_web: WebServer, manager: httpx.Client) -> None:
    refused(shared_web, manager, 400, "invalid_argument", "events", "POST", "/api/inspect",
            content=b"{oops", headers={"Content-Type": "application/json"})
    refused(shared_web, manager, 400, "invalid_argument", "events", "POST", "/api/inspect",
            json={"events": 5})


def test_inspect_reports_the_issues(manager: httpx.Client) -> None:
    r = manager.post("/api/inspect", json={"events": '{"type":"page_view"}\n{"x":1}\n'})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [res["line"] for res in body["results"]] == [1, 2]
    assert body["summary"]["events"] == 2
    assert any(i["code"] == "type_missing" for i in body["results"][1]["issues"])
