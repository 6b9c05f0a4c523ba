"""What a shopper session sees: never that they were blocked (R-BLOCK-1), never the ids of
the experts offered their chat, and their expert's first name and store."""

from __future__ import annotations

import threading
from typing import Any

import httpx
from test_api_flow import effects_of, open_shop, read_events
from webserver import WebServer


def listen(client: httpx.Client, count: int = 100) -> tuple[threading.Thread, list[Any]]:
    """Starts reading `client`'s event stream (until `count` events or 3 s of silence)."""
    out: list[tuple[str, Any]] = []
    ready = threading.Event()
    thread = threading.Thread(target=read_events, args=(client, out, ready, count), daemon=True)
    thread.start()
    assert ready.wait(5)
    return thread, out


def claimed_chat(web: WebServer, shopper: httpx.Client) -> str:
    chat = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    assert "chat_claimed" in effects_of(
        web.client("lisa").post("/api/command", json={"cmd": "claim", "chat": chat}))
    return str(chat)


def test_R_BLOCK_1_blocked_shopper_is_not_told(web: WebServer) -> None:
    open_shop(web)
    shopper, manager = web.client(), web.client("manager")
    shopper_thread, shopper_seen = listen(shopper)
    manager_thread, manager_seen = listen(manager)
    chat = claimed_chat(web, shopper)
    assert effects_of(web.client("lisa").post(
        "/api/command", json={"cmd": "block_shopper", "chat": chat})) == ["shopper_blocked"]
    # the shopper's chat reads as a finished one, also through the chat list
    view = shopper.get(f"/api/chat/{chat}").json()
    assert view["state"] == "finished"
    assert shopper.get("/api/shopper/chats").json()["chats"][0]["state"] == "finished"
    assert web.client("manager").get(f"/api/chat/{chat}").json()["state"] == "blocked"
    # rating it is accepted without effect (the engine would refuse: that would tell them)
    r = shopper.post("/api/command", json={"cmd": "rate_chat", "chat": chat, "stars": 2})
    assert r.status_code == 200 and r.json()["effects"] == []
    # a later request is a silent chat that reads connecting, as for anyone
    silent = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    assert silent != chat
    listed = shopper.get("/api/shopper/chats").json()["chats"]
    assert [(c["id"], c["state"]) for c in listed] == [(silent, "requested"), (chat, "finished")]
    shopper_thread.join(6)
    manager_thread.join(6)
    assert "shopper_blocked" not in [d.get("effect") for _, d in shopper_seen]
    # their page learns that the chat ended as it would from a finish
    assert ("effect", {"at": "2026-05-14T09:00:00Z", "effect": "chat_finished", "chat": chat,
                       "expert": "lisa"}) in shopper_seen
    assert "shopper_blocked" in [d.get("effect") for _, d in manager_seen]


def test_shopper_sees_no_offered_expert_ids_but_the_expert_name_and_store(web: WebServer) -> None:
    open_shop(web)
    shopper, lisa = web.client(), web.client("lisa")
    thread, seen = listen(shopper)
    lisa_thread, lisa_seen = listen(lisa)
    missed = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    waiting = shopper.get(f"/api/chat/{missed}").json()
    assert "pending_offers" not in waiting and "expert_name" not in waiting
    assert lisa.get(f"/api/chat/{missed}").json()["pending_offers"]  # staff still see them
    web.set_time("2026-05-14T09:00:31Z")  # nobody claims: offer_expired, chat_missed
    chat = claimed_chat(web, shopper)
    for view in (shopper.get(f"/api/chat/{chat}").json(),
                 shopper.get("/api/shopper/chats").json()["chats"][0]):
        assert "pending_offers" not in view
        assert (view["expert_name"], view["expert_store_name"]) == ("Lisa", "Amsterdam")
    thread.join(6)
    lisa_thread.join(6)
    offers = [d for _, d in seen if d.get("effect") in ("chat_offered", "offer_expired")]
    assert [d["effect"] for d in offers] == ["chat_offered", "offer_expired", "chat_offered"]
    assert all("experts" not in d for d in offers)
    assert any("experts" in d for _, d in lisa_seen if d.get("effect") == "chat_offered")
