"""Every command of include/vshop/engine/command.hpp through its typed Python method, the dict
form (apply) and the text form (apply_json), with the effects each gives."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

import vshop
from conftest import ALL_WEEK, at, merchant

K = vshop.EffectKind


def kinds(engine: vshop.Engine) -> list[vshop.EffectKind]:
    return [e.kind for e in engine.drain_effects()]


@pytest.mark.parametrize("kind", list(vshop.CommandKind), ids=lambda k: k.value)
def test_every_command_kind_has_a_typed_method(kind: vshop.CommandKind) -> None:
    assert callable(getattr(vshop.Engine, kind.value))


def test_chat_cycle_hot_path_R_CHAT_1_to_8(engine: vshop.Engine) -> None:
    engine.go_available(at(10), "lisa")
    engine.go_available(at(10), "omar")
    assert kinds(engine) == [K.EXPERT_AVAILABLE, K.EXPERT_AVAILABLE]
    chat = engine.request_chat(at(20), "s1", page_url="https://shop.example/p/1", country="NL")
    assert engine.request_chat(at(21), "s1") == chat  # R-CHAT-1: the open chat again
    assert kinds(engine) == [K.CHAT_OFFERED]
    engine.decline(at(22), "omar", chat)
    engine.claim(at(23), "lisa", chat)
    assert kinds(engine) == [K.OFFER_WITHDRAWN, K.CHAT_CLAIMED]
    engine.send_message(at(24), chat, vshop.MessageSender.EXPERT, kind="product_card")
    engine.send_message(at(25), chat, "shopper")
    assert kinds(engine) == []  # the shopper is online: nothing to notify
    engine.finish_chat(at(30), "lisa", chat)
    assert kinds(engine) == [K.CHAT_FINISHED]
    engine.rate_chat(at(31), "s1", chat, stars=5)
    engine.record_purchase(at(40), "o1", "s1", "89.95", "EUR", items=[{"sku": "x", "qty": 1}])
    engine.record_purchase(at(41), "o2", "s1", 8995, "EUR")
    engine.record_purchase(at(42), "o3", "nobody", decimal.Decimal("1.50"), "EUR")
    effects = engine.drain_effects()
    assert [e.kind for e in effects] == [K.SALE_ATTRIBUTED, K.SALE_ATTRIBUTED, K.SALE_UNATTRIBUTED]
    assert effects[0].subtotal == "89.95" and effects[1].subtotal == 8995
    assert effects[1].to_json().endswith('"subtotal":8995,"currency":"EUR"}')
    assert effects[2].reason is vshop.UnattributedReason.NO_CONTACT
    chat_view = engine.chat(chat)
    assert chat_view is not None and chat_view.rating == 5
    assert chat_view.state is vshop.ChatState.FINISHED


def test_send_message_notifies_an_offline_shopper_once_R_CHAT_7(engine: vshop.Engine) -> None:
    chat = engine.request_chat(at(1), "s1")  # nobody available: missed
    engine.leave_message(at(2), chat, text="hi", channel="sms", address="+31600000000")
    engine.go_available(at(3), "lisa")
    engine.take_left_message(at(4), "lisa", chat)  # R-PIN-7: the shopper starts offline
    engine.drain_effects()
    engine.send_message(at(5), chat, "expert")
    engine.send_message(at(6), chat, vshop.MessageSender.EXPERT)
    (notify,) = engine.drain_effects()
    assert notify.kind is K.NOTIFY_SHOPPER and notify.shopper == "s1"
    assert notify.channel is vshop.NotifyChannel.SMS and notify.address == "+31600000000"
    engine.shopper_online(at(7), "s1")
    engine.send_message(at(8), chat, "expert")
    assert engine.drain_effects() == []
    engine.shopper_offline(at(9), "s1")
    engine.send_message(at(10), chat, "expert")
    assert kinds(engine) == [K.NOTIFY_SHOPPER]


def test_less_frequent_commands_generic_path(engine: vshop.Engine) -> None:
    engine.configure(at(1), claim_window=dt.timedelta(minutes=2), transfer_timeout=45,
                     contact_channels=["sms", "email"], show_when_busy=True)  # fmt: skip
    settings = engine.settings()
    assert settings.claim_window == dt.timedelta(minutes=2)
    assert settings.transfer_timeout == dt.timedelta(seconds=45)
    assert settings.contact_channels == ["email", "sms"] and settings.show_when_busy
    with pytest.raises(vshop.InvalidSetting, match="claim_window"):
        engine.configure(at(1), claim_window=dt.timedelta(seconds=30.5))
    with pytest.raises(vshop.InvalidSetting, match="claim_window_s"):
        engine.configure(at(1), claim_window=dt.timedelta(hours=1))  # R-SET-1: 10 s..10 min
    engine.update_store(at(2), store="ams", timezone="Europe/Amsterdam", name="Centrum",
                        hours=ALL_WEEK)  # fmt: skip
    engine.register_expert(at(3), "pat", email="p@x.example", invite_code="TULIP26",
                           name="Pat", employee_id="E1")  # fmt: skip
    engine.approve_expert(at(4), "pat", store="ams", team="shoes", departments=["shoes"])
    engine.go_available(at(5), "lisa")
    engine.go_available(at(5), "omar")
    chat = engine.request_chat(at(6), "s1")
    engine.decline_and_go_unavailable(at(7), "omar", chat)
    engine.claim(at(8), "lisa", chat)
    engine.start_video(at(9), "lisa", chat)
    engine.end_video(at(10), "lisa", chat)
    assert kinds(engine)[-6:] == [
        K.CHAT_OFFERED, K.OFFER_WITHDRAWN, K.EXPERT_UNAVAILABLE, K.CHAT_CLAIMED, K.VIDEO_STARTED,
        K.VIDEO_ENDED,
    ]  # fmt: skip
    assert engine.transfer_candidates(chat) == []
    engine.go_available(at(10), "omar")
    assert engine.transfer_candidates(chat) == [vshop.StoreCandidates("ams", ["omar"])]
    engine.transfer(at(11), "lisa", chat, to="omar", note="knows the size charts")
    engine.decline_transfer(at(12), "omar", chat)
    engine.transfer(at(13), "lisa", chat, to="omar", note="please")
    engine.accept_transfer(at(14), "omar", chat)
    assert engine.open_chats("omar") == [chat]
    engine.block_shopper(at(15), "omar", chat)
    engine.unblock_shopper(at(16), "s1")
    engine.deactivate_expert(at(17), "pat")
    engine.reactivate_expert(at(18), "pat")
    engine.deactivate_expert(at(19), "pat")
    engine.anonymize_expert(at(20), "pat")
    pat = engine.expert("pat")
    assert pat is not None and pat.anonymized
    engine.subscribe_digest(at(21), "m1", email="m1@x.example")
    engine.unsubscribe_digest(at(22), "m1")
    engine.deactivate_store(at(23), "shut")
    engine.deactivate_merchant(at(24))
    effects = {e.kind for e in engine.drain_effects()}
    assert {K.TRANSFER_OFFERED, K.TRANSFER_FAILED, K.TRANSFER_COMPLETED,
            K.SHOPPER_BLOCKED} <= effects  # fmt: skip
    engine.check_invariants()


def test_left_message_R_CHAT_6(engine: vshop.Engine) -> None:
    chat = engine.request_chat(at(1), "s1")
    missed = engine.drain_effects()
    assert [e.reason for e in missed] == [vshop.MissReason.NO_EXPERT_AVAILABLE]
    engine.leave_message(at(2), chat, text="call me", channel=vshop.NotifyChannel.SMS,
                         address="+31600000000")  # fmt: skip
    assert engine.pending_left_messages() == [chat]
    engine.go_available(at(3), "lisa")
    engine.take_left_message(at(4), "lisa", chat)
    assert [e.kind for e in engine.drain_effects()] == [
        K.LEFT_MESSAGE_QUEUED, K.EXPERT_AVAILABLE, K.CHAT_TAKEN,
    ]  # fmt: skip
    assert engine.pending_left_messages() == []


def test_apply_dict_and_json_forms_agree() -> None:
    by_dict, by_text, typed = merchant(), merchant(), merchant()
    by_dict.apply({"at": at(5), "cmd": "go_available", "expert": "lisa"})
    by_dict.apply({"at": "2026-05-14T08:00:06Z", "cmd": "request_chat", "shopper": "s1",
                   "chat": "mine"})  # fmt: skip
    by_text.apply_json('{"at":"2026-05-14T08:00:05Z","cmd":"go_available","expert":"lisa"}')
    by_text.apply_json(
        b'{"at":"2026-05-14T08:00:06Z","cmd":"request_chat","shopper":"s1","chat":"mine"}'
    )
    typed.go_available(at(5), "lisa")
    assert typed.request_chat(at(6), "s1", chat="mine") == "mine"
    assert by_dict.snapshot() == by_text.snapshot() == typed.snapshot()
    assert [e.to_json() for e in by_dict.drain_effects()] == [
        e.to_json() for e in typed.drain_effects()
    ]
    assert by_dict.drain_journal() == typed.drain_journal()


def test_advance_fires_timers_R_TIME_3(engine: vshop.Engine) -> None:
    engine.go_available(at(1), "lisa")
    engine.request_chat(at(2), "s1")
    engine.drain_effects()
    deadline = engine.next_deadline
    assert deadline is not None
    engine.advance(deadline)
    assert K.OFFER_EXPIRED in kinds(engine)
    assert engine.drain_journal()[-1] == '{"at":"2026-05-14T08:00:32Z","cmd":"advance"}'
    engine.set_journaling(False)
    engine.advance(deadline + dt.timedelta(minutes=5))
    assert engine.drain_journal() == []


def test_effect_object_frozen_repr_dict_hash(engine: vshop.Engine) -> None:
    engine.go_available(at(1), "lisa")
    engine.request_chat(at(2), "s1", chat="c9")
    available, offered = engine.drain_effects()
    assert repr(offered) == (
        "Effect(chat_offered, at=2026-05-14T08:00:02Z, chat='c9', "
        "experts=['lisa'], deadline=2026-05-14T08:00:32Z)"
    )
    d = offered.to_dict()
    assert d["kind"] is K.CHAT_OFFERED and d["chat"] == "c9" and d["experts"] == ["lisa"]
    assert d["deadline"] == offered.deadline and isinstance(d["at"], dt.datetime)
    assert list(d)[1:] == [k for k in __import__("json").loads(offered.to_json()) if k != "effect"]
    assert offered.channel is None and offered.reason is None and available.chat is None
    with pytest.raises(AttributeError):
        offered.chat = "other"  # type: ignore[misc]
    assert offered == offered and offered != available and len({offered, offered}) == 1


def test_scheduled_effects_R_SCHED_1_R_SCHED_2(engine: vshop.Engine) -> None:
    engine.subscribe_digest(at(1), "m2", email="b@x.example")
    engine.subscribe_digest(at(1), "m1", email="a@x.example")
    engine.register_expert(at(2), "pat", email="p@x.example", invite_code="TULIP26", name="Pat")
    digest_due = engine.next_deadline
    assert digest_due == dt.datetime(2026, 5, 15, 10, tzinfo=dt.timezone.utc)  # day 20588: even
    engine.advance(digest_due)
    (digest,) = engine.drain_effects()
    assert digest.kind is K.TEAM_DIGEST and digest.pending == 1
    assert digest.managers == ["a@x.example", "b@x.example"]
    assert digest.at == digest_due and digest.to_dict()["managers"] == digest.managers
    engine.unsubscribe_digest(digest.at, "m1")
    engine.unsubscribe_digest(digest.at, "m2")
    engine.deactivate_merchant(digest.at)
    engine.advance(digest.at + dt.timedelta(days=60))
    (erased,) = engine.drain_effects()
    assert erased.kind is K.PII_ANONYMIZED and erased.at == digest.at + dt.timedelta(days=60)
    assert erased.to_dict() == {"kind": K.PII_ANONYMIZED, "at": erased.at}
    assert erased.pending is None and erased.managers == []
