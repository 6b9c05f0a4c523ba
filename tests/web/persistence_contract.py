"""Checks every persistence backend of the web host must pass (SQLite: tests/web, Redis:
tests/scale), written once so that the backends are held to the same contract."""

from __future__ import annotations

from typing import Any


def check_append_and_load_in_order(store: Any) -> None:
    """Steps come back in the order appended, numbered from 1, with lines, effects and extra."""
    assert store.append(['{"cmd":"a"}'], ['{"effect":"x"}'], {"text": "hi"}) == 1
    assert store.append(['{"cmd":"b"}', '{"cmd":"c"}'], [], {}) == 2
    saved = store.load()
    assert saved.snapshot is None and saved.host_state is None
    assert [(s.seq, s.lines, s.effects, s.extra) for s in saved.tail] == [
        (1, ['{"cmd":"a"}'], ['{"effect":"x"}'], {"text": "hi"}),
        (2, ['{"cmd":"b"}', '{"cmd":"c"}'], [], {})]
