"""Issue 16 from Python: the Dashboard's exports (docs/metrics.md, "Exports"), team scope and
the metrics figures added for it (offered, associate-days), on the shared example day."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pathlib

import pytest

import vshop

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "data" / "examples"
DAY = dt.datetime(2026, 5, 14, tzinfo=dt.timezone.utc)


@pytest.fixture
def day_basic() -> vshop.Engine:
    engine = vshop.Engine()
    engine.replay((EXAMPLES / "day_basic.jsonl").read_text())
    return engine


def test_export_chats_csv_and_jsonl_R_METRIC_1(day_basic: vshop.Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(day_basic.export_chats())))
    assert [(r["chat"], r["store"], r["experts"], r["outcome"]) for r in rows] == [
        ("c1", "ams-centrum", "omar", "claimed"),
        ("c2", "ams-centrum", "lisa", "claimed"),
        ("c3", "rotterdam", "pieter", "taken"),
    ]
    lines = [json.loads(line) for line in day_basic.export_chats(dt.date(2026, 5, 14), "2026-05-14", format="jsonl").splitlines()]
    assert [x["chat"] for x in lines] == ["c1", "c2", "c3"]
    assert lines[0]["sales"] == [{"currency": "EUR", "orders": 1, "gross": "89.95"}]
    assert lines[0]["rating"] == 5 and lines[1]["rating"] is None
    assert day_basic.export_chats("2026-05-15", "2026-05-15", format="jsonl") == ""


def test_export_data_R_METRIC_1(day_basic: vshop.Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(day_basic.export_data())))
    sales = [r for r in rows if r["section"] == "sales"]
    assert [(r["expert"], r["currency"], r["gross"]) for r in sales] == [("omar", "EUR", "89.95")]
    assert {r["expert"]: int(r["active_days"]) for r in rows} == {"lisa": 1, "omar": 1, "pieter": 1}


def test_export_bad_arguments_name_the_field(day_basic: vshop.Engine) -> None:
    with pytest.raises(vshop.InvalidArgument, match="from"):
        day_basic.export_chats("2026-02-30")
    with pytest.raises(vshop.InvalidArgument, match="format"):
        day_basic.export_data(format="xml")
    with pytest.raises(vshop.InvalidArgument, match="to"):
        day_basic.export_chats("2026-05-15", "2026-05-14")


def test_team_scope_and_new_figures_R_EXP_2(day_basic: vshop.Engine) -> None:
    day_basic.approve_expert(DAY + dt.timedelta(hours=19), expert="lisa", store="ams-centrum", team="floor")
    end = DAY + dt.timedelta(days=1)
    team = day_basic.metrics(vshop.Scope.team("floor"), DAY, end)
    lisa = day_basic.metrics(vshop.Scope.expert("lisa"), DAY, end)
    assert (team.initiated, team.claimed, team.offered) == (lisa.initiated, lisa.claimed, lisa.offered) == (1, 1, 2)
    assert lisa.offers_claimed_ratio == pytest.approx(0.5)
    merchant = day_basic.metrics("merchant", DAY, end)
    assert merchant.associate_days == 3 and merchant.chats_per_associate == pytest.approx(1.0)
    with pytest.raises(vshop.NotFound, match="team"):
        day_basic.metrics(vshop.Scope.team("nobody"), DAY, end)
