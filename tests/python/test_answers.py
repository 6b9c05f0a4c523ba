"""The §12 answers through Python (docs/reference.md §12): shopper_event and shopper_context
(R-CTX-1), explain_* (R-WHY-1), queue_status (R-QUEUE-1), next_opening (R-OPEN-1) and the
generic ``Engine.query``."""

from __future__ import annotations

import pytest

import vshop
from conftest import at, merchant

VIEW = {"type": "ecommerce:detail", "products": [{"id": "SKU-1", "name": "Red shoe", "price": 10}]}


def test_ctx_1_shopper_event_and_context() -> None:
    e = merchant()
    e.go_available(at(1), "lisa")
    chat = e.request_chat(at(2), "s1")
    e.shopper_event(at(3), "s1", VIEW)
    ctx = e.shopper_context(chat, "lisa")
    assert ctx["product_views"] == [{"id": "SKU-1", "name": "Red shoe"}]
    assert ctx["last_activity"] == "2026-05-14T08:00:03Z"
    assert ctx["spoken_before"] is False
    with pytest.raises(vshop.InvalidArgument, match="products_missing"):
        e.shopper_event(at(4), "s1", {"type": "ecommerce:detail"})
    with pytest.raises(vshop.NotFound, match="shopper"):
        e.shopper_event(at(4), "nobody", VIEW)


def test_why_1_explanations() -> None:
    e = merchant()
    e.go_available(at(1), "lisa")
    assert e.explain_expert("lisa") == {
        "expert": "lisa",
        "eligible": True,
        "reasons": [],
        "unavailable_reason": None,
    }
    assert e.explain_expert("omar")["reasons"] == ["unavailable"]
    chat = e.request_chat(at(2), "s1")
    assert e.explain_expert("lisa")["reasons"] == ["holding_offer"]
    e.claim(at(3), "lisa", chat)
    e.record_purchase(at(4), "o1", "s1", "10.00", "EUR")
    got = e.explain_purchase("o1")
    assert got["outcome"] == "sale_attributed"
    assert got["contact"] == {"expert": "lisa", "chat": chat, "at": "2026-05-14T08:00:03Z"}
    assert e.explain_widget({"page_type": "checkout"}) == {
        "state": "hidden",
        "reasons": ["page_type_not_shown"],
    }
    with pytest.raises(vshop.NotFound, match="order"):
        e.explain_purchase("o9")


def test_queue_1_and_open_1() -> None:
    e = merchant(offer_fanout=1)
    e.go_available(at(1), "lisa")
    chat = e.request_chat(at(2), "s1")
    status = e.queue_status(chat, at(12))
    assert status["waves"] == 1
    assert status["offered"] == ["lisa"]
    assert status["time_left_ms"] == 80_000
    opening = e.next_opening("Asia/Tokyo", at(0))
    assert opening["open_now"] is True
    assert opening["local"] == "2026-05-14T17:00"
    with pytest.raises(vshop.InvalidArgument, match="tz"):
        e.next_opening("Nowhere/Town")


def test_query_by_name_and_bad_arguments() -> None:
    e = merchant()
    assert e.query("expert", "lisa")["store"] == "ams"
    with pytest.raises(vshop.InvalidArgument, match="unknown query"):
        e.query("nope")
    with pytest.raises(vshop.InvalidArgument, match="CHAT EXPERT"):
        e.query("shopper_context", "c1")
    with pytest.raises(vshop.NotFound, match="chat"):
        e.query("chat", "c404")
