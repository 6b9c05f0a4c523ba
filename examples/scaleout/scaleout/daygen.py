"""A deterministic day (or days) of commands for one merchant (tests, benchmark, demo).

Two stores in Amsterdam, three experts; chats one after another through the day: offered,
claimed by one of the offered experts (sometimes after a decline; sometimes a late second claim
is refused), a few messages, finished, sometimes rated and followed by a purchase; a chat nobody is offered is missed and the
shopper leaves a message. Decisions that depend on the engine (who was offered) are taken by
running the engine on the commands so far, so the day is realistic; the seed is the merchant id.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import zlib
from typing import Any

import vshop

EXPERTS = ["ann", "bob", "cas"]
DAY = dt.datetime(2026, 5, 14, 7, 0, tzinfo=dt.timezone.utc)  # a Thursday, 09:00 in Amsterdam


class _Day:
    def __init__(self, merchant: str) -> None:
        self.rng = random.Random(zlib.crc32(merchant.encode()))
        self.engine = vshop.Engine()
        self.engine.set_journaling(False)
        self.lines: list[str] = []
        self.t = DAY

    def add(self, cmd: str, **fields: Any) -> list[dict[str, Any]]:
        line = json.dumps({"at": vshop.format_instant(self.t), "cmd": cmd, **fields},
                          separators=(",", ":"))
        self.lines.append(line)
        try:
            self.engine.apply_json(line)
        except vshop.Error:
            pass
        return [json.loads(e.to_json()) for e in self.engine.drain_effects()]

    def wait(self, low: int, high: int) -> None:
        self.t += dt.timedelta(seconds=self.rng.randint(low, high))


def merchant_day(merchant: str, chats: int = 40, days: int = 1) -> list[str]:
    """The command lines of one merchant: the set-up, then `days` days with `chats` chat
    requests each (the experts go available every morning, timers fire at night)."""
    d = _Day(merchant)
    d.add("configure", invite_code="JOIN026", offer_fanout=2, offer_timeout_s=20,
          claim_window_s=60, max_active_chats=3, reporting_timezone="Europe/Amsterdam")
    for store in ("north", "south"):
        d.add("add_store", store=store, name=f"{merchant} {store}", timezone="Europe/Amsterdam",
              osm_hours="Mo-Su 09:00-18:00")
    for i, expert in enumerate(EXPERTS):
        d.add("register_expert", expert=expert, name=expert.title(),
              email=f"{expert}@{merchant}.example", invite_code="JOIN026")
        d.add("approve_expert", expert=expert, store=("north", "south")[i % 2])
    for day in range(days):
        d.t = DAY + dt.timedelta(days=day)
        for expert in EXPERTS:
            d.add("go_available", expert=expert)
        for k in range(day * chats, (day + 1) * chats):
            _chat(d, merchant, k, chats)
        d.t = max(d.t, DAY + dt.timedelta(days=day, hours=15))
        d.add("advance")
    return d.lines


def _chat(d: _Day, merchant: str, k: int, chats: int) -> None:
    """One chat request and what follows it."""
    d.wait(20, 240)
    chat, shopper = f"c{k}", f"s{d.rng.randint(1, chats)}"
    effects = d.add("request_chat", shopper=shopper, chat=chat, page_url=f"/p/{k % 7}")
    offered = [x for e in effects if e["effect"] == "chat_offered" for x in e["experts"]]
    if not offered:
        d.wait(5, 30)
        d.add("advance")
        d.add("leave_message", chat=chat, text="call me", channel="email",
              address=f"{shopper}@shop.example")
        return
    expert = d.rng.choice(offered)
    if len(offered) > 1 and d.rng.random() < 0.2:
        d.wait(1, 5)
        d.add("decline", expert=[x for x in offered if x != expert][0], chat=chat)
    d.wait(2, 15)
    d.add("claim", expert=expert, chat=chat)
    if d.rng.random() < 0.1:  # a late second claim: refused, and published as refused
        d.wait(1, 3)
        d.add("claim", expert=d.rng.choice(EXPERTS), chat=chat)
    for _ in range(d.rng.randint(1, 3)):
        d.wait(10, 60)
        d.add("send_message", chat=chat, **{"from": d.rng.choice(["shopper", "expert"])})
    d.wait(60, 400)
    d.add("finish_chat", expert=expert, chat=chat)
    if d.rng.random() < 0.4:
        d.wait(5, 60)
        d.add("rate_chat", shopper=shopper, chat=chat, stars=d.rng.randint(3, 5))
    if d.rng.random() < 0.3:
        d.wait(30, 600)
        d.add("record_purchase", order=f"{merchant}-{k}", shopper=shopper,
              subtotal=f"{d.rng.randint(10, 300)}.00", currency="EUR")


def merchant_days(merchants: int, chats: int = 40) -> dict[str, list[str]]:
    """Merchants `m0000`, `m0001`, ... with a generated day each."""
    return {f"m{i:04d}": merchant_day(f"m{i:04d}", chats) for i in range(merchants)}
