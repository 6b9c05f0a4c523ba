#!/usr/bin/env python3
"""Generates examples/scenarios/chain_day.jsonl: one Friday of a shoe-and-bag chain.

Four stores in two time zones (Amsterdam, Rotterdam, Antwerp on Europe/Amsterdam and Europe/
Brussels are the same offset, so London on Europe/London makes the second zone), 15 experts, 400
shoppers. Experts claim most offers, decline some, let some time out; missed chats leave
messages that are taken later; a few chats are transferred; one troll is blocked; shoppers buy
afterwards. Decisions that depend on the engine (who was offered a chat, whether an offer is
still pending) are taken by running `vshop simulate` on the scenario written so far, so the
result is realistic and deterministic (seeded).

usage: generate_chain_day.py VSHOP [OUT]
"""
import heapq
import json
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

SEED = 20260612
DAY = datetime(2026, 6, 12, tzinfo=timezone.utc)  # a Friday

STORES = [
    ("ams-kalverstraat", "Amsterdam Kalverstraat", "Europe/Amsterdam", 52.3702, 4.8910, ["shoes", "bags"], "09:00-18:00"),
    ("rtm-lijnbaan", "Rotterdam Lijnbaan", "Europe/Amsterdam", 51.9225, 4.4792, ["shoes"], "09:30-18:30"),
    ("ant-meir", "Antwerp Meir", "Europe/Brussels", 51.2194, 4.4025, ["shoes", "bags"], "10:00-18:00"),
    ("lon-regent", "London Regent Street", "Europe/London", 51.5136, -0.1365, ["shoes", "bags", "kids"], "09:00-19:00"),
]
EXPERTS = {  # expert -> store
    "anna": "ams-kalverstraat", "bram": "ams-kalverstraat", "chloe": "ams-kalverstraat", "daan": "ams-kalverstraat",
    "emma": "rtm-lijnbaan", "finn": "rtm-lijnbaan", "gijs": "rtm-lijnbaan",
    "hanna": "ant-meir", "ilse": "ant-meir", "jonas": "ant-meir",
    "kate": "lon-regent", "liam": "lon-regent", "maya": "lon-regent", "noah": "lon-regent", "olivia": "lon-regent",
}
# Shopper locations: around the stores, plus some without a location.
CITIES = [(52.37, 4.89), (51.92, 4.48), (51.22, 4.40), (51.51, -0.13), (52.09, 5.12), (50.85, 4.35), (53.48, -2.24)]


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ("." + f"{t.microsecond // 1000:03d}" if t.microsecond else "") + "Z"


def cmd(t, command, **fields):
    line = {"at": ts(t), "cmd": command}
    line.update(fields)
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


class Generator:
    def __init__(self, vshop):
        self.vshop = vshop
        self.rng = random.Random(SEED)
        self.lines = []
        self.events = []  # heap of (time, seq, kind, payload)
        self.seq = 0
        self.cache = (-1, [])  # (line count, effect lines)

    def at(self, t, kind, **payload):
        self.seq += 1
        heapq.heappush(self.events, (t, self.seq, kind, payload))

    def effects(self, needle):
        """The effects of the scenario so far whose line contains `needle` (the run is cached
        while no line is added; only matching lines are decoded)."""
        if self.cache[0] != len(self.lines):
            out = subprocess.run([self.vshop, "simulate", "-"], input="\n".join(self.lines) + "\n",
                                 capture_output=True, text=True, check=True).stdout
            self.cache = (len(self.lines), out.splitlines())
        return [json.loads(l) for l in self.cache[1] if needle in l and '"effect"' in l]

    def pending_offers(self, chat):
        pending = []
        for e in self.effects(f'"chat":"{chat}"'):
            if e["effect"] == "chat_offered":
                pending += e["experts"]
            elif e["effect"] in ("offer_withdrawn", "chat_claimed"):
                pending = [x for x in pending if x != e["expert"]]
            elif e["effect"] == "offer_expired":
                pending = [x for x in pending if x not in e["experts"]]
            elif e["effect"] in ("chat_missed",):
                pending = []
        return pending

    def available_experts(self):
        available = set()
        for e in self.effects('"effect":"expert_'):
            if e["effect"] == "expert_available":
                available.add(e["expert"])
            elif e["effect"] == "expert_unavailable":
                available.discard(e["expert"])
        return sorted(available)

    def state_of(self, chat):
        state, expert = None, None
        for e in self.effects(f'"chat":"{chat}"'):
            kind = e["effect"]
            if kind == "chat_offered":
                state = "requested"
            elif kind in ("chat_claimed", "chat_taken"):
                state, expert = "active", e["expert"]
            elif kind == "transfer_completed":
                expert = e["to"]
            elif kind == "chat_missed":
                state = "missed"
            elif kind in ("chat_finished", "shopper_blocked"):
                state = "ended"
        return state, expert

    def build(self):
        rng = self.rng
        start = DAY.replace(hour=5)
        self.lines.append(json.dumps({"cmd": "configure", "invite_code": "STRIDE7", "offer_fanout": 3,
                                      "offer_timeout_s": 20, "claim_window_s": 60, "max_active_chats": 3,
                                      "reporting_timezone": "Europe/Amsterdam"}, separators=(",", ":")))
        for sid, name, tz, lat, lon, depts, hours in STORES:
            week = {d: [hours] for d in ("mon", "tue", "wed", "thu", "fri", "sat")}
            week["sun"] = []
            self.lines.append(json.dumps({"cmd": "add_store", "store": sid, "name": name, "public_name": name,
                                          "address": name, "timezone": tz, "lat": lat, "lon": lon,
                                          "departments": depts, "hours": week}, separators=(",", ":")))
        self.lines.append(cmd(start, "subscribe_digest", manager="hq", email="hq@stride.example"))
        for i, (expert, store) in enumerate(EXPERTS.items()):
            self.lines.append(cmd(start, "register_expert", expert=expert, email=f"{expert}@stride.example",
                                  invite_code="stride7" if i % 4 == 0 else "STRIDE7", name=expert.title()))
        self.lines.append(cmd(start, "register_expert", expert="newbie", email="newbie@stride.example",
                              invite_code="STRIDE7", name="New Hire"))  # stays pending: digest
        for expert, store in EXPERTS.items():
            self.lines.append(cmd(start, "approve_expert", expert=expert, store=store))
        # Shifts: each expert goes available shortly after their store opens (local 10:00 at
        # the latest), takes a lunch break, and leaves before closing (the rest close with it).
        opening = {"Europe/Amsterdam": 8, "Europe/Brussels": 8, "Europe/London": 9}
        tz_of = {s[0]: s[2] for s in STORES}
        for expert, store in EXPERTS.items():
            t0 = DAY.replace(hour=opening[tz_of[store]], minute=rng.randrange(0, 45))
            self.at(t0, "available", expert=expert)
            lunch = DAY.replace(hour=11 + rng.randrange(0, 2), minute=rng.randrange(0, 60))
            self.at(lunch, "unavailable", expert=expert)
            self.at(lunch + timedelta(minutes=30), "available", expert=expert)
        # 400 shoppers over the opening hours, busier around lunch.
        for n in range(400):
            minute = int(min(max(rng.gauss(5 * 60, 130), 0), 9.5 * 60))
            t = DAY.replace(hour=8) + timedelta(minutes=minute, seconds=rng.randrange(60))
            self.at(t, "request", shopper=f"shopper-{n:03d}")
        self.at(DAY.replace(hour=10, minute=17), "request", shopper="troll-1", troll=True)
        # A few purchases from shoppers who never chatted.
        for n in range(10):
            self.at(DAY.replace(hour=20, minute=n), "purchase", order=f"WEB-{n:04d}", shopper=f"visitor-{n}",
                    currency="EUR", subtotal=f"{rng.randrange(20, 200)}.{rng.randrange(100):02d}")
        self.run()

    def run(self):
        rng = self.rng
        while self.events:
            t, _, kind, p = heapq.heappop(self.events)
            if kind == "available":
                self.lines.append(cmd(t, "go_available", expert=p["expert"]))
            elif kind == "unavailable":
                self.lines.append(cmd(t, "go_unavailable", expert=p["expert"]))
            elif kind == "request":
                fields = {"shopper": p["shopper"], "chat": f"chat-{p['shopper']}"}
                if rng.random() < 0.8:
                    lat, lon = rng.choice(CITIES)
                    fields.update(lat=round(lat + rng.uniform(-0.05, 0.05), 4), lon=round(lon + rng.uniform(-0.05, 0.05), 4))
                if rng.random() < 0.1:
                    fields["department"] = rng.choice(["shoes", "bags", "kids"])
                self.lines.append(cmd(t, "request_chat", **fields))
                self.at(t + timedelta(seconds=rng.randrange(3, 15)), "answer", chat=fields["chat"],
                        shopper=p["shopper"], troll=p.get("troll", False))
            elif kind == "answer":
                # The host's timer tick: fire what is due before looking at the offers.
                self.lines.append(cmd(t, "advance"))
                pending = self.pending_offers(p["chat"])
                if not pending:
                    state, _ = self.state_of(p["chat"])
                    if state == "missed" and rng.random() < 0.6:
                        self.leave_message(t, p)
                    continue
                r = rng.random()
                expert = pending[0]
                if r < 0.12:
                    self.lines.append(cmd(t, "decline", expert=expert, chat=p["chat"]))
                    self.at(t + timedelta(seconds=rng.randrange(2, 10)), "answer", **p)
                elif r < 0.2:
                    # Nobody reacts now: the wave may expire; look again later.
                    self.at(t + timedelta(seconds=rng.randrange(15, 40)), "answer", **p)
                else:
                    self.lines.append(cmd(t, "claim", expert=expert, chat=p["chat"]))
                    self.at(t + timedelta(seconds=rng.randrange(20, 90)), "talk", chat=p["chat"],
                            shopper=p["shopper"], expert=expert, left=3 + rng.randrange(5), troll=p["troll"])
            elif kind == "talk":
                state, expert = self.state_of(p["chat"])
                if state != "active":
                    continue
                if p["troll"]:
                    self.lines.append(cmd(t, "block_shopper", expert=expert, chat=p["chat"]))
                    self.at(t + timedelta(minutes=5), "request", shopper=p["shopper"])  # silent retry
                    continue
                if p["left"] > 0:
                    self.lines.append(cmd(t, "send_message", chat=p["chat"], **{"from": rng.choice(["expert", "shopper"])}))
                    if p["left"] == 2 and rng.random() < 0.06:
                        others = [e for e, s in EXPERTS.items() if e != expert and s != EXPERTS[expert]]
                        target = rng.choice(others)
                        self.at(t + timedelta(seconds=5), "transfer", expert=expert, chat=p["chat"], to=target)
                    self.at(t + timedelta(seconds=rng.randrange(30, 150)), "talk", **dict(p, left=p["left"] - 1))
                else:
                    self.lines.append(cmd(t, "finish_chat", expert=expert, chat=p["chat"]))
                    if rng.random() < 0.5:
                        self.at(t + timedelta(seconds=20), "rate", shopper=p["shopper"], chat=p["chat"])
                    if rng.random() < 0.3:
                        self.purchase(t + timedelta(minutes=rng.randrange(5, 600)), p["shopper"])
            elif kind == "transfer":
                if self.state_of(p["chat"]) == ("active", p["expert"]) and p["to"] in self.available_experts():
                    self.lines.append(cmd(t, "transfer", expert=p["expert"], chat=p["chat"], to=p["to"],
                                          note="customer asks about stock in another store"))
                    self.at(t + timedelta(seconds=rng.randrange(5, 30)), "accept", chat=p["chat"], expert=p["to"])
            elif kind == "leave":
                self.lines.append(cmd(t, "leave_message", chat=p["chat"], text="Do you have this in size 39?",
                                      channel=p["channel"], address=p["address"]))
                self.at(t + timedelta(minutes=self.rng.randrange(5, 60)), "take", chat=p["chat"],
                        shopper=p["shopper"])
            elif kind == "rate":
                self.lines.append(cmd(t, "rate_chat", shopper=p["shopper"], chat=p["chat"],
                                      stars=rng.choice([3, 4, 5, 5, 5])))
            elif kind == "accept":
                self.lines.append(cmd(t, "accept_transfer" if rng.random() < 0.8 else "decline_transfer",
                                      expert=p["expert"], chat=p["chat"]))
            elif kind == "take":
                available = self.available_experts()
                if not available:
                    if t < DAY.replace(hour=17):  # try again later; after closing, nobody will
                        self.at(t + timedelta(minutes=10), "take", **p)
                    continue
                expert = rng.choice(available)
                self.lines.append(cmd(t, "take_left_message", expert=expert, chat=p["chat"]))
                self.at(t + timedelta(seconds=30), "talk", chat=p["chat"], shopper=p["shopper"], expert=expert,
                        left=2, troll=False)
            elif kind == "purchase":
                self.lines.append(cmd(t, "record_purchase", order=p["order"], shopper=p["shopper"],
                                      subtotal=p["subtotal"], currency=p["currency"]))
        self.lines.append(cmd(DAY + timedelta(days=1, hours=6), "advance"))

    def leave_message(self, t, p):
        t2 = t + timedelta(seconds=self.rng.randrange(20, 90))
        channel = self.rng.choice(["email", "sms"])
        address = f"{p['shopper']}@mail.example" if channel == "email" else f"+3161{self.rng.randrange(10**7):07d}"
        self.at(t2, "leave", chat=p["chat"], shopper=p["shopper"], channel=channel, address=address)

    def purchase(self, t, shopper):
        currency = "GBP" if self.rng.random() < 0.3 else "EUR"
        self.at(t, "purchase", order=f"ORD-{len(self.lines):05d}", shopper=shopper, currency=currency,
                subtotal=f"{self.rng.randrange(30, 260)}.{self.rng.choice(['00', '95', '50', '99'])}")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    g = Generator(sys.argv[1])
    g.build()
    out = sys.argv[2] if len(sys.argv) > 2 else "examples/scenarios/chain_day.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(g.lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
