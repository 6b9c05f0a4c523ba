#!/usr/bin/env python3
"""Builds a store chain (3 stores in 2 time zones, 11 experts), simulates a Friday of 300
shoppers through the `vshop` package and prints the day's metrics (R-METRIC-1) for the
merchant, each store and each expert, then what the host saw.

usage: python examples/python/simulate_day.py   (after `pip install .`, or with
       PYTHONPATH=build/release/python)
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import vshop
from store_chain import DAY, EXPERTS, STORES, simulate_day


def seconds(value: timedelta | None) -> str:
    return "-" if value is None else f"{value.total_seconds():.1f}s"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def row(name: str, m: vshop.Metrics) -> str:
    gross = " ".join(f"{c.gross} {c.code}" for c in m.currencies) or "-"
    return (f"{name:<10} {m.initiated:>9} {m.claimed:>7} {percent(m.claimed_ratio):>7} "
            f"{m.missed:>6} {seconds(m.response_median):>8} {seconds(m.response_p90):>8} "
            f"{m.orders:>6} {gross:>12}")


def main() -> None:
    engine = vshop.Engine()
    day = simulate_day(engine)
    start, end = DAY, DAY + timedelta(days=1)
    print(f"Metrics of {DAY:%A %Y-%m-%d} (UTC reporting day)")
    print(f"{'scope':<10} {'initiated':>9} {'claimed':>7} {'share':>7} {'missed':>6} "
          f"{'median':>8} {'p90':>8} {'orders':>6} {'gross':>12}")
    print(row("merchant", engine.metrics(vshop.Scope.merchant(), start, end)))
    for store, *_ in STORES:
        print(row(store, engine.metrics(vshop.Scope.store(store), start, end)))
    for store, *_ in STORES:
        for expert in EXPERTS[store]:
            print(row(expert, engine.metrics(vshop.Scope.expert(expert), start, end)))
    kinds = Counter(effect.kind.value for effect in day.effects)
    print("\nEffects: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    print("Rejected host calls: "
          + (", ".join(f"{code} {n}" for code, n in sorted(day.rejected.items())) or "none"))


if __name__ == "__main__":
    main()
