"""Host data the engine does not keep: message texts, notes, names, store documents, deadlines.

It is derived from the persisted steps only (journal lines, effects, the request's extra
fields), so a restart rebuilds it exactly by replaying the same steps.
"""

from __future__ import annotations

import json
from typing import Any


class HostState:
    """Everything the pages show beside the engine's own records."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        d = data or {}
        self.experts: dict[str, dict[str, str]] = d.get("experts", {})
        self.stores: dict[str, dict[str, Any]] = d.get("stores", {})
        self.messages: dict[str, list[dict[str, Any]]] = d.get("messages", {})
        self.left: dict[str, dict[str, Any]] = d.get("left", {})
        self.offers: dict[str, str] = d.get("offers", {})
        self.transfers: dict[str, dict[str, Any]] = d.get("transfers", {})
        self.notes: dict[str, str] = d.get("notes", {})
        self.shopper_chats: dict[str, list[str]] = d.get("shopper_chats", {})
        self.notifications: dict[str, list[dict[str, Any]]] = d.get("notifications", {})
        self.comments: dict[str, str] = d.get("comments", {})
        self.chat_seq: int = d.get("chat_seq", 0)

    def to_json(self) -> dict[str, Any]:
        """The state as JSON-able data (stored beside each snapshot)."""
        return dict(vars(self))

    def observe(self, lines: list[str], effects: list[dict[str, Any]], extra: dict[str, Any]) -> None:
        """Takes in one step: its journal lines, its effects (dicts), the extra fields."""
        for line in lines:
            self._command(json.loads(line), extra)
        for effect in effects:
            self._effect(effect, extra)

    def _command(self, c: dict[str, Any], extra: dict[str, Any]) -> None:
        name = c["cmd"]
        if name == "register_expert":
            self.experts[c["expert"]] = {"name": c["name"], "email": c["email"]}
        elif name == "anonymize_expert" and c["expert"] in self.experts:
            self.experts[c["expert"]] = {"name": "", "email": ""}
        elif name in ("add_store", "update_store"):
            doc = {k: v for k, v in c.items() if k not in ("at", "cmd")}
            self.stores[c["store"]] = {**doc, "active": True}
        elif name == "deactivate_store" and c["store"] in self.stores:
            self.stores[c["store"]]["active"] = False
        elif name == "send_message":
            msg = {"at": c["at"], "from": c["from"], "kind": c.get("kind", "text"),
                   "text": extra.get("text", "")}
            self.messages.setdefault(c["chat"], []).append(msg)
        elif name == "leave_message":
            self.left[c["chat"]] = {"chat": c["chat"], "text": c["text"], "at": c["at"]}
        elif name == "request_chat":
            self.chat_seq += 1
            if "chat" not in extra:
                return
            chats = self.shopper_chats.setdefault(c["shopper"], [])
            if extra["chat"] not in chats:
                chats.append(extra["chat"])
        elif name == "transfer":
            self.notes[c["chat"]] = c["note"]
        elif name == "rate_chat" and extra.get("comment"):
            self.comments[c["chat"]] = extra["comment"]

    def _effect(self, e: dict[str, Any], extra: dict[str, Any]) -> None:
        kind, chat = e["effect"], str(e.get("chat", ""))
        if kind == "chat_offered":
            self.offers[chat] = e["deadline"]
        elif kind in ("chat_claimed", "chat_missed", "offer_expired"):
            self.offers.pop(chat, None)
        elif kind == "transfer_offered":
            self.transfers[chat] = {"chat": chat, "from": e["from"], "to": e["to"],
                                    "deadline": e["deadline"], "note": self.notes.get(chat, "")}
        elif kind in ("transfer_completed", "transfer_failed"):
            self.transfers.pop(chat, None)
        elif kind == "notify_shopper":
            note = {"chat": chat, "at": e["at"], "text": extra.get("text", "")}
            self.notifications.setdefault(e["shopper"], []).append(note)
