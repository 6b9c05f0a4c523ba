#!/usr/bin/env python3
"""`vshop simulate --export-chats` / `--export-data` (issue 16, docs/metrics.md "Exports") on the
chain day: CSV and JSON Lines hold the same records; one chat record per counted chat, its store
the owner of docs/metrics.md (so the records per store are the report's initiated), the orders
and sales add up to the report's; Export Data's active days and sales equal the expert rows;
--from/--to select by request day; bad arguments are one-line usage errors (exit 2).

usage: check_exports.py VSHOP SCENARIO WORKDIR
"""
import csv
import io
import json
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path


def run(vshop, *args, ok=True):
    done = subprocess.run([vshop, "simulate", *args], capture_output=True, text=True)
    if ok:
        assert done.returncode == 0, (args, done.returncode, done.stderr)
    return done


def main(argv):
    vshop, scenario, work = argv[1], argv[2], Path(argv[3])
    work.mkdir(parents=True, exist_ok=True)
    report = json.loads(run(vshop, scenario, "--quiet", "--report=json").stdout)
    chats_csv = list(csv.DictReader(io.StringIO(run(vshop, scenario, "--quiet", "--export-chats=csv").stdout)))
    chats_jsonl = [json.loads(l) for l in run(vshop, scenario, "--quiet", "--export-chats=jsonl").stdout.splitlines()]
    assert len(chats_csv) == len(chats_jsonl) > 100, (len(chats_csv), len(chats_jsonl))
    for c, j in zip(chats_csv, chats_jsonl):
        assert c["chat"] == j["chat"] and c["store"] == (j["store"] or ""), (c, j)
        assert c["experts"].split(";") == j["experts"] or (c["experts"] == "" and j["experts"] == [])
        assert int(c["orders"]) == j["orders"] and c["outcome"] == j["outcome"], (c, j)
    # One record per chat the report counts (the blocked troll's silent retry has no record).
    assert len(chats_jsonl) == report["merchant"]["initiated"], (len(chats_jsonl), report["merchant"]["initiated"])
    per_store = Counter(j["store"] for j in chats_jsonl)
    for row in report["stores"]:
        assert per_store[row["store"]] == row["initiated"], (row["store"], per_store[row["store"]], row["initiated"])
    assert per_store[None] == report["no_offer"]["initiated"]
    assert sum(j["orders"] for j in chats_jsonl) == report["merchant"]["orders"]
    gross = defaultdict(Decimal)
    for j in chats_jsonl:
        for s in j["sales"]:
            gross[s["currency"]] += Decimal(s["gross"])
    assert gross == {s["currency"]: Decimal(s["gross"]) for s in report["merchant"]["sales"]}, gross
    assert all(j["requested_at"] <= (j["answered_at"] or "~") for j in chats_jsonl)
    assert {j["outcome"] for j in chats_jsonl} >= {"claimed", "missed", "taken"}

    data = [json.loads(l) for l in run(vshop, scenario, "--quiet", "--export-data=jsonl").stdout.splitlines()]
    data_csv = list(csv.DictReader(io.StringIO(run(vshop, scenario, "--quiet", "--export-data=csv").stdout)))
    assert len(data) == len(data_csv) > 0
    experts = {r["expert"]: r for r in report["experts"]}
    for d in data:
        r = experts[d["expert"]]
        assert d["active_days"] == r["associate_days"], (d, r["associate_days"])
        if d["section"] == "sales":
            sale = next(s for s in r["sales"] if s["currency"] == d["currency"])
            assert (d["orders"], d["gross"]) == (sale["orders"], sale["gross"]), (d, sale)
    assert {d["section"] for d in data} == {"active_days", "sales"}

    # A range after the day: no chat; --export-file writes the export there.
    out = work / "chats.csv"
    run(vshop, scenario, "--quiet", "--export-chats=csv", "--from", "2026-06-13", "--to", "2026-06-14", "--export-file", str(out))
    assert out.read_text().splitlines() == [
        "chat,shopper,requested_at,answered_at,store,experts,state,outcome,rating,orders,sales"]
    for args, want in ((["--export-chats=xml"], "--export-chats"),
                       (["--export-chats=csv", "--export-data=csv"], "one export per run"),
                       (["--export-file", str(work / "x")], "--export-file needs"),
                       (["--export-data=csv", "--from", "2026-13-01"], "--from")):
        done = run(vshop, scenario, "--quiet", *args, ok=False)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and want in done.stderr, (args, done.stderr)
        assert done.stdout == "", args
    print("exports OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
