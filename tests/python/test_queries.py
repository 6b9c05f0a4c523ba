"""Queries, metrics records and notebook views through Python (docs/reference.md Appendix A,
R-METRIC-1, R-DISPLAY-1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pathlib

import pytest

import vshop
from conftest import UTC, at

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "data" / "examples"
DAY = dt.datetime(2026, 5, 14, tzinfo=UTC)


@pytest.fixture
def day_basic() -> vshop.Engine:
    engine = vshop.Engine()
    engine.replay((EXAMPLES / "day_basic.jsonl").read_text())
    return engine


def test_expert_and_chat_views(engine: vshop.Engine) -> None:
    engine.go_available(at(1), "lisa")
    chat = engine.request_chat(at(2), "s1")
    lisa = engine.expert("lisa")
    assert lisa == vshop.ExpertView(
        id="lisa", account=vshop.ExpertAccount.APPROVED, anonymized=False, store="ams",
        available=True, active_chats=0, missed_streak=0, decline_streak=0, pending_offer=chat,
        pending_transfer=None, video_chat=None,
    )  # fmt: skip
    view = engine.chat(chat)
    assert view is not None and view.state is vshop.ChatState.REQUESTED
    assert view.pending_offers == ["lisa"] and view.expert is None and view.rating is None
    assert engine.expert("nobody") is None and engine.chat("nothing") is None
    assert engine.chat_count() == 1
    with pytest.raises(vshop.NotFound, match="chat"):
        engine.transfer_candidates("nothing")


def test_widget_state_R_DISPLAY_1(engine: vshop.Engine) -> None:
    url, home = "https://shop.example/", "home"
    nobody_online = engine.widget_state(at(1), page_url=url, page_type=home)
    assert nobody_online is vshop.WidgetState.ONGOING_ONLY
    engine.go_available(at(1), "lisa")
    assert engine.widget_state(at(2), page_url=url, page_type=home) is vshop.WidgetState.VISIBLE
    assert engine.widget_state(at(2), page_url="https://x/cart", page_type="cart") is (
        vshop.WidgetState.HIDDEN
    )
    rules = vshop.WidgetRules(geo=(vshop.GeoRule("country", "US"),))
    geo = engine.widget_state(at(2), page_url=url, page_type=home, country="US", rules=rules)
    assert geo is vshop.WidgetState.HIDDEN


def test_metrics_record_R_METRIC_1(day_basic: vshop.Engine) -> None:
    m = day_basic.metrics("merchant", DAY, DAY + dt.timedelta(days=1))
    report = json.loads(day_basic.metrics_report_json())
    assert (m.initiated, m.claimed, m.missed) == (3, 2, 1)
    assert m.claimed_ratio == pytest.approx(2 / 3)
    assert m.response_median == dt.timedelta(milliseconds=6200)  # 6.25 s, 100 ms buckets
    assert [(c.code, c.gross, c.gross_minor) for c in m.currencies] == [("EUR", "89.95", 8995)]
    assert m == day_basic.metrics(vshop.Scope.merchant(), DAY, DAY + dt.timedelta(days=1))
    assert "initiated" in json.dumps(report)
    assert day_basic.metrics_report_text().count("\n") > 3
    row = m.to_dict()
    assert row == dataclasses.asdict(m) == m._asdict() and row["initiated"] == 3
    assert "<table>" in m._repr_html_() and "<td>3</td>" in m._repr_html_()


def test_daily_metrics_table(day_basic: vshop.Engine) -> None:
    table = day_basic.daily_metrics(vshop.Scope.store("ams-centrum"), DAY - dt.timedelta(days=1),
                                    DAY + dt.timedelta(days=2))  # fmt: skip
    assert isinstance(table, vshop.MetricsTable) and isinstance(table, list)
    assert [d.day for d in table] == [dt.date(2026, 5, 13), dt.date(2026, 5, 14),
                                      dt.date(2026, 5, 15)]  # fmt: skip
    assert [d.initiated for d in table][0] == 0 and sum(d.initiated for d in table) > 0
    assert list(table.to_dicts()[0])[0] == "day"
    html = table._repr_html_()
    assert html.count("<tr>") == 4 and "2026-05-14" in html
    with pytest.raises(vshop.NotFound, match="store"):
        day_basic.metrics(vshop.Scope.store("nowhere"), DAY, DAY + dt.timedelta(days=1))
    with pytest.raises(vshop.InvalidArgument, match="to|end"):
        day_basic.metrics("merchant", DAY, DAY)
    with pytest.raises(vshop.InvalidArgument, match="scope"):
        day_basic.metrics(42, DAY, DAY + dt.timedelta(days=1))  # type: ignore[arg-type]


def test_records_build_a_dataframe_shape(day_basic: vshop.Engine) -> None:
    # pandas.DataFrame(list_of_dataclasses) reads dataclasses.fields / asdict: check that shape.
    table = day_basic.daily_metrics("merchant", DAY, DAY + dt.timedelta(days=2))
    rows = [dataclasses.asdict(d) for d in table]
    assert {tuple(r) for r in rows} == {tuple(f.name for f in dataclasses.fields(table[0]))}


def test_settings_and_engine_summary(day_basic: vshop.Engine) -> None:
    s = day_basic.settings()
    assert s.invite_code == "TULIP26" and s.max_active_chats == 2
    assert repr(day_basic) == (
        "vshop.Engine(now=2026-05-14T11:45:00Z, chats=3, next_deadline=2026-05-14T16:00:00Z)"
    )
    html = day_basic._repr_html_()
    assert "vshop.Engine" in html and "2026-05-14T11:45:00Z" in html


def test_store_from_text_and_dict_R_HOURS_5() -> None:
    doc = {"store": "a", "timezone": "Europe/Amsterdam", "osm_hours": "Mo-Fr 09:00-17:00",
           "name": "A", "lat": 52.1, "lon": 4.9, "departments": ["shoes"]}  # fmt: skip
    store = vshop.Store(doc)
    same = vshop.Store(json.dumps(doc).encode())
    assert (store.id, store.name, store.lat, store.departments) == ("a", "A", 52.1, ["shoes"])
    assert store.osm_hours == "Mo-Fr 09:00-17:00" and same.timezone == "Europe/Amsterdam"
    assert repr(store) == "Store('a', 'Europe/Amsterdam')"
    thursday = dt.datetime(2026, 5, 14, 7, 30, tzinfo=UTC)  # 09:30 local
    assert store.is_open(thursday)
    assert store.next_change(thursday) == dt.datetime(2026, 5, 14, 15, tzinfo=UTC)
    week = store.open_intervals(thursday, thursday + dt.timedelta(days=7))
    assert len(week) == 6  # Thu, Fri, Mon..Wed, and next Thursday clipped at the end
    assert week[0][0] == thursday and week[-1] == (thursday - dt.timedelta(minutes=30) +
                                                   dt.timedelta(days=7), thursday + dt.timedelta(days=7))  # fmt: skip
    with pytest.raises(vshop.InvalidArgument, match="timezone"):
        vshop.Store({"store": "b", "timezone": "Mars/Olympus"})
    with pytest.raises(vshop.InvalidArgument, match="to"):
        store.open_intervals(thursday, thursday + dt.timedelta(days=1001))


def test_pandas_dataframe_takes_the_records(day_basic: vshop.Engine) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (requirements.txt)")
    start, end = DAY - dt.timedelta(days=1), DAY + dt.timedelta(days=2)
    frame = pd.DataFrame(day_basic.daily_metrics("merchant", start, end))
    assert list(frame["initiated"]) == [0, 3, 0]
    assert list(frame["day"]) == [dt.date(2026, 5, 13), DAY.date(), dt.date(2026, 5, 15)]
    assert frame["response_median"][1] == pd.Timedelta(milliseconds=6200)
    whole = pd.DataFrame([day_basic.metrics("merchant", DAY, DAY + dt.timedelta(days=1))])
    assert whole.loc[0, "claimed"] == 2
