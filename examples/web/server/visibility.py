"""Which live events a session may see (API.md, `GET /api/events`), and in what form."""

from __future__ import annotations

from typing import Any

from .access import Actor
from .host import Host

SHOPPER_HIDDEN_FIELDS = ("experts",)  # offers: who was offered the chat is staff data


def _names(data: dict[str, Any]) -> set[str]:
    names = {data.get(k) for k in ("expert", "from", "to")}
    names.update(data.get("experts") or [])
    return {n for n in names if isinstance(n, str)}


def sees(host: Host, actor: Actor, data: dict[str, Any]) -> bool:
    """A manager sees everything; an expert what names them or their chats; a shopper what
    concerns their chats."""
    if actor.manager:
        return True
    chat = host.engine.chat(data["chat"]) if isinstance(data.get("chat"), str) else None
    me = actor.expert
    if me is not None:
        if me in _names(data) and data.get("from") not in ("expert", "shopper"):
            return True
        if chat is not None and (chat.expert == me or chat.state.value == "left_message"):
            return True
        return data.get("effect") in ("left_message_queued", "chat_taken")  # the queue changed
    if data.get("shopper") == actor.shopper:
        return True
    return chat is not None and chat.shopper == actor.shopper


def shown(host: Host, actor: Actor, data: dict[str, Any]) -> dict[str, Any] | None:
    """The event as the session receives it (None: not at all); a shopper session gets
    effects without the offered experts' ids, and `shopper_blocked` as the `chat_finished`
    a finish would have sent (R-BLOCK-1: the shopper is not told; API.md)."""
    if not sees(host, actor, data):
        return None
    if actor.manager or actor.expert is not None:
        return data
    if data.get("effect") == "shopper_blocked":
        return {"at": data["at"], "effect": "chat_finished", "chat": data["chat"],
                "expert": data["expert"]}
    return {k: v for k, v in data.items() if k not in SHOPPER_HIDDEN_FIELDS}
