"""The API without a browser: a chat from request to rating, with SSE and host data."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
from webserver import WebServer


def effects_of(r: httpx.Response) -> list[str]:
    assert r.status_code == 200, r.text
    return [e["effect"] for e in r.json()["effects"]]


def open_shop(web: WebServer) -> None:
    """09:00 UTC: Amsterdam open; lisa and omar go available."""
    web.set_time("2026-05-14T09:00:00Z")
    for name in ("lisa", "omar"):
        assert effects_of(web.client(name).post("/api/command", json={"cmd": "go_available"})) \
            == ["expert_available"]


def test_me_gives_a_shopper_cookie_and_login_an_account(web: WebServer) -> None:
    c = httpx.Client(base_url=web.url)
    me = c.get("/api/me").json()
    assert me["shopper"].startswith("s-") and me["account"] is None and me["test_mode"] is True
    assert c.get("/api/me").json()["shopper"] == me["shopper"]  # the cookie sticks
    bad = c.post("/api/login", json={"name": "lisa", "password": "nope"})
    assert bad.status_code == 403 and bad.json()["error"] == "forbidden"
    ok = c.post("/api/login", json={"name": "lisa", "password": "lisa"}).json()
    assert ok["account"] == {"name": "lisa", "access": [], "expert": "lisa"}
    assert ok["shopper"] == me["shopper"]
    c.post("/api/logout")
    assert c.get("/api/me").json()["account"] is None


def test_chat_story_R_CHAT_3_claim_withdraws_the_other_offer(web: WebServer) -> None:
    open_shop(web)
    shopper, lisa, omar = web.client(), web.client("lisa"), web.client("omar")
    r = shopper.post("/api/command", json={"cmd": "request_chat", "page_url": "/p/1"})
    assert effects_of(r) == ["chat_offered"]
    chat = r.json()["chat"]
    assert r.json()["effects"][0]["chat"] == chat
    offer = lisa.get("/api/expert/lisa").json()["offer"]
    assert offer == {"chat": chat, "deadline": "2026-05-14T09:00:30Z"}
    r = lisa.post("/api/command", json={"cmd": "claim", "chat": chat})
    assert effects_of(r) == ["chat_claimed", "offer_withdrawn"]
    assert r.json()["effects"][1] == {"at": "2026-05-14T09:00:00Z", "effect": "offer_withdrawn",
                                      "chat": chat, "expert": "omar",
                                      "reason": "claimed_by_other"}
    assert omar.get("/api/expert/omar").json()["offer"] is None
    effects_of(shopper.post("/api/command", json={"cmd": "send_message", "chat": chat,
                                                  "from": "shopper", "text": "Hi, size 42?"}))
    effects_of(lisa.post("/api/command", json={"cmd": "send_message", "chat": chat,
                                               "from": "expert", "text": "In stock!"}))
    texts = [(m["from"], m["text"]) for m in shopper.get(f"/api/chat/{chat}").json()["messages"]]
    assert texts == [("shopper", "Hi, size 42?"), ("expert", "In stock!")]
    web.set_time("2026-05-14T09:10:00Z")
    effects_of(lisa.post("/api/command", json={"cmd": "finish_chat", "chat": chat}))
    effects_of(shopper.post("/api/command", json={"cmd": "rate_chat", "chat": chat, "stars": 5,
                                                  "comment": "great"}))
    assert shopper.get("/api/shopper/chats").json()["chats"][0]["rating"] == 5


def test_request_again_returns_the_open_chat_R_CHAT_1(web: WebServer) -> None:
    open_shop(web)
    shopper = web.client()
    first = shopper.post("/api/command", json={"cmd": "request_chat"}).json()
    again = shopper.post("/api/command", json={"cmd": "request_chat"}).json()
    assert again == {"effects": [], "chat": first["chat"]}


def test_transfer_note_and_candidates_R_XFER_1(web: WebServer) -> None:
    open_shop(web)
    shopper, lisa, omar = web.client(), web.client("lisa"), web.client("omar")
    chat = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    effects_of(lisa.post("/api/command", json={"cmd": "claim", "chat": chat}))
    cands = lisa.get("/api/transfer_candidates", params={"chat": chat}).json()
    assert cands == {"stores": [{"store": "ams",
                                 "experts": [{"id": "omar", "name": "Omar Haddad"}]}]}
    r = lisa.post("/api/command", json={"cmd": "transfer", "chat": chat, "to": "omar",
                                        "note": "wants size 42"})
    assert effects_of(r) == ["transfer_offered"]
    transfer = omar.get("/api/expert/omar").json()["transfer"]
    assert transfer["from"] == "lisa" and transfer["note"] == "wants size 42"
    assert effects_of(omar.post("/api/command", json={"cmd": "accept_transfer", "chat": chat})) \
        == ["transfer_completed"]
    assert omar.get(f"/api/chat/{chat}").json()["expert"] == "omar"


def test_timers_fire_when_the_scripted_clock_moves_R_CHAT_5(web: WebServer) -> None:
    open_shop(web)
    shopper = web.client()
    chat = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    fired = web.set_time("2026-05-14T09:00:31Z")
    assert [e["effect"] for e in fired][:1] == ["offer_expired"]
    assert all(e.get("chat") == chat for e in fired if "chat" in e)


def read_events(client: httpx.Client, out: list[tuple[str, Any]], ready: threading.Event,
                count: int) -> None:
    try:
        with client.stream("GET", "/api/events", timeout=3) as r:
            kind = None
            for line in r.iter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    if kind == "hello":
                        ready.set()
                    else:
                        out.append((kind, json.loads(line[6:])))
                        if len(out) >= count:
                            return
    except httpx.ReadTimeout:
        return  # nothing more within 3 s


def test_events_are_filtered_per_session(web: WebServer) -> None:
    open_shop(web)
    shopper, other, lisa = web.client(), web.client(), web.client("jane")
    seen: dict[str, list[tuple[str, Any]]] = {"shopper": [], "other": [], "jane": []}
    threads = []
    for name, client, count in (("shopper", shopper, 4), ("other", other, 1),
                                ("jane", lisa, 1)):
        ready = threading.Event()
        t = threading.Thread(target=read_events, args=(client, seen[name], ready, count),
                             daemon=True)
        t.start()
        assert ready.wait(5)
        threads.append(t)
    chat = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    web.client("lisa").post("/api/command", json={"cmd": "claim", "chat": chat})
    web.client("lisa").post("/api/command", json={"cmd": "send_message", "chat": chat,
                                                  "from": "expert", "text": "hello"})
    threads[0].join(5)
    kinds = [(k, d.get("effect")) for k, d in seen["shopper"]]
    assert kinds == [("effect", "chat_offered"), ("effect", "chat_claimed"),
                     ("effect", "offer_withdrawn"), ("message", None)]
    assert seen["shopper"][3][1]["text"] == "hello"
    for t in threads[1:]:
        t.join(5)
    assert seen["other"] == [] and seen["jane"] == []  # nothing of this chat reached them


def test_left_message_taken_and_shopper_notified_R_CHAT_6_R_CHAT_7(web: WebServer) -> None:
    web.set_time("2026-05-14T09:00:00Z")  # nobody available: the request is missed at once
    shopper, lisa = web.client(), web.client("lisa")
    r = shopper.post("/api/command", json={"cmd": "request_chat"})
    assert effects_of(r) == ["chat_missed"]
    chat = r.json()["chat"]
    r = shopper.post("/api/command", json={"cmd": "leave_message", "chat": chat,
                                           "text": "Do you have it in red?", "channel": "email",
                                           "address": "me@x.example"})
    assert effects_of(r) == ["left_message_queued"]
    effects_of(lisa.post("/api/command", json={"cmd": "go_available"}))
    left = lisa.get("/api/expert/lisa").json()["left_messages"]
    assert left == [{"chat": chat, "text": "Do you have it in red?", "at": "2026-05-14T09:00:00Z"}]
    assert effects_of(lisa.post("/api/command", json={"cmd": "take_left_message", "chat": chat})) \
        == ["chat_taken"]
    r = lisa.post("/api/command", json={"cmd": "send_message", "chat": chat, "from": "expert",
                                        "text": "Yes, in red too"})
    assert effects_of(r) == ["notify_shopper"]
    notes = shopper.get("/api/shopper/chats").json()["notifications"]
    assert notes == [{"chat": chat, "at": "2026-05-14T09:00:00Z", "text": "Yes, in red too"}]
    assert lisa.get("/api/expert/lisa").json()["left_messages"] == []
