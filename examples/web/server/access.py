"""Who may send which command (API.md, "Access per cmd"), checked before the engine."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from .accounts import Account


class Forbidden(Exception):
    """The session may not do this (HTTP 403, error "forbidden")."""


class BadRequest(Exception):
    """A request the server rejects before the engine sees it (HTTP 400, invalid_argument)."""


@dataclasses.dataclass(frozen=True)
class Actor:
    """The session behind a request: its shopper id and its staff account, if logged in."""

    shopper: str
    account: Account | None

    @property
    def expert(self) -> str | None:
        """The expert id the account acts as."""
        return self.account.expert if self.account else None

    def has(self, access: str) -> bool:
        """True when the account holds the access type."""
        return self.account is not None and access in self.account.access

    @property
    def manager(self) -> bool:
        """True when the account holds any access type."""
        return self.account is not None and self.account.manager


SHOPPER_COMMANDS = frozenset(
    {"request_chat", "leave_message", "shopper_online", "shopper_offline", "rate_chat",
     "record_purchase"}
)
EXPERT_COMMANDS = frozenset(
    {"go_available", "go_unavailable", "claim", "decline", "decline_and_go_unavailable",
     "take_left_message", "finish_chat", "transfer", "accept_transfer", "decline_transfer",
     "block_shopper", "start_video", "end_video"}
)
MANAGER_COMMANDS = {
    "approve_expert": "team", "deactivate_expert": "team", "reactivate_expert": "team",
    "anonymize_expert": "team", "unblock_shopper": "team",
    "add_store": "store", "update_store": "store", "deactivate_store": "store",
    "configure": "settings", "subscribe_digest": "settings", "unsubscribe_digest": "settings",
    "deactivate_merchant": "settings",
}
PUBLIC_COMMANDS = frozenset({"register_expert"})
ALL_COMMANDS = SHOPPER_COMMANDS | EXPERT_COMMANDS | PUBLIC_COMMANDS | set(MANAGER_COMMANDS) | {
    "send_message", "advance"}

ChatLookup = Callable[[str], Any]  # chat id -> ChatView or None


def _own(command: dict[str, Any], field: str, mine: str | None, who: str) -> None:
    """Fills `field` with the session's id, or refuses another id (a non-string is left to the
    engine, which rejects it as invalid_argument)."""
    if mine is None:
        raise Forbidden(f"{command['cmd']}: only {who} may send it")
    value = command.setdefault(field, mine)
    if isinstance(value, str) and value != mine:
        raise Forbidden(f"{field}: {value!r} is not the {who} of this session")


def _chat_of(lookup: ChatLookup, command: dict[str, Any]) -> Any:
    chat = command.get("chat")
    return lookup(chat) if isinstance(chat, str) else None


def check_command(command: dict[str, Any], actor: Actor, lookup: ChatLookup) -> None:
    """Raises BadRequest or Forbidden, or fills in the actor's id and returns."""
    name = command.get("cmd")
    if "cmd" not in command:
        raise BadRequest("cmd: missing")
    if not isinstance(name, str) or name not in ALL_COMMANDS:
        raise BadRequest(f"cmd: unknown command {name!r}")
    if "at" in command:
        raise BadRequest("at: not accepted, the server stamps its own time")
    if name == "send_message":
        name = "send_message/" + str(command.get("from"))
        if command.get("from") == "shopper":
            chat = _chat_of(lookup, command)
            if chat is not None and chat.shopper != actor.shopper:
                raise Forbidden(f"chat: {command['chat']!r} is not a chat of this shopper")
        elif command.get("from") == "expert":
            chat = _chat_of(lookup, command)
            if actor.expert is None or (chat is not None and chat.expert != actor.expert):
                raise Forbidden(f"chat: {command.get('chat')!r} is not a chat of this expert")
        return  # a bad `from` is the engine's invalid_argument
    if name == "leave_message":
        chat = _chat_of(lookup, command)
        if chat is not None and chat.shopper != actor.shopper:
            raise Forbidden(f"chat: {command['chat']!r} is not a chat of this shopper")
    elif name in SHOPPER_COMMANDS:
        _own(command, "shopper", actor.shopper, "the shopper")
    elif name in EXPERT_COMMANDS:
        _own(command, "expert", actor.expert, "the logged-in expert")
    elif name in MANAGER_COMMANDS:
        if not actor.has(MANAGER_COMMANDS[name]):
            raise Forbidden(f"{name}: needs the access type {MANAGER_COMMANDS[name]!r}")
    elif name not in PUBLIC_COMMANDS:
        raise Forbidden(f"{name}: the server's clock does this")
