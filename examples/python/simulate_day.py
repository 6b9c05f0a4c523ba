#!/usr/bin/env python3
"""Generates the chain's day (chain_generator.py: 4 stores in 2 time zones, 15 experts, a Friday
of 400 shoppers) through the `vshop` package and prints that reporting day's metrics
(R-METRIC-1) for the merchant, each store and each expert, then the effects the host saw.

usage: python examples/python/simulate_day.py   (after `pip install .`, or with
       PYTHONPATH=build/release/python)
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import vshop
from chain_generator import DAY, generate


def seconds(value: timedelta | None) -> str:
    return "-" if value is None else f"{value.total_seconds():.1f}s"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def row(name: str, m: vshop.Metrics) -> str:
    gross = " ".join(f"{c.gross} {c.code}" for c in m.currencies) or "-"
    return (f"{name:<16} {m.initiated:>9} {m.claimed:>7} {percent(m.claimed_ratio):>7} "
            f"{m.missed:>6} {seconds(m.response_median):>8} {seconds(m.response_p90):>8} "
            f"{m.orders:>6} {gross:>12}")


def main() -> None:
    day = generate(keep_effects=True)
    engine = day.engine
    # The chain reports in Europe/Amsterdam: its Friday runs from local midnight to midnight.
    start = datetime.combine(DAY.date(), datetime.min.time(), ZoneInfo("Europe/Amsterdam"))
    end = start + timedelta(days=1)
    print(f"Metrics of {DAY:%A %Y-%m-%d} (Europe/Amsterdam reporting day)")
    print(f"{'scope':<16} {'initiated':>9} {'claimed':>7} {'share':>7} {'missed':>6} "
          f"{'median':>8} {'p90':>8} {'orders':>6} {'gross':>12}")
    print(row("merchant", engine.metrics(vshop.Scope.merchant(), start, end)))
    for store, *_ in day.stores:
        print(row(store, engine.metrics(vshop.Scope.store(store), start, end)))
    for expert in day.experts:
        print(row(expert, engine.metrics(vshop.Scope.expert(expert), start, end)))
    kinds = Counter(effect.kind.value for effect in day.effects)
    print("\nEffects: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    print(f"Commands: {len(day.lines)}, every one accepted")


if __name__ == "__main__":
    main()
