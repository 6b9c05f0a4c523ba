"""Every ErrorCode through Python, raised as its own vshop.Error subclass (docs/reference.md §11
"Errors"), and the exception hierarchy."""

from __future__ import annotations

import datetime as dt
from typing import Callable

import pytest

import vshop
from conftest import at, merchant

Scenario = Callable[[vshop.Engine], object]


def _active_chat(e: vshop.Engine, shopper: str = "s1", t: float = 100) -> str:
    """lisa available, `shopper` requests, lisa claims: returns the chat id."""
    e.go_available(at(t), "lisa")
    chat = e.request_chat(at(t + 1), shopper)
    e.claim(at(t + 2), "lisa", chat)
    return chat


def _missed_chat_with_message(e: vshop.Engine) -> str:
    chat = e.request_chat(at(50), "s0")  # nobody available: missed
    e.leave_message(at(51), chat, text="call me", channel="email", address="s0@x.example")
    return chat


def _out_of_order(e: vshop.Engine) -> None:
    e.advance(at(100))
    e.go_available(at(50), "lisa")


def _not_approved(e: vshop.Engine) -> None:
    e.register_expert(at(5), "pat", email="p@x.example", invite_code="TULIP26", name="Pat")
    e.go_available(at(6), "pat")


def _empty_note(e: vshop.Engine) -> None:
    e.go_available(at(90), "omar")
    e.transfer(at(150), "lisa", _active_chat(e), to="omar", note="")


def _at_capacity(e: vshop.Engine) -> None:
    e.configure(max_active_chats=1)
    left = _missed_chat_with_message(e)
    _active_chat(e)
    e.take_left_message(at(200), "lisa", left)


def _no_store(e: vshop.Engine) -> None:
    e.add_store(store="b", timezone="UTC", hours={"mon": ["09:00-17:00"]})
    e.register_expert(at(10), "pat", email="p@x.example", invite_code="TULIP26", name="Pat")
    e.approve_expert(at(11), "pat", store="b")
    e.deactivate_store(at(12), "b")
    e.go_available(at(13), "pat")


def _store_closed(e: vshop.Engine) -> None:
    e.register_expert(at(10), "pat", email="p@x.example", invite_code="TULIP26", name="Pat")
    e.approve_expert(at(11), "pat", store="shut")
    e.go_available(at(12), "pat")


def _transfer_pending(e: vshop.Engine) -> None:
    chat = _active_chat(e)
    e.register_expert(at(103), "pat", email="p@x.example", invite_code="TULIP26", name="Pat")
    e.approve_expert(at(104), "pat", store="ams")
    e.go_available(at(110), "omar")
    e.go_available(at(110), "pat")
    e.transfer(at(111), "lisa", chat, to="omar", note="shoes")
    e.transfer(at(112), "lisa", chat, to="pat", note="again")


def _video_busy(e: vshop.Engine) -> None:
    first = _active_chat(e, "s1", 100)
    second = _active_chat(e, "s2", 200)
    e.start_video(at(300), "lisa", first)
    e.start_video(at(301), "lisa", second)


def _limit_exceeded(e: vshop.Engine) -> None:
    for i in range(101):  # Appendix B: at most 100 digest managers
        e.subscribe_digest(at(1), f"m{i}", email=f"m{i}@x.example")


def _channel_disabled(e: vshop.Engine) -> None:
    chat = _active_chat(e)  # contact_channels is empty by default (R-CONTACT-2)
    e.invite_contact(at(110), "lisa", chat, channel="sms", address="+31612345678")


def _duplicate_order(e: vshop.Engine) -> None:
    e.record_purchase(at(1), "o1", "s1", "10.00", "EUR")
    e.record_purchase(at(2), "o1", "s1", "10.00", "EUR")


SCENARIOS: dict[vshop.ErrorCode, Scenario] = {
    vshop.ErrorCode.OUT_OF_ORDER_TIME: _out_of_order,
    vshop.ErrorCode.INVALID_ARGUMENT: lambda e: e.request_chat(at(1), "s1", lat=52.0),
    vshop.ErrorCode.NOT_FOUND: lambda e: e.go_available(at(1), "nobody"),
    vshop.ErrorCode.ALREADY_EXISTS: lambda e: e.register_expert(
        at(5), "lisa", email="other@x.example", invite_code="TULIP26", name="L"
    ),
    vshop.ErrorCode.INVALID_INVITE_CODE: lambda e: e.register_expert(
        at(5), "pat", email="p@x.example", invite_code="WRONG00", name="Pat"
    ),
    vshop.ErrorCode.INVALID_SETTING: lambda e: e.configure(max_active_chats=0),
    vshop.ErrorCode.NOT_APPROVED: _not_approved,
    vshop.ErrorCode.NO_STORE: _no_store,
    vshop.ErrorCode.STORE_CLOSED: _store_closed,
    vshop.ErrorCode.AT_CAPACITY: _at_capacity,
    vshop.ErrorCode.OFFER_NOT_PENDING: lambda e: e.claim(at(60), "lisa", _missed_chat_with_message(e)),
    vshop.ErrorCode.NOT_CHAT_EXPERT: lambda e: e.finish_chat(at(150), "omar", _active_chat(e)),
    vshop.ErrorCode.INVALID_STATE: lambda e: e.finish_chat(
        at(60), "lisa", _missed_chat_with_message(e)
    ),
    vshop.ErrorCode.TRANSFER_PENDING: _transfer_pending,
    vshop.ErrorCode.TARGET_NOT_ELIGIBLE: lambda e: e.transfer(
        at(150), "lisa", _active_chat(e), to="lisa", note="me"
    ),
    vshop.ErrorCode.EMPTY_NOTE: _empty_note,
    vshop.ErrorCode.VIDEO_BUSY: _video_busy,
    vshop.ErrorCode.DUPLICATE_ORDER: _duplicate_order,
    vshop.ErrorCode.LIMIT_EXCEEDED: _limit_exceeded,
    vshop.ErrorCode.CHANNEL_DISABLED: _channel_disabled,
}


@pytest.mark.parametrize("code", list(SCENARIOS), ids=lambda c: c.name.lower())
def test_each_error_code_raises_its_class(code: vshop.ErrorCode) -> None:
    e = merchant()
    cls = vshop.ERRORS[code]
    with pytest.raises(cls) as info:
        SCENARIOS[code](e)
    err = info.value
    assert isinstance(err, vshop.Error)
    assert err.code == code.name.lower()
    assert err.code_value == int(code)
    assert type(err).__name__ == "".join(p.title() for p in code.name.split("_"))
    assert str(err)  # the message names the field
    e.check_invariants()


def test_every_code_but_internal_has_a_scenario() -> None:
    # `internal` is never produced by a valid engine (a snapshot with broken references is
    # rejected as invalid_argument); its mapping is checked through the test hook below.
    assert set(SCENARIOS) | {vshop.ErrorCode.INTERNAL, vshop.ErrorCode.OK} == set(vshop.ErrorCode)


@pytest.mark.parametrize("code", [c for c in vshop.ErrorCode if c != 0], ids=lambda c: c.name)
def test_status_to_exception_mapping(code: vshop.ErrorCode) -> None:
    with pytest.raises(vshop.ERRORS[code], match="^field: why$"):
        vshop._vshop._raise_error(int(code), "field: why")


def test_hierarchy() -> None:
    assert len(vshop.ERRORS) == 21
    assert vshop.ChannelDisabled.code == "channel_disabled"
    assert vshop.ChannelDisabled.code_value == 21
    assert issubclass(vshop.InvalidArgument, ValueError)
    assert not issubclass(vshop.StoreClosed, ValueError)
    assert vshop.Error.code == "error"
    assert vshop.StoreClosed.code == "store_closed" and vshop.StoreClosed.code_value == 9


def test_rejection_changes_nothing_but_time(engine: vshop.Engine) -> None:
    snapshot = engine.snapshot()
    with pytest.raises(vshop.NotFound, match="nobody"):
        engine.claim(engine.now, "nobody", "c1")
    assert engine.snapshot() == snapshot
    assert engine.drain_effects() == []


def test_bad_python_values_raise_invalid_argument(engine: vshop.Engine) -> None:
    with pytest.raises(vshop.InvalidArgument, match="sender"):
        engine.send_message(at(1), "c1", "robot")  # type: ignore[arg-type]
    with pytest.raises(vshop.InvalidArgument, match="subtotal"):
        engine.record_purchase(at(1), "o1", "s1", 10.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(vshop.InvalidArgument, match="at"):
        engine.go_available(12345, "lisa")  # type: ignore[arg-type]
    with pytest.raises(vshop.InvalidArgument, match="line: not valid UTF-8"):
        engine.apply_json('{"cmd":"advance","x":"\udc80"}')
    with pytest.raises(vshop.InvalidArgument, match="cmd"):
        engine.apply({"cmd": "dance"})
    with pytest.raises(vshop.InvalidArgument, match="line 2"):
        engine.replay(['{"cmd":"advance","at":"2026-05-14T09:00:00Z"}', '{"cmd":"nope"}'])
    assert engine.now == dt.datetime(2026, 5, 14, 9, tzinfo=dt.timezone.utc)  # line 1 applied


@pytest.mark.parametrize(
    ("snapshot", "field"), [("{}", "version"), ("not json", "snapshot"), (b"[1]", "snapshot")]
)
def test_restore_rejects_a_malformed_snapshot_naming_the_field(
    snapshot: str | bytes, field: str
) -> None:
    with pytest.raises(vshop.InvalidArgument, match=field):
        vshop.Engine.restore(snapshot)
