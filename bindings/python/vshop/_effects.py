"""``Effect.to_dict()`` and ``repr(effect)``: both follow the canonical JSON of the effect, so
they hold exactly the fields its kind carries, in the order of docs/reference.md §11."""

from __future__ import annotations

import json
from typing import Any

from vshop._vshop import Effect


def effect_to_dict(effect: Effect) -> dict[str, Any]:
    """The effect's fields as Python values: ``kind`` (EffectKind) first, datetimes for ``at`` and
    ``deadline``, enums for ``reason`` and ``channel``; other keys as in the JSON form."""
    out: dict[str, Any] = {"kind": effect.kind}
    for key, value in json.loads(effect.to_json()).items():
        if key == "effect":
            continue
        if key in ("at", "deadline", "reason", "channel", "start", "end"):
            value = getattr(effect, key)
        out[key] = value
    return out


def effect_repr(effect: Effect) -> str:
    """``Effect(chat_offered, at=2026-05-14T08:01:00Z, chat='c1', experts=['lisa'], ...)``."""
    fields = json.loads(effect.to_json())
    kind = fields.pop("effect")
    plain = ("at", "deadline", "start", "end")
    parts = [kind] + [f"{k}={v if k in plain else repr(v)}" for k, v in fields.items()]
    return f"Effect({', '.join(parts)})"


def install() -> None:
    """Adds the methods to the extension class (called once by ``vshop/__init__``)."""
    setattr(Effect, "to_dict", effect_to_dict)
    setattr(Effect, "_asdict", effect_to_dict)
    setattr(Effect, "__repr__", effect_repr)
