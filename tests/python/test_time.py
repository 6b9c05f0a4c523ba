"""Datetimes across the boundary (R-TIME-1/2): aware in, aware UTC out, naive rejected naming the
parameter, zones with DST gaps and overlaps, millisecond resolution, years 1..9999."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vshop
from conftest import ALL_WEEK, UTC, merchant

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "local",
    [
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=AMS, fold=0),  # overlap, first (CEST)
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=AMS, fold=1),  # overlap, second (CET)
        dt.datetime(2026, 3, 29, 2, 30, tzinfo=AMS),  # gap: Python reads it with the old offset
        dt.datetime(2026, 11, 1, 1, 30, tzinfo=NY, fold=1),
        dt.datetime(2026, 5, 14, 10, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    ],
)
def test_aware_datetime_round_trip_R_TIME_2(local: dt.datetime) -> None:
    engine = vshop.Engine()
    engine.advance(local)
    now = engine.now
    assert now.tzinfo is UTC
    expected = local.astimezone(UTC)
    assert now == expected.replace(microsecond=expected.microsecond // 1000 * 1000)
    assert vshop.parse_instant(vshop.format_instant(local)) == now


def test_overlap_folds_are_an_hour_apart() -> None:
    first = vshop.format_instant(dt.datetime(2026, 10, 25, 2, 30, tzinfo=AMS, fold=0))
    second = vshop.format_instant(dt.datetime(2026, 10, 25, 2, 30, tzinfo=AMS, fold=1))
    assert (first, second) == ("2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z")


def test_milliseconds_kept_microseconds_truncated() -> None:
    t = dt.datetime(2026, 5, 14, 8, 0, 0, 250999, tzinfo=UTC)
    assert vshop.format_instant(t) == "2026-05-14T08:00:00.250Z"
    before_epoch = dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert vshop.format_instant(before_epoch) == "1969-12-31T23:59:59.999Z"


@pytest.mark.parametrize("method", ["advance", "go_available", "metrics"])
def test_naive_datetime_rejected_naming_the_parameter(method: str) -> None:
    engine = merchant()
    naive = dt.datetime(2026, 5, 14, 8, 0)
    calls: dict[str, tuple[Callable[[], object], str]] = {
        "advance": (lambda: engine.advance(naive), "now"),
        "go_available": (lambda: engine.go_available(naive, "lisa"), "at"),
        "metrics": (lambda: engine.metrics("merchant", naive, naive), "start"),
    }
    call, param = calls[method]
    snapshot = engine.snapshot()
    with pytest.raises(vshop.InvalidArgument, match=f"^{param}: naive datetime"):
        call()
    assert engine.snapshot() == snapshot


def test_text_instants_accepted_and_checked() -> None:
    engine = vshop.Engine()
    engine.advance("2026-05-14T10:00:00+02:00")
    assert engine.now == dt.datetime(2026, 5, 14, 8, tzinfo=UTC)
    with pytest.raises(vshop.InvalidArgument, match="now"):
        engine.advance("yesterday")


def test_instants_outside_years_1_to_9999_rejected() -> None:
    too_early = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with pytest.raises(vshop.InvalidArgument, match="now"):
        vshop.Engine().advance(too_early)
    latest = dt.datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
    engine = vshop.Engine()
    engine.advance(latest)
    assert engine.now == latest


def test_deadlines_and_durations_are_aware_datetimes_and_timedeltas() -> None:
    engine = merchant()
    t = dt.datetime(2026, 5, 14, 11, 0, tzinfo=AMS)
    engine.go_available(t, "lisa")
    engine.request_chat(t, "s1")
    offered = [e for e in engine.drain_effects() if e.kind is vshop.EffectKind.CHAT_OFFERED][0]
    assert offered.deadline == t + engine.settings().offer_timeout
    assert engine.next_deadline == offered.deadline
    assert engine.settings().claim_window == dt.timedelta(seconds=90)


def test_store_hours_across_dst_R_HOURS_4() -> None:
    store = vshop.Store({"store": "ams", "timezone": "Europe/Amsterdam",
                         "hours": {**ALL_WEEK, "sat": ["10:00-18:00"], "sun": ["10:00-18:00"]}})  # fmt: skip
    # 2026-03-29 is the Sunday of the spring-forward change: 10:00 local is 08:00Z, not 09:00Z.
    sat, sun = dt.datetime(2026, 3, 28, tzinfo=AMS), dt.datetime(2026, 3, 29, tzinfo=AMS)
    (sat_open, sat_close), = store.open_intervals(sat, sat + dt.timedelta(days=1))  # fmt: skip
    (sun_open, sun_close), = store.open_intervals(sun, sun + dt.timedelta(hours=23))  # fmt: skip
    assert (sat_open, sat_close) == (dt.datetime(2026, 3, 28, 9, tzinfo=UTC),
                                     dt.datetime(2026, 3, 28, 17, tzinfo=UTC))  # fmt: skip
    assert (sun_open, sun_close) == (dt.datetime(2026, 3, 29, 8, tzinfo=UTC),
                                     dt.datetime(2026, 3, 29, 16, tzinfo=UTC))  # fmt: skip
    assert sun_open == dt.datetime(2026, 3, 29, 10, tzinfo=AMS)
    assert store.is_open(dt.datetime(2026, 3, 29, 17, 59, tzinfo=AMS))
    assert not store.is_open(dt.datetime(2026, 3, 29, 18, 0, tzinfo=AMS))
    assert store.next_change(dt.datetime(2026, 3, 29, 12, tzinfo=AMS)) == sun_close


@given(
    st.datetimes(
        min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, AMS, NY, zoneinfo.ZoneInfo("Australia/Lord_Howe"),
                                   dt.timezone(dt.timedelta(hours=-9, minutes=-30))]),
    )  # fmt: skip
)
@settings(max_examples=300, deadline=None)
def test_any_aware_datetime_converts_like_python_R_TIME_2(local: dt.datetime) -> None:
    utc = local.astimezone(UTC)
    text = vshop.format_instant(local)
    assert vshop.parse_instant(text) == utc.replace(microsecond=utc.microsecond // 1000 * 1000)
    assert text.startswith(utc.isoformat()[:19]) and text.endswith("Z")
