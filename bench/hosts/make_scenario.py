#!/usr/bin/env python3
"""Makes a long scenario for the language-host benchmark out of the chain day.

usage: make_scenario.py CHAIN_DAY.jsonl LINES OUT.jsonl

The set-up of examples/scenarios/chain_day.jsonl (settings, stores, experts: the lines before
the first go_available) is written once, then its day is repeated on the following days but
Sundays (the stores open Monday to Saturday) up to LINES lines (the last day is cut). In the
k-th repetition shoppers, chats and orders get the suffix -wK, so each day meets new shoppers
and the engine takes the same decisions as on the first.
"""
import json
import sys
from datetime import datetime, timedelta, timezone


def shifted(at, days):
    t = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ" if "." in at else "%Y-%m-%dT%H:%M:%SZ")
    t = t.replace(tzinfo=timezone.utc) + timedelta(days=days)
    ms = t.microsecond // 1000
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (f".{ms:03d}" if ms else "") + "Z"


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    lines = open(argv[1], encoding="utf-8").read().splitlines()
    first = next(i for i, line in enumerate(lines) if '"cmd":"go_available"' in line)
    setup, day = lines[:first], [json.loads(line) for line in lines[first:]]
    first_day = datetime.strptime(day[0]["at"][:10], "%Y-%m-%d")
    out = list(setup)
    k, offset = 0, 0
    while len(out) < int(argv[2]):
        for c in day:
            c = dict(c)
            if k:
                c["at"] = shifted(c["at"], offset)
                for key in ("shopper", "chat", "order"):
                    if key in c:
                        c[key] = f"{c[key]}-w{k}"
            out.append(json.dumps(c, ensure_ascii=False, separators=(",", ":")))
        k += 1
        offset += 1
        if (first_day + timedelta(days=offset)).weekday() == 6:  # Sunday: closed
            offset += 1
    with open(argv[3], "w", encoding="utf-8") as f:
        f.write("\n".join(out[:int(argv[2])]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
