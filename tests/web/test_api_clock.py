"""The SSE `clock` event whenever the server's time moves (API.md), and the expert's
`max_active_chats` for the Store App."""

from __future__ import annotations

from typing import Callable

from test_api_flow import effects_of, open_shop
from test_api_shopper_view import listen
from webserver import WebServer


def test_clock_event_every_second_with_the_real_clock(
        web_factory: Callable[..., WebServer]) -> None:
    web = web_factory(test_mode=False)  # no timer pending: only the clock task's tick
    thread, seen = listen(web.client(), count=2)
    thread.join(6)
    clocks = [d["now"] for kind, d in seen if kind == "clock"]
    assert len(clocks) == 2 and clocks[0] < clocks[1], seen


def test_clock_event_when_the_test_clock_or_a_command_moves_time(web: WebServer) -> None:
    open_shop(web)  # 09:00
    shopper = web.client()
    thread, seen = listen(shopper)
    web.set_time("2026-05-14T09:00:05Z")  # no timer due
    web.set_time("2026-05-14T09:00:05Z")  # the same time: the clock did not move
    web.set_time("2026-05-14T09:00:07Z")
    thread.join(6)
    clocks = [d["now"] for kind, d in seen if kind == "clock"]
    assert clocks == ["2026-05-14T09:00:05Z", "2026-05-14T09:00:07Z"]


def test_expert_view_has_max_active_chats_R_ROUTE_capacity(web: WebServer) -> None:
    manager = web.client("manager")
    settings = manager.get("/api/settings").json()
    assert web.client("lisa").get("/api/expert/lisa").json()["max_active_chats"] \
        == settings["max_active_chats"] == 3
    assert effects_of(manager.post("/api/command",
                                   json={"cmd": "configure", "max_active_chats": 5})) == []
    assert web.client("lisa").get("/api/expert/lisa").json()["max_active_chats"] == 5
