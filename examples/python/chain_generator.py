"""The store-chain generator: days of a shoe-and-bag chain, of a chosen size, as scenario lines.

By default one Friday: four stores in two time zones (Amsterdam, Rotterdam, Antwerp on
Europe/Amsterdam and Europe/Brussels are the same offset, so London on Europe/London makes the
second zone), 15 experts, 400 shoppers. Experts claim most offers, decline some, let some time
out; missed chats leave messages that are taken later; a few chats are transferred; one troll
is blocked; shoppers buy afterwards, the same day, in the currency of the store whose expert
served them (GBP in London, EUR elsewhere). Every command is accepted: decisions that depend on
the engine (who was offered a chat, whether a transfer target is eligible) are taken by feeding
an in-process engine (the `vshop` Python package) as the scenario is written, so the result is
realistic and deterministic (seeded).

The size is chosen with `generate(stores, experts, shoppers, days)`, so the same generator
feeds examples/scenarios/chain_day.jsonl (its CLI, examples/scenarios/generate_chain_day.py),
the host benchmark (bench/hosts/run.sh), simulate_day.py and the notebook
examples/notebooks/day_in_the_store.ipynb, which read the metrics from the generator's engine.
"""

from __future__ import annotations

import heapq
import json
import random
from datetime import datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import vshop

SEED = 20260612
DAY = datetime(2026, 6, 12, tzinfo=timezone.utc)  # a Friday

# (id, name, time zone, lat, lon, departments, hours, currency): the four stores of the default
# day first; larger chains add numbered branches of the templates after them.
Store = tuple[str, str, str, float, float, list[str], str, str]
STORES: list[Store] = [
    ("ams-kalverstraat", "Amsterdam Kalverstraat", "Europe/Amsterdam", 52.3702, 4.8910, ["shoes", "bags"], "09:00-18:00", "EUR"),
    ("rtm-lijnbaan", "Rotterdam Lijnbaan", "Europe/Amsterdam", 51.9225, 4.4792, ["shoes"], "09:30-18:30", "EUR"),
    ("ant-meir", "Antwerp Meir", "Europe/Brussels", 51.2194, 4.4025, ["shoes", "bags"], "10:00-18:00", "EUR"),
    ("lon-regent", "London Regent Street", "Europe/London", 51.5136, -0.1365, ["shoes", "bags", "kids"], "09:00-19:00", "GBP"),
]
EXPERTS: dict[str, str] = {  # expert -> store (the default chain)
    "anna": "ams-kalverstraat", "bram": "ams-kalverstraat", "chloe": "ams-kalverstraat", "daan": "ams-kalverstraat",
    "emma": "rtm-lijnbaan", "finn": "rtm-lijnbaan", "gijs": "rtm-lijnbaan",
    "hanna": "ant-meir", "ilse": "ant-meir", "jonas": "ant-meir",
    "kate": "lon-regent", "liam": "lon-regent", "maya": "lon-regent", "noah": "lon-regent", "olivia": "lon-regent",
}
# Shopper locations: around the stores, plus some without a location.
CITIES = [(52.37, 4.89), (51.92, 4.48), (51.22, 4.40), (51.51, -0.13), (52.09, 5.12), (50.85, 4.35), (53.48, -2.24)]
# Experts start at 10:00 local time (every store is open by then, summer and winter); the last
# UTC hour a purchase of the day is made.
START_LOCAL_HOUR = 10
LAST_PURCHASE_HOUR = 21  # 23:00 in Amsterdam: purchases stay on the chat's reporting day


def chain(stores: int, experts: int) -> tuple[list[Store], dict[str, str]]:
    """The stores and the expert -> store map of a chain of the given size."""
    if stores == len(STORES) and experts == len(EXPERTS):
        return list(STORES), dict(EXPERTS)
    out: list[Store] = []
    for i in range(stores):
        sid, name, tz, lat, lon, departments, hours, currency = STORES[i % len(STORES)]
        if i >= len(STORES):
            sid, name = f"{sid}-{i // len(STORES) + 1}", f"{name} {i // len(STORES) + 1}"
        out.append((sid, name, tz, lat, lon, departments, hours, currency))
    return out, {f"expert-{n:03d}": out[n % stores][0] for n in range(experts)}


def ts(t: datetime) -> str:
    """An instant as the scenario writes it (UTC, milliseconds only when there are some)."""
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ("." + f"{t.microsecond // 1000:03d}" if t.microsecond else "") + "Z"


def cmd(t: datetime, command: str, **fields: Any) -> str:
    """One scenario line: `command` at `t` with its fields."""
    line = {"at": ts(t), "cmd": command}
    line.update(fields)
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


class Generator:
    """Writes the scenario while feeding an engine; `lines` are the commands, `engine` holds the
    result (its metrics and reports), `effects` every effect in order when `keep_effects`."""

    def __init__(self, stores: int, experts: int, shoppers: int, days: int, seed: int,
                 keep_effects: bool = False) -> None:
        self.rng = random.Random(seed)
        self.stores, self.experts = chain(stores, experts)
        self.currency_of = {s[0]: s[7] for s in self.stores}
        self.shoppers, self.days = shoppers, days
        self.engine = vshop.Engine()
        self.keep_effects = keep_effects
        self.effects: list[vshop.Effect] = []
        self.lines: list[str] = []
        self.events: list[tuple[datetime, int, str, dict[str, Any]]] = []  # (time, seq, kind, payload)
        self.seq = 0
        self.offers: dict[str, list[str]] = {}  # chat -> experts with a pending offer
        self.chats: dict[str, tuple[str | None, str | None]] = {}  # chat -> (state, expert)
        self.available: set[str] = set()

    def at(self, t: datetime, kind: str, **payload: Any) -> None:
        self.seq += 1
        heapq.heappush(self.events, (t, self.seq, kind, payload))

    def send(self, line: str, may_fail: bool = False) -> bool:
        """Applies a command to the engine and keeps it; a rejection the caller expects
        (`may_fail`) drops the line (the engine is unchanged), any other is a bug."""
        try:
            self.engine.apply_json(line)
        except vshop.Error:
            if not may_fail:
                raise
            return False
        self.lines.append(line)
        for effect in self.engine.drain_effects():
            if self.keep_effects:
                self.effects.append(effect)
            self.track(json.loads(effect.to_json()))
        return True

    def track(self, e: dict[str, Any]) -> None:
        kind, chat = e["effect"], e.get("chat") or ""
        if kind == "chat_offered":
            self.offers[chat] = self.offers.get(chat, []) + e["experts"]
            self.chats[chat] = ("requested", None)
        elif kind in ("offer_withdrawn", "chat_claimed"):
            self.offers[chat] = [x for x in self.offers.get(chat, []) if x != e["expert"]]
        elif kind == "offer_expired":
            self.offers[chat] = [x for x in self.offers.get(chat, []) if x not in e["experts"]]
        if kind in ("chat_claimed", "chat_taken"):
            self.chats[chat] = ("active", e["expert"])
        elif kind == "transfer_completed":
            self.chats[chat] = ("active", e["to"])
        elif kind == "chat_missed":
            self.chats[chat], self.offers[chat] = ("missed", None), []
        elif kind in ("chat_finished", "shopper_blocked"):
            self.chats[chat] = ("ended", self.chats.get(chat, (None, None))[1])
        elif kind == "expert_available":
            self.available.add(e["expert"])
        elif kind == "expert_unavailable":
            self.available.discard(e["expert"])

    def pending_offers(self, chat: str) -> list[str]:
        return list(self.offers.get(chat, []))

    def available_experts(self) -> list[str]:
        return sorted(self.available)

    def state_of(self, chat: str) -> tuple[str | None, str | None]:
        return self.chats.get(chat, (None, None))

    def build(self) -> None:
        """Sets up the chain and runs its days; the engine ends the morning after the last."""
        start = DAY.replace(hour=5)
        self.send(json.dumps({"cmd": "configure", "invite_code": "STRIDE7", "offer_fanout": 3,
                              "offer_timeout_s": 20, "claim_window_s": 60, "max_active_chats": 3,
                              "reporting_timezone": "Europe/Amsterdam"}, separators=(",", ":")))
        for sid, name, tz, lat, lon, depts, hours, _ in self.stores:
            week = {d: [hours] for d in ("mon", "tue", "wed", "thu", "fri", "sat")}
            week["sun"] = []
            self.send(json.dumps({"cmd": "add_store", "store": sid, "name": name, "public_name": name,
                                  "address": name, "timezone": tz, "lat": lat, "lon": lon,
                                  "departments": depts, "hours": week}, separators=(",", ":")))
        self.send(cmd(start, "subscribe_digest", manager="hq", email="hq@stride.example"))
        for i, (expert, store) in enumerate(self.experts.items()):
            self.send(cmd(start, "register_expert", expert=expert, email=f"{expert}@stride.example",
                          invite_code="stride7" if i % 4 == 0 else "STRIDE7", name=expert.title()))
        self.send(cmd(start, "register_expert", expert="newbie", email="newbie@stride.example",
                      invite_code="STRIDE7", name="New Hire"))  # stays pending: digest
        for i, (expert, store) in enumerate(self.experts.items()):
            team = "floor" if i % 3 else "seniors"  # teams (R-EXP-2) for the team rows
            self.send(cmd(start, "approve_expert", expert=expert, store=store, team=team))
        days = [DAY + timedelta(days=d) for d in range(self.days * 2)]
        days = [d for d in days if d.weekday() != 6][: self.days]  # the stores close on Sundays
        for n, day in enumerate(days):
            self.schedule_day(day, n)
            self.run()
        self.send(cmd(days[-1] + timedelta(days=1, hours=6), "advance"))

    def schedule_day(self, day: datetime, n: int) -> None:
        """One day's shifts, shoppers and web purchases."""
        rng = self.rng
        # Shifts: each expert goes available shortly after their store opens (local 10:00 at
        # the latest), takes a lunch break, and leaves before closing (the rest close with it).
        tz_of = {s[0]: s[2] for s in self.stores}
        for expert, store in self.experts.items():
            local = datetime.combine(day.date(), time(START_LOCAL_HOUR), ZoneInfo(tz_of[store]))
            t0 = local.astimezone(timezone.utc) + timedelta(minutes=rng.randrange(0, 45))
            self.at(t0, "available", expert=expert)
            lunch = day.replace(hour=11 + rng.randrange(0, 2), minute=rng.randrange(0, 60))
            self.at(lunch, "unavailable", expert=expert)
            self.at(lunch + timedelta(minutes=30), "available", expert=expert)
        # Shoppers over the opening hours, busier around lunch.
        for k in range(self.shoppers):
            minute = int(min(max(rng.gauss(5 * 60, 130), 0), 9.5 * 60))
            t = day.replace(hour=8) + timedelta(minutes=minute, seconds=rng.randrange(60))
            self.at(t, "request", shopper=f"shopper-{k:03d}" if n == 0 else f"shopper-{n}-{k:03d}")
        if n == 0:
            self.at(day.replace(hour=10, minute=17), "request", shopper="troll-1", troll=True)
        # A few purchases from shoppers who never chatted (each in its store's currency).
        for k in range(10):
            store = self.stores[rng.randrange(len(self.stores))][0]
            self.at(day.replace(hour=20, minute=k), "purchase", order=f"WEB-{n:03d}-{k:04d}",
                    shopper=f"visitor-{n}-{k}", currency=self.currency_of[store],
                    subtotal=f"{rng.randrange(20, 200)}.{rng.randrange(100):02d}")

    def run(self) -> None:
        """Runs the queued events in time order (each may queue more)."""
        rng = self.rng
        while self.events:
            t, _, kind, p = heapq.heappop(self.events)
            if kind == "available":
                self.send(cmd(t, "go_available", expert=p["expert"]))
            elif kind == "unavailable":
                self.send(cmd(t, "go_unavailable", expert=p["expert"]))
            elif kind == "request":
                # A blocked troll's retry is a new chat (an id is never reused).
                chat = f"chat-{p['shopper']}" + (f"-{self.seq}" if p.get("retry") else "")
                fields = {"shopper": p["shopper"], "chat": chat}
                if rng.random() < 0.8:
                    lat, lon = rng.choice(CITIES)
                    fields.update(lat=round(lat + rng.uniform(-0.05, 0.05), 4), lon=round(lon + rng.uniform(-0.05, 0.05), 4))
                if rng.random() < 0.1:
                    fields["department"] = rng.choice(["shoes", "bags", "kids"])
                self.send(cmd(t, "request_chat", **fields))
                if p.get("retry"):
                    continue  # a blocked shopper's silent chat: nobody is offered it
                self.at(t + timedelta(seconds=rng.randrange(3, 15)), "answer", chat=fields["chat"],
                        shopper=p["shopper"], troll=p.get("troll", False))
            elif kind == "answer":
                # The host's timer tick: fire what is due before looking at the offers.
                self.send(cmd(t, "advance"))
                pending = self.pending_offers(p["chat"])
                if not pending:
                    state, _ = self.state_of(p["chat"])
                    if state == "missed" and rng.random() < 0.6:
                        self.leave_message(t, p)
                    continue
                r = rng.random()
                expert = pending[0]
                if r < 0.12:
                    self.send(cmd(t, "decline", expert=expert, chat=p["chat"]))
                    self.at(t + timedelta(seconds=rng.randrange(2, 10)), "answer", **p)
                elif r < 0.2:
                    # Nobody reacts now: the wave may expire; look again later.
                    self.at(t + timedelta(seconds=rng.randrange(15, 40)), "answer", **p)
                else:
                    self.send(cmd(t, "claim", expert=expert, chat=p["chat"]))
                    self.at(t + timedelta(seconds=rng.randrange(20, 90)), "talk", chat=p["chat"],
                            shopper=p["shopper"], expert=expert, left=3 + rng.randrange(5), troll=p["troll"])
            elif kind == "talk":
                state, serving = self.state_of(p["chat"])
                if state != "active" or serving is None:
                    continue
                expert = serving
                if p["troll"]:
                    self.send(cmd(t, "block_shopper", expert=expert, chat=p["chat"]))
                    self.at(t + timedelta(minutes=5), "request", shopper=p["shopper"], retry=True)
                    continue
                if p["left"] > 0:
                    self.send(cmd(t, "send_message", chat=p["chat"], **{"from": rng.choice(["expert", "shopper"])}))
                    if p["left"] == 2 and rng.random() < 0.06:
                        others = [e for e, s in self.experts.items() if e != expert and s != self.experts[expert]]
                        target = rng.choice(others)
                        self.at(t + timedelta(seconds=5), "transfer", expert=expert, chat=p["chat"], to=target)
                    self.at(t + timedelta(seconds=rng.randrange(30, 150)), "talk", **dict(p, left=p["left"] - 1))
                else:
                    self.send(cmd(t, "finish_chat", expert=expert, chat=p["chat"]))
                    if rng.random() < 0.5:
                        self.at(t + timedelta(seconds=20), "rate", shopper=p["shopper"], chat=p["chat"])
                    if rng.random() < 0.3:
                        when = min(t + timedelta(minutes=rng.randrange(5, 600)),
                                   t.replace(hour=LAST_PURCHASE_HOUR, minute=rng.randrange(60)))
                        self.purchase(max(when, t + timedelta(minutes=1)), p["shopper"], expert)
            elif kind == "transfer":
                # The target must be eligible right now (available, under capacity, nothing
                # pending); a target that is not is simply not asked (no rejected command).
                if self.state_of(p["chat"]) == ("active", p["expert"]) and self.send(
                        cmd(t, "transfer", expert=p["expert"], chat=p["chat"], to=p["to"],
                            note="customer asks about stock in another store"), may_fail=True):
                    self.at(t + timedelta(seconds=rng.randrange(5, 30)), "accept", chat=p["chat"], expert=p["to"])
            elif kind == "leave":
                self.send(cmd(t, "leave_message", chat=p["chat"], text="Do you have this in size 39?",
                              channel=p["channel"], address=p["address"]))
                self.at(t + timedelta(minutes=self.rng.randrange(5, 60)), "take", chat=p["chat"],
                        shopper=p["shopper"])
            elif kind == "rate":
                self.send(cmd(t, "rate_chat", shopper=p["shopper"], chat=p["chat"],
                              stars=rng.choice([3, 4, 5, 5, 5])))
            elif kind == "accept":
                # The transfer may have timed out meanwhile: then there is nothing to answer.
                self.send(cmd(t, "accept_transfer" if rng.random() < 0.8 else "decline_transfer",
                              expert=p["expert"], chat=p["chat"]), may_fail=True)
            elif kind == "take":
                self.send(cmd(t, "advance"))  # a store may have closed meanwhile
                # Someone available with room for one more chat takes it, else retry later;
                # after closing, nobody will.
                candidates = self.available_experts()
                rng.shuffle(candidates)
                taker = next((e for e in candidates if self.send(
                    cmd(t, "take_left_message", expert=e, chat=p["chat"]), may_fail=True)), None)
                if taker is None:
                    if t < t.replace(hour=17):
                        self.at(t + timedelta(minutes=10), "take", **p)
                    continue
                self.at(t + timedelta(seconds=30), "talk", chat=p["chat"], shopper=p["shopper"], expert=taker,
                        left=2, troll=False)
            elif kind == "purchase":
                self.send(cmd(t, "record_purchase", order=p["order"], shopper=p["shopper"],
                              subtotal=p["subtotal"], currency=p["currency"]))

    def leave_message(self, t: datetime, p: dict[str, Any]) -> None:
        t2 = t + timedelta(seconds=self.rng.randrange(20, 90))
        channel = self.rng.choice(["email", "sms"])
        address = f"{p['shopper']}@mail.example" if channel == "email" else f"+3161{self.rng.randrange(10**7):07d}"
        self.at(t2, "leave", chat=p["chat"], shopper=p["shopper"], channel=channel, address=address)

    def purchase(self, t: datetime, shopper: str, expert: str) -> None:
        """A purchase after a chat, in the currency of the serving expert's store."""
        self.at(t, "purchase", order=f"ORD-{len(self.lines):06d}", shopper=shopper,
                currency=self.currency_of[self.experts[expert]],
                subtotal=f"{self.rng.randrange(30, 260)}.{self.rng.choice(['00', '95', '50', '99'])}")


def generate(stores: int = len(STORES), experts: int = len(EXPERTS), shoppers: int = 400,
             days: int = 1, seed: int = SEED, keep_effects: bool = False) -> Generator:
    """Generates `days` opening days (Sundays skipped) of a chain of `stores` stores, `experts`
    experts and `shoppers` chat requests a day; raises ValueError naming a size out of range."""
    for name, value, least in (("stores", stores, 1), ("experts", experts, 1),
                               ("shoppers", shoppers, 0), ("days", days, 1)):
        if value < least:
            raise ValueError(f"{name}: {value} is not at least {least}")
    generator = Generator(stores, experts, shoppers, days, seed, keep_effects)
    generator.build()
    return generator
