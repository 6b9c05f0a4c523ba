"""Issue 14 part A from Python: send_appointment (R-APPT-2), contacts (R-CONTACT-2),
export_personal_data (R-SCHED-3) and the presence flags of ChatView (R-CHAT-7)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

import vshop
from conftest import UTC, at


def _active_chat(e: vshop.Engine) -> str:
    e.go_available(at(100), "lisa")
    chat = e.request_chat(at(101), "s1")
    e.claim(at(102), "lisa", chat)
    e.drain_effects()
    return chat


def test_r_appt_2_appointment_sent_carries_the_card(engine: vshop.Engine) -> None:
    chat = _active_chat(engine)
    # 2026-10-25 02:30 happens twice in Amsterdam: the earlier instant (R-HOURS-3).
    engine.send_appointment(at(110), "lisa", chat, title="Fitting, 2nd; try",
                            start="2026-10-25T02:30", duration_min=30, location="")
    [effect] = engine.drain_effects()
    assert effect.kind is vshop.EffectKind.APPOINTMENT_SENT
    assert effect.start == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert effect.end == dt.datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert effect.ics is not None and effect.ics.endswith("END:VCALENDAR\r\n")
    assert f"UID:{chat}-1@vshop\r\n" in effect.ics
    assert "SUMMARY:Fitting\\, 2nd\\; try\r\n" in effect.ics
    assert "LOCATION" not in effect.ics
    assert effect.to_dict()["start"] == effect.start
    assert "start=2026-10-25T00:30:00Z" in repr(effect)
    with pytest.raises(vshop.InvalidArgument, match="^duration_min:"):
        engine.send_appointment(at(111), "lisa", chat, title="x", start="2026-10-25T02:30",
                                duration_min=4)


def test_r_contact_2_invite_accept_and_query() -> None:
    e = vshop.Engine()
    e.configure(invite_code="TULIP26", contact_channels=["sms", "whatsapp"])
    e.add_store(store="ams", timezone="Europe/Amsterdam",
                hours={d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    e.register_expert(at(0), "lisa", email="lisa@shop.example", invite_code="TULIP26", name="Lisa")
    e.approve_expert(at(1), "lisa", store="ams")
    chat = _active_chat(e)
    with pytest.raises(vshop.ChannelDisabled, match="^channel:"):
        e.invite_contact(at(110), "lisa", chat, channel="email", address="s1@mail.example")
    with pytest.raises(vshop.InvalidArgument, match="^address:"):
        e.invite_contact(at(110), "lisa", chat, channel="sms", address="+3112")
    e.invite_contact(at(111), "lisa", chat, channel="whatsapp", address="+31612345678")
    [invited] = e.drain_effects()
    assert invited.kind is vshop.EffectKind.CONTACT_INVITED and invited.channel == "whatsapp"
    e.accept_contact(at(112), "s1", chat)
    [added] = e.drain_effects()
    assert added.kind is vshop.EffectKind.CONTACT_ADDED and added.address == "+31612345678"
    assert e.contacts("lisa") == [vshop.Contact("s1", "whatsapp", "+31612345678")]
    with pytest.raises(vshop.NotFound):
        e.contacts("nobody")
    with pytest.raises(vshop.InvalidState):
        e.accept_contact(at(113), "s1", chat)  # used up
    exported = json.loads(e.export_personal_data())
    assert exported["contacts"] == [
        {"expert": "lisa", "shopper": "s1", "channel": "whatsapp", "address": "+31612345678"}
    ]
    assert exported["experts"][0]["email"] == "lisa@shop.example"
    # Export Data (issue 16) counts the expert's contacts on a `contacts` row.
    [row] = [r for r in csv.DictReader(io.StringIO(e.export_data())) if r["section"] == "contacts"]
    assert (row["expert"], row["contacts"]) == ("lisa", "1")


def test_r_sched_3_export_after_the_erasure_holds_nothing_personal(engine: vshop.Engine) -> None:
    before = json.loads(engine.export_personal_data())
    engine.deactivate_merchant(at(10))
    with pytest.raises(vshop.InvalidState):
        engine.deactivate_merchant(at(11))
    engine.advance(at(10) + dt.timedelta(days=60))
    assert engine.drain_effects()[-1].kind is vshop.EffectKind.PII_ANONYMIZED
    after = json.loads(engine.export_personal_data())
    assert list(after) == list(before)
    assert {x["email"] for x in before["experts"]} == {"lisa@shop.example", "omar@shop.example"}
    assert {x["email"] for x in after["experts"]} == {""}
    assert after["erased"] is True


def test_r_chat_7_chat_view_presence_and_left_message(engine: vshop.Engine) -> None:
    chat = _active_chat(engine)
    view = engine.chat(chat)
    assert view is not None and view.shopper_online and not view.left_message
    engine.shopper_offline(at(120), "s1")
    view = engine.chat(chat)
    assert view is not None and not view.shopper_online
    missed = engine.request_chat(at(130), "s2")
    engine.advance(at(1000))
    engine.leave_message(at(1001), missed, text="call me", channel="email",
                         address="s2@mail.example")
    view = engine.chat(missed)
    assert view is not None and view.left_message and view.shopper_online
