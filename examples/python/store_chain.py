"""A store chain and one simulated day, driven through the `vshop` Python package.

Used by simulate_day.py (prints the metrics) and by the notebook
examples/notebooks/day_in_the_store.ipynb (tables and plots). The host loop is the one a real
host runs: it sends commands with their time, drains the effects and reacts to them (an offered
expert claims, declines or lets the offer run out; a claimed chat gets messages and is finished;
some shoppers buy afterwards), and calls `advance` when the engine's next deadline comes before
the next thing the host does. Everything is seeded, so a run gives the same output every time.
"""

from __future__ import annotations

import dataclasses
import heapq
import random
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Callable

import vshop

DAY = datetime(2026, 6, 12, tzinfo=timezone.utc)  # a Friday
SEED = 11

# store id, name, time zone, latitude, longitude, local opening hours (every weekday)
STORES = [
    ("ams", "Amsterdam Kalverstraat", "Europe/Amsterdam", 52.3702, 4.8910, "09:00-18:00"),
    ("ant", "Antwerp Meir", "Europe/Brussels", 51.2194, 4.4025, "10:00-18:00"),
    ("lon", "London Regent Street", "Europe/London", 51.5136, -0.1365, "09:00-19:00"),
]
EXPERTS = {
    "ams": ["anouk", "bram", "daan", "eva"],
    "ant": ["lotte", "noah", "wout"],
    "lon": ["amelia", "harry", "isla", "oliver"],
}
SHOPPERS = 300
# Where shoppers are: around each store's city (latitude, longitude, spread in degrees).
CITIES = [(52.37, 4.89, 0.6), (51.22, 4.40, 0.6), (51.51, -0.13, 1.0)]


def build_chain(engine: vshop.Engine, at: datetime) -> None:
    """Adds the stores, registers and approves the experts (R-STORE-1, R-EXP-1, R-EXP-2)."""
    engine.apply({"at": at, "cmd": "configure", "invite_code": "CHAIN26", "offer_fanout": 3,
                  "max_active_chats": 2})
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for store, name, zone, lat, lon, hours in STORES:
        engine.apply({"cmd": "add_store", "store": store, "name": name, "timezone": zone,
                      "lat": lat, "lon": lon, "hours": {d: [hours] for d in days}})
        for expert in EXPERTS[store]:
            engine.apply({"cmd": "register_expert", "expert": expert, "name": expert.title(),
                          "email": f"{expert}@chain.example", "invite_code": "CHAIN26"})
            engine.apply({"cmd": "approve_expert", "expert": expert, "store": store})


@dataclasses.dataclass
class Day:
    """What a simulated day produced: every effect in order and the rejected host calls."""

    effects: list[vshop.Effect] = dataclasses.field(default_factory=list)
    rejected: Counter[str] = dataclasses.field(default_factory=Counter)


Action = Callable[..., object]  # called with (at, *arguments)


class Host:
    """A seeded host: a queue of timed calls, and reactions to the effects."""

    def __init__(self, engine: vshop.Engine, seed: int) -> None:
        self.engine = engine
        self.rng = random.Random(seed)
        self.queue: list[tuple[datetime, int, Action, tuple[str, ...]]] = []
        self.count = 0
        self.day = Day()
        self.shopper_of: dict[str, str] = {}  # chat -> shopper

    def later(self, at: datetime, action: Action, *arguments: str) -> None:
        """Queues `action(at, *arguments)` (an engine method or a host step)."""
        self.count += 1
        heapq.heappush(self.queue, (at, self.count, action, arguments))

    def call(self, action: Action, at: datetime, *arguments: str) -> None:
        """Runs one call; a rejection (e.g. a claim that came too late) is counted."""
        try:
            action(at, *arguments)
        except vshop.Error as error:
            self.day.rejected[error.code] += 1
        self.react()

    def react(self) -> None:
        for effect in self.engine.drain_effects():
            self.day.effects.append(effect)
            if effect.kind == vshop.EffectKind.CHAT_OFFERED:
                for expert in effect.experts:
                    self.answer_offer(effect.at, expert, effect.chat or "")
            elif effect.kind == vshop.EffectKind.CHAT_CLAIMED:
                self.run_chat(effect.at, effect.expert or "", effect.chat or "")

    def answer_offer(self, at: datetime, expert: str, chat: str) -> None:
        """Most experts claim within seconds, some decline, some let the offer run out."""
        roll = self.rng.random()
        if roll < 0.55:
            self.later(at + timedelta(seconds=self.rng.uniform(2, 40)), self.engine.claim,
                       expert, chat)
        elif roll < 0.70:
            self.later(at + timedelta(seconds=self.rng.uniform(1, 15)), self.engine.decline,
                       expert, chat)

    def run_chat(self, at: datetime, expert: str, chat: str) -> None:
        """A few messages, the finish, sometimes a purchase within hours."""
        t = at
        for i in range(self.rng.randint(2, 6)):
            t += timedelta(seconds=self.rng.uniform(20, 120))
            self.later(t, self.engine.send_message, chat, "shopper" if i % 2 else "expert")
        t += timedelta(seconds=self.rng.uniform(30, 300))
        self.later(t, self.engine.finish_chat, expert, chat)
        if self.rng.random() < 0.3:
            amount = f"{self.rng.randint(20, 400)}.{self.rng.randint(0, 99):02d}"
            buy = t + timedelta(minutes=self.rng.uniform(5, 240))
            self.later(buy, self.engine.record_purchase, f"o-{chat}", self.shopper_of[chat],
                       amount, "EUR")

    def request(self, at: datetime, shopper: str) -> None:
        """A shopper near one of the cities asks for a chat."""
        lat, lon, spread = self.rng.choice(CITIES)
        where = (lat + self.rng.uniform(-spread, spread), lon + self.rng.uniform(-spread, spread))
        chat = self.engine.request_chat(at, shopper, lat=where[0], lon=where[1])
        self.shopper_of[chat] = shopper

    def run_until(self, end: datetime) -> None:
        """Runs the queued calls, advancing the engine to each deadline that comes first."""
        while self.queue and self.queue[0][0] < end:
            at, _, action, arguments = self.queue[0]
            deadline = self.engine.next_deadline
            if deadline is not None and deadline <= at:
                self.call(self.engine.advance, deadline)
                continue
            heapq.heappop(self.queue)
            self.call(action, at, *arguments)
        self.call(self.engine.advance, end)


def simulate_day(engine: vshop.Engine, day: datetime = DAY, seed: int = SEED) -> Day:
    """Builds the chain at 06:00 UTC of `day` and simulates that day until midnight UTC."""
    host = Host(engine, seed)
    morning = day.replace(hour=6)
    build_chain(engine, morning)
    for store, _, _, _, _, _ in STORES:
        for expert in EXPERTS[store]:  # each expert tries every 30 min until the store is open
            for half_hour in range(0, 14):
                at = morning + timedelta(minutes=30 * half_hour, seconds=host.rng.uniform(0, 60))
                host.later(at, engine.go_available, expert)
    for n in range(SHOPPERS):
        at = day.replace(hour=7) + timedelta(seconds=host.rng.uniform(0, 11 * 3600))
        host.later(at, host.request, f"shopper-{n:03d}")
    host.run_until(day + timedelta(days=1))
    return host.day
