"""Shared fixtures of the Python API tests (run on the build tree: PYTHONPATH=build/<preset>/python)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

import pytest

import vshop

UTC = dt.timezone.utc
# Thursday 2026-05-14 08:00 UTC (10:00 in Amsterdam).
T0 = dt.datetime(2026, 5, 14, 8, 0, tzinfo=UTC)


def at(seconds: float) -> dt.datetime:
    """T0 plus `seconds`."""
    return T0 + dt.timedelta(seconds=seconds)


ALL_WEEK: dict[str, list[str]] = {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
NEVER: dict[str, list[str]] = {day: [] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def merchant(max_active_chats: int = 2, offer_fanout: int = 2) -> vshop.Engine:
    """A merchant with an always-open store `ams`, a never-open store `shut`, and two approved
    experts `lisa` and `omar` at `ams` (not available yet)."""
    e = vshop.Engine()
    e.configure(invite_code="TULIP26", max_active_chats=max_active_chats, offer_fanout=offer_fanout)
    e.add_store(store="ams", timezone="Europe/Amsterdam", hours=ALL_WEEK)
    e.add_store(store="shut", timezone="UTC", hours=NEVER)
    for i, name in enumerate(("lisa", "omar")):
        e.register_expert(at(i), name, email=f"{name}@shop.example", invite_code="TULIP26",
                          name=name.title())  # fmt: skip
        e.approve_expert(at(i), name, store="ams")
    e.drain_effects()
    return e


@pytest.fixture
def engine() -> Iterator[vshop.Engine]:
    e = merchant()
    yield e
    e.check_invariants()  # every test leaves a consistent engine
