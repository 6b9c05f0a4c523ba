#!/usr/bin/env python3
"""Recomputes the Dashboard figures (docs/metrics.md) from the effect stream of `vshop simulate`,
independently of the library's analytics code, and checks them against `--report=json` and the
worked example of docs/metrics.md.

usage: recompute.py VSHOP ROOT

What it reads: the effects (chat_offered / claimed / missed / taken, transfer_completed,
sale_attributed / unattributed, expert_available / unavailable) and, from the scenario's
commands, only who works where (approve_expert) and the reporting zone (configure). A chat's
request instant is the instant of its first effect (its first wave is offered, or it is missed,
at the request).
"""
import json
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def ratio(num, den, decimals, percent=False):
    """num/den (x100) rounded half up to `decimals`, as the report prints it; None for den 0."""
    if den == 0:
        return None
    scale = 10 ** (decimals + (2 if percent else 0))
    q = (num * scale * 2 + den) // (den * 2)
    s = str(q).rjust(decimals + 1, "0")
    return s[:-decimals] + "." + s[-decimals:] if decimals else s


def nearest_rank(values, p):
    v = sorted(values)
    return v[max(1, (len(v) * p + 99) // 100) - 1]


class Recompute:
    def __init__(self, scenario_lines, effects):
        self.store_of, self.team_of, zone = {}, {}, "UTC"
        for line in scenario_lines:
            c = json.loads(line)
            if c.get("cmd") == "approve_expert":
                self.store_of[c["expert"]] = c["store"]
                self.team_of[c["expert"]] = c.get("team", "")
            if c.get("cmd") == "configure" and "reporting_timezone" in c:
                zone = c["reporting_timezone"]
        self.zone = ZoneInfo(zone)
        self.chats = {}  # chat -> dict
        self.sales = []  # (expert, chat, currency, subtotal)
        self.unattributed = 0
        self.transfers = []  # (from, to)
        self.available_days = defaultdict(set)  # expert -> local dates
        self.days = set()
        open_since = {}
        for e in effects:
            kind, at = e["effect"], instant(e["at"])
            chat = e.get("chat")
            if chat is not None and kind not in ("sale_attributed",):
                c = self.chats.setdefault(chat, {"requested": at, "offers": [], "claimer": None,
                                                 "taker": None, "missed": False})
            if kind == "chat_offered":
                c["offers"] += e["experts"]
            elif kind == "chat_claimed" and c["claimer"] is None:
                c["claimer"], c["claimed_at"] = e["expert"], at
            elif kind == "chat_taken":
                c["taker"] = e["expert"]
            elif kind == "chat_missed":
                c["missed"] = True
            elif kind == "transfer_completed":
                self.transfers.append((e["from"], e["to"]))
            elif kind == "sale_attributed":
                self.sales.append((e["expert"], e["chat"], e["currency"], e["subtotal"]))
            elif kind == "sale_unattributed":
                self.unattributed += 1
            elif kind == "expert_available":
                open_since.setdefault(e["expert"], at)
            elif kind == "expert_unavailable" and e["expert"] in open_since:
                self.mark(e["expert"], open_since.pop(e["expert"]), at)
            if kind not in ("team_digest",):
                self.days.add(self.day(at))
        for expert, since in open_since.items():
            self.mark(expert, since, since)

    def day(self, t):
        return t.astimezone(self.zone).date()

    def mark(self, expert, start, end):
        d = self.day(start)
        while d <= self.day(end):
            self.available_days[expert].add(d)
            d += timedelta(days=1)

    def owner(self, c):
        expert = c["claimer"] or c["taker"]
        if expert:
            return self.store_of[expert], expert
        return (self.store_of[c["offers"][0]] if c["offers"] else None), None

    def figures(self, kind, name):
        """The figures of one scope over the whole run, keyed as in the JSON report."""
        mine = {
            "merchant": lambda x: True,
            "store": lambda x: self.store_of.get(x) == name,
            "expert": lambda x: x == name,
            "team": lambda x: self.team_of.get(x) == name,
        }[kind]
        f = defaultdict(int)
        responses = []
        for c in self.chats.values():
            if not c["offers"] and not c["missed"] and not c["claimer"]:
                continue  # a blocked shopper's silent chat
            store, expert = self.owner(c)
            if kind == "merchant":
                owned = True
            elif kind == "store":
                owned = store == name
            else:
                owned = expert is not None and mine(expert)
            f["initiated"] += owned
            f["missed"] += owned and c["missed"]
            if c["claimer"] and mine(c["claimer"]):
                f["claimed"] += 1
                responses.append(round((c["claimed_at"] - c["requested"]).total_seconds() * 1000))
            offered = set(c["offers"]) | ({c["claimer"]} if c["claimer"] else set())
            f["offered"] += kind in ("store", "expert") and any(mine(x) for x in offered)
            f["taken"] += bool(c["taker"]) and mine(c["taker"])
        for src, dst in self.transfers:
            if kind == "store":
                f["transfers_in"] += mine(dst) and self.store_of[src] != self.store_of[dst]
            elif kind != "merchant":
                f["transfers_in"] += mine(dst)
        converted, sales = set(), defaultdict(lambda: [0, Decimal(0)])
        for expert, chat, currency, subtotal in self.sales:
            if mine(expert):
                converted.add(chat)
                sales[currency][0] += 1
                sales[currency][1] += Decimal(subtotal)
        f["orders"] = sum(n for n, _ in sales.values())
        f["converted"] = len(converted)
        f["engaged"] = f["claimed"] + f["taken"] + f["transfers_in"]
        experts = [x for x in self.available_days if mine(x)]
        f["available_associates"] = len(experts)
        f["associate_days"] = sum(len(self.available_days[x]) for x in experts)
        out = dict(f)
        out["claimed_pct"] = ratio(f["claimed"], f["initiated"], 1, True)
        out["conversion_pct"] = ratio(f["converted"], f["engaged"], 1, True)
        out["chats_per_associate"] = (None if kind == "expert"
                                      else ratio(f["initiated"], f["associate_days"], 2))
        out["gross"] = {cur: v[1] for cur, v in sales.items()}
        for p, key in ((50, "response_median_ms"), (90, "response_p90_ms")):
            out[key] = nearest_rank(responses, p) if responses else None
        if kind not in ("store", "expert"):
            out.pop("offered", None)
        return out


def check(label, got, want, failures):
    if got != want:
        failures.append(f"{label}: report {got!r}, recomputed {want!r}")


def compare(rec, report, failures, scenario):
    rows = [("merchant", "", report["merchant"])]
    for kind in ("store", "team", "expert"):
        rows += [(kind, r[kind], r) for r in report[kind + "s"]]
    for kind, name, row in rows:
        want = rec.figures(kind, name)
        label = f"{scenario} {kind} {name}".strip()
        for key in ("initiated", "claimed", "missed", "offered", "taken", "transfers_in", "orders",
                    "converted", "engaged", "available_associates", "associate_days"):
            if key in row:
                check(f"{label} {key}", row[key], want.get(key, 0), failures)
        for key in ("claimed_pct", "conversion_pct", "chats_per_associate"):
            got = row[key] if row[key] is None else f"{row[key]:.{2 if key == 'chats_per_associate' else 1}f}"
            check(f"{label} {key}", got, want[key], failures)
        for key in ("response_median_ms", "response_p90_ms"):
            exact = want[key]
            got = row[key]
            # Never above the exact nearest rank, at most 99 ms below it, exact for whole
            # 100 ms values.
            ok = (got is None) == (exact is None) and (
                exact is None or (0 <= exact - got < 100 and (exact % 100 or got == exact)))
            if not ok:
                failures.append(f"{label} {key}: report {got}, exact {exact}")
        gross = {s["currency"]: Decimal(s["gross"]) for s in row["sales"]}
        check(f"{label} gross", gross, want["gross"], failures)
    # Ownership adds up: store rows + no offer = merchant.
    m = report["merchant"]
    for key in ("initiated", "missed", "claimed"):
        total = sum(r[key] for r in report["stores"]) + report["no_offer"].get(key, 0)
        check(f"{scenario} stores + no offer {key}", total, m[key], failures)
    check(f"{scenario} experts claimed", sum(r["claimed"] for r in report["experts"]), m["claimed"],
          failures)


def worked_example(doc, rec, failures):
    """The worked-example table of docs/metrics.md against the recomputation."""
    text = doc.read_text(encoding="utf-8")
    block = text.split("<!-- worked-example:", 1)[1]
    rows = [l for l in block.splitlines() if l.startswith("| ") and not l.startswith("| scope")]
    rows = [r for r in rows if not set(r) <= set("|- ")]
    if len(rows) < 4:
        failures.append("docs/metrics.md: worked example table not found")
    for r in rows:
        cells = [c.strip() for c in r.strip("|").split("|")]
        scope = cells[0].split(" ", 1)
        kind, name = scope[0], scope[1] if len(scope) > 1 else ""
        f = rec.figures(kind, name)
        conv = f"{f['converted']}/{f['engaged']}"
        median = f["response_median_ms"]
        p90 = f["response_p90_ms"]
        want = [str(f["initiated"]), str(f["claimed"]), str(f["missed"]),
                str(f["offered"]) if "offered" in f else "-",
                f["chats_per_associate"] or "-", str(f["orders"]), conv,
                "-" if median is None else str(median // 100 * 100),
                "-" if p90 is None else str(p90 // 100 * 100)]
        check(f"docs/metrics.md {cells[0]}", cells[1:], want, failures)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    vshop, root = argv[1], Path(argv[2])
    failures = []
    scenarios = {"day_basic": root / "tests/data/examples/day_basic.jsonl",
                 "chain_day": root / "examples/scenarios/chain_day.jsonl"}
    for name, path in scenarios.items():
        lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        run = subprocess.run([vshop, "simulate", str(path)], capture_output=True, text=True)
        effects = [json.loads(l) for l in run.stdout.splitlines() if '"effect"' in l]
        report = json.loads(subprocess.run([vshop, "simulate", str(path), "--quiet", "--report=json"],
                                           capture_output=True, text=True, check=True).stdout)
        rec = Recompute(lines, effects)
        if name == "chain_day":
            # The newcomer's demo: no rejected command, one reporting day, one currency a store.
            check("chain_day rejected commands", run.stdout.count('"error"'), 0, failures)
            check("chain_day days", (report["from"], report["to"]), ("2026-06-12", "2026-06-12"),
                  failures)
            for row in report["stores"]:
                check(f"chain_day {row['store']} currencies", len(row["sales"]), 1, failures)
            if not report["teams"]:
                failures.append("chain_day: no team rows")
        compare(rec, report, failures, name)
        if name == "day_basic":
            worked_example(root / "docs/metrics.md", rec, failures)
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
