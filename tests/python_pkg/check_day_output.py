"""Checks the output of examples/python/simulate_day.py: the metrics table agrees with the
effects the host saw (merchant claimed = chat_claimed effects, missed = chat_missed, orders =
sale_attributed; the experts' claims add up to the merchant's), and chats were claimed.

usage: check_day_output.py OUTPUT_FILE
"""

import re
import sys


def main() -> int:
    text = open(sys.argv[1], encoding="utf-8").read()
    rows = {}
    for line in text.splitlines():
        cells = line.split()
        if len(cells) >= 7 and cells[1].isdigit():
            rows[cells[0]] = [int(cells[1]), int(cells[2]), int(cells[4]), int(cells[7])]
    effects = dict((k, int(n)) for k, n in re.findall(r"(\w+) (\d+)", text.split("Effects:")[1]))
    merchant = rows.pop("merchant")
    # The default chain of examples/python/chain_generator.py: store ids have a dash.
    stores = {name: rows.pop(name) for name in list(rows) if "-" in name}
    problems = []
    if merchant[1] != effects.get("chat_claimed") or merchant[1] == 0:
        problems.append(f"merchant claimed {merchant[1]}, chat_claimed effects {effects}")
    if merchant[2] != effects.get("chat_missed", 0):
        problems.append(f"merchant missed {merchant[2]}, chat_missed effects {effects}")
    if merchant[3] != effects.get("sale_attributed", 0):
        problems.append(f"merchant orders {merchant[3]}, sale_attributed effects {effects}")
    if sum(r[1] for r in rows.values()) != merchant[1] or len(rows) != 15:
        problems.append(f"the {len(rows)} experts' claims do not add up to {merchant[1]}")
    if sum(r[1] for r in stores.values()) != merchant[1] or len(stores) != 4:
        problems.append(f"the {len(stores)} stores' claims do not add up to {merchant[1]}")
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
