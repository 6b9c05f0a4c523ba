"""The read-only answers of the API (GET /api/..., POST /api/inspect), as JSON-able data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import zoneinfo
from typing import Any

import vshop

from .access import Actor, BadRequest, Forbidden
from .host import Host


def plain(value: Any) -> Any:
    """Records, enums, datetimes and durations as JSON values (durations in seconds)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: plain(getattr(value, k)) for k in (f.name for f in dataclasses.fields(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return vshop.format_instant(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _seconds_suffix(record: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    for name in names:
        if name in record:
            record[name + "_s"] = record.pop(name)
    return record


def chat_view(host: Host, chat_id: str, *, messages: bool, staff: bool) -> dict[str, Any]:
    """A chat as `/api/chat/<id>` shows it (messages and note optional)."""
    view = host.engine.chat(chat_id)
    if view is None:
        raise vshop.NotFound(f"chat: no chat {chat_id!r}")
    out: dict[str, Any] = plain(view)
    out["offer_deadline"] = host.state.offers.get(chat_id)
    if chat_id in host.state.left:
        out["left_message"] = host.state.left[chat_id]
    if messages:
        out["messages"] = host.state.messages.get(chat_id, [])
    if staff:
        out["note"] = host.state.notes.get(chat_id)
    return out


def shopper_chat_view(host: Host, chat_id: str) -> dict[str, Any]:
    """A chat as its shopper sees it: a blocked chat reads `finished` (R-BLOCK-1: the shopper is
    not told), no offered experts' ids, the expert's first name and store's public name."""
    out = chat_view(host, chat_id, messages=True, staff=False)
    del out["pending_offers"]
    if out["state"] == "blocked":
        out["state"] = "finished"
    expert = out.get("expert")
    if expert:
        out["expert_name"] = (host.state.experts.get(expert, {}).get("name", "").split() or [""])[0]
        view = host.engine.expert(expert)
        store = host.state.stores.get(view.store or "", {}) if view is not None else {}
        out["expert_store_name"] = store.get("public_name") or store.get("name", "")
    return out


def may_see_chat(host: Host, actor: Actor, chat_id: str) -> bool:
    """The chat's shopper, its expert, an expert offered it, any expert for a left message,
    a manager."""
    view = host.engine.chat(chat_id)
    if view is None or actor.manager:
        return True  # an unknown chat is the engine's not_found
    if view.shopper == actor.shopper and actor.expert is None:
        return True
    me = actor.expert
    if me is None:
        return view.shopper == actor.shopper
    transfer = host.state.transfers.get(chat_id, {})
    return (view.expert == me or me in view.pending_offers or transfer.get("to") == me
            or view.state.value == "left_message")


def expert_view(host: Host, actor: Actor, expert_id: str) -> dict[str, Any]:
    """`/api/expert/<id>`: the record, capacity, open chats, pending offer and transfer, left
    messages."""
    if not (actor.manager or actor.expert == expert_id):
        raise Forbidden(f"expert: only {expert_id!r} or a manager may read it")
    view = host.engine.expert(expert_id)
    if view is None:
        raise vshop.NotFound(f"expert: no expert {expert_id!r}")
    out: dict[str, Any] = plain(view)
    out["name"] = host.state.experts.get(expert_id, {}).get("name", "")
    out["max_active_chats"] = host.engine.settings().max_active_chats
    out["open_chats"] = [chat_view(host, c, messages=False, staff=True)
                         for c in host.engine.open_chats(expert_id)]
    offer = view.pending_offer
    out["offer"] = {"chat": offer, "deadline": host.state.offers.get(offer)} if offer else None
    out["transfer"] = next((t for t in host.state.transfers.values() if t["to"] == expert_id),
                           None)
    out["left_messages"] = [host.state.left.get(c, {"chat": c, "text": "", "at": None})
                            for c in host.engine.pending_left_messages()]
    return out


def shopper_chats(host: Host, actor: Actor) -> dict[str, Any]:
    """`/api/shopper/chats`: the session shopper's chats (newest first) and notifications."""
    chats = [shopper_chat_view(host, c)
             for c in reversed(host.state.shopper_chats.get(actor.shopper, []))
             if host.engine.chat(c) is not None]
    return {"chats": chats, "notifications": host.state.notifications.get(actor.shopper, [])}


def transfer_candidates(host: Host, actor: Actor, chat_id: str) -> dict[str, Any]:
    """`/api/transfer_candidates?chat=`: eligible colleagues grouped by store."""
    view = host.engine.chat(chat_id)
    if view is None:
        raise vshop.NotFound(f"chat: no chat {chat_id!r}")
    if actor.expert is None or view.expert != actor.expert:
        raise Forbidden(f"chat: {chat_id!r} is not a chat of this expert")
    names = host.state.experts
    return {"stores": [
        {"store": g.store,
         "experts": [{"id": e, "name": names.get(e, {}).get("name", "")} for e in g.experts]}
        for g in host.engine.transfer_candidates(chat_id)]}


def _require_manager(actor: Actor) -> None:
    if not actor.manager:
        raise Forbidden("needs a manager account (any access type)")


def _instant(host: Host, name: str, text: str | None, end: bool) -> dt.datetime:
    if not text:
        raise BadRequest(f"{name}: missing")
    if len(text) == 10:  # a date in the reporting time zone, `to` inclusive
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise BadRequest(f"{name}: {text!r} is not a date YYYY-MM-DD") from None
        zone = zoneinfo.ZoneInfo(host.engine.settings().reporting_timezone)
        day = day + dt.timedelta(days=1) if end else day
        return dt.datetime.combine(day, dt.time(), zone)
    try:
        return vshop.parse_instant(text)
    except vshop.Error:
        raise BadRequest(f"{name}: {text!r} is not a date or an instant") from None


def _scope(params: dict[str, str]) -> Any:
    kind, ident = params.get("scope", "merchant"), params.get("id", "")
    if kind == "merchant":
        return "merchant"
    makers = {"store": vshop.Scope.store, "expert": vshop.Scope.expert, "team": vshop.Scope.team}
    if kind in makers and ident:
        return makers[kind](ident)
    raise BadRequest(f"scope: {kind!r} needs merchant, or store/expert/team with an id")


def metrics(host: Host, actor: Actor, params: dict[str, str], daily: bool) -> dict[str, Any]:
    """`/api/metrics` and `/api/daily_metrics` over a date range."""
    _require_manager(actor)
    start = _instant(host, "from", params.get("from"), False)
    end = _instant(host, "to", params.get("to"), True)
    scope = _scope(params)
    durations = ("response_median", "response_p90")
    if daily:
        rows = host.engine.daily_metrics(scope, start, end)
        return {"days": [_seconds_suffix(plain(r), durations) for r in rows]}
    return _seconds_suffix(plain(host.engine.metrics(scope, start, end)), durations)


def team(host: Host, actor: Actor) -> dict[str, Any]:
    """`/api/team`: every expert the host has seen register, with the engine's record."""
    _require_manager(actor)
    experts = []
    for ident, who in sorted(host.state.experts.items()):
        view = host.engine.expert(ident)
        if view is None:
            continue
        experts.append({"id": ident, "name": who["name"], "email": who["email"],
                        "account": view.account.value, "store": view.store,
                        "available": view.available, "active_chats": view.active_chats})
    return {"experts": experts, "stores": sorted(host.state.stores)}


def stores(host: Host) -> dict[str, Any]:
    """`/api/stores`: the store documents as journaled, with `active`."""
    return {"stores": [host.state.stores[s] for s in sorted(host.state.stores)]}


def store_status(host: Host, store_id: str) -> dict[str, Any]:
    """`/api/stores/<id>/status`: open now and the next change."""
    doc = host.state.stores.get(store_id)
    if doc is None:
        raise vshop.NotFound(f"store: no store {store_id!r}")
    now = host.now()
    store = vshop.Store({k: v for k, v in doc.items() if k != "active"})
    change = store.next_change(now)
    return {"store": store_id, "active": doc["active"], "open": doc["active"] and store.is_open(now),
            "next_change": vshop.format_instant(change) if change else None,
            "now": vshop.format_instant(now)}


def settings(host: Host, actor: Actor) -> dict[str, Any]:
    """`/api/settings`: the merchant settings (durations in seconds)."""
    _require_manager(actor)
    return _seconds_suffix(plain(host.engine.settings()),
                           ("claim_window", "offer_timeout", "transfer_timeout"))


def inspect(actor: Actor, text: str) -> dict[str, Any]:
    """`POST /api/inspect`: the Inspector's results for JSON Lines tracking events."""
    _require_manager(actor)
    batch = vshop.inspect_lines(text)
    results = [json.loads(line) for line in batch.to_json_lines().splitlines() if line]
    summary_lines = [json.loads(line) for line in batch.summary_json().splitlines() if line]
    return {"results": results, "summary": summary_lines[-1] if summary_lines else {},
            "by_code": summary_lines[:-1]}
