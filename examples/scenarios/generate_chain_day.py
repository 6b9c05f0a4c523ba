#!/usr/bin/env python3
"""Generates examples/scenarios/chain_day.jsonl: days of a shoe-and-bag chain.

The generator is examples/python/chain_generator.py (also imported by the notebook, by
examples/python/simulate_day.py and by bench/hosts/run.sh); this is its command line. The size is
chosen with --stores, --experts, --shoppers (per day) and --days; the defaults make the file.

usage: generate_chain_day.py [--stores N] [--experts N] [--shoppers N] [--days N] [--seed N] [OUT]
(needs `import vshop`: PYTHONPATH=build/release/python, or the installed wheel)
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
import chain_generator  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="examples/scenarios/chain_day.jsonl")
    parser.add_argument("--stores", type=int, default=len(chain_generator.STORES))
    parser.add_argument("--experts", type=int, default=len(chain_generator.EXPERTS))
    parser.add_argument("--shoppers", type=int, default=400, help="chat requests per day")
    parser.add_argument("--days", type=int, default=1, help="opening days (Sundays skipped)")
    parser.add_argument("--seed", type=int, default=chain_generator.SEED)
    a = parser.parse_args()
    try:
        g = chain_generator.generate(a.stores, a.experts, a.shoppers, a.days, a.seed)
    except ValueError as error:
        parser.error(f"--{error}")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(g.lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
