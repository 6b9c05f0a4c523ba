"""API.md agrees with the server: the demo invite code and every field of the chat and
expert answers (staff's and the shopper's view) are documented."""

from __future__ import annotations

import re

from test_api_flow import effects_of
from webserver import WEB, WebServer

API_MD = (WEB / "API.md").read_text(encoding="utf-8")


def documented(field: str) -> bool:
    return f'"{field}"' in API_MD or f"`{field}`" in API_MD


def test_api_md_demo_invite_code_is_the_servers(web: WebServer) -> None:
    codes = set(re.findall(r"invite code `([A-Z0-9]+)`", API_MD))
    assert len(codes) == 1, codes
    # the documented code registers an expert on the demo merchant; another one is refused
    for code, status in ((codes.pop(), 200), ("ZZZZ999", 403)):
        r = web.client().post("/api/command", json={
            "cmd": "register_expert", "expert": f"new{status}", "name": "Mia",
            "email": f"mia{status}@demo.example", "invite_code": code})
        assert r.status_code == status, r.text


def test_api_md_documents_every_chat_and_expert_field(web: WebServer) -> None:
    web.set_time("2026-05-14T09:00:00Z")  # nobody available: the request is missed at once
    shopper, lisa, manager = web.client(), web.client("lisa"), web.client("manager")
    chat = shopper.post("/api/command", json={"cmd": "request_chat"}).json()["chat"]
    assert effects_of(shopper.post("/api/command", json={
        "cmd": "leave_message", "chat": chat, "text": "In red?", "channel": "email",
        "address": "me@x.example"})) == ["left_message_queued"]
    effects_of(lisa.post("/api/command", json={"cmd": "go_available"}))
    effects_of(lisa.post("/api/command", json={"cmd": "take_left_message", "chat": chat}))
    fields = set(manager.get(f"/api/chat/{chat}").json())
    fields |= set(shopper.get(f"/api/chat/{chat}").json())
    fields |= set(lisa.get("/api/expert/lisa").json())
    assert {"left_message", "expert_name", "max_active_chats"} <= fields
    assert [f for f in sorted(fields) if not documented(f)] == []
